# Control flow: while/for with else, break/continue, nested loops, conditional expressions, walrus.
def search(grid, target):
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value == target:
                break
        else:
            continue
        return (r, c)
    return None

grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(search(grid, 5), search(grid, 10))
n = 0
while True:
    n += 1
    if n % 2:
        continue
    if n > 8:
        break
else:
    n = -1
print(n)
i = 0
while i < 3:
    i += 1
else:
    print("while done", i)
values = [3, 0, 7, -2]
print(["pos" if v > 0 else "zero" if v == 0 else "neg" for v in values])
if (count := len(values)) > 3:
    print("count", count)
print(all(v >= -2 for v in values), any(v > 5 for v in values), not values, values and "yes")
