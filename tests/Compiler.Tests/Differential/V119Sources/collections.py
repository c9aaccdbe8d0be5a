# Lists, tuples, dicts and sets: displays, methods, membership, slicing and slice assignment.
items = [5, 3, 8, 1]
items.append(7)
items.sort()
items[1:3] = [30, 40, 50]
pair = (items[0], items[-1])
first, *middle, last = items
table = {"one": 1, "two": 2}
table["three"] = 3
table.update(four=4)
tags = {"a", "b"}
tags.add("c")
tags.discard("a")
print(items, pair, first, middle, last, sorted(table.items()), sorted(tags))
print(3 in items, "two" in table, "z" not in tags, items[::2], len(table), table.get("five", 0))
