def average(values):
    if not values:
        raise ValueError("no values")
    return sum(values) / len(values)


def moving(values, window=3):
    out = []
    for i in range(len(values) - window + 1):
        out.append(average(values[i : i + window]))
    return out
