# List, dict and set comprehensions, nested, with conditions; sorting with keys.
data = [("pear", 3), ("fig", 7), ("apple", 3), ("kiwi", 1)]
names = [name for name, _ in data]
by_count = {}
for name, count in data:
    by_count.setdefault(count, []).append(name)
lengths = {name: len(name) for name in names}
evens = {n for n in range(20) if n % 2 == 0 if n % 3 == 0}
grid = [[(r, c) for c in range(r)] for r in range(4)]
flat = [x for row in grid for pair in row for x in pair]
print(names, sorted(by_count.items()), sorted(lengths.items()), sorted(evens))
print(grid, flat)
print(sorted(data, key=lambda d: (d[1], d[0])), sorted(names, key=len, reverse=True))
