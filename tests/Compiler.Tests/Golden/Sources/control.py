# Control flow: if/elif/else, while/else, for/else, break/continue, range loops, try/except/finally, with.
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"


def loops(items):
    out = []
    for i in range(len(items)):
        if i % 2:
            continue
        out.append(items[i])
    for j in range(10, 0, -2):
        out.append(j)
    else:
        out.append(None)
    k = 0
    while k < 5:
        k += 1
        if k == 3:
            break
    else:
        out.append("no break")
    for a, (b, *c) in [(1, (2, 3, 4))]:
        out.append((a, b, c))
    return out


def guarded(path):
    try:
        with open(path) as fp, open(path + ".bak", "w") as bak:
            data = fp.read()
            bak.write(data)
    except (OSError, ValueError) as e:
        print("failed", e)
        raise
    except Exception:
        pass
    else:
        return data
    finally:
        print("done")


def unwind(xs):
    for x in xs:
        try:
            if x:
                break
            try:
                continue
            finally:
                print(x)
        finally:
            print("f")
    while True:
        try:
            return 1
        except KeyError:
            continue


assert classify(5) == "small", "classify"
assert loops
