# Dicts and sets: building, updating, views, membership, set algebra.
stock = {"apple": 3, "pear": 0}
stock["fig"] = 9
stock.update({"pear": 4}, kiwi=2)
removed = stock.pop("apple")
missing = stock.pop("plum", "none")
stock.setdefault("lime", 1)
print(sorted(stock.items()), removed, missing, len(stock), "fig" in stock, "apple" in stock)
print(sorted(stock.keys()), sorted(stock.values()), stock.get("kiwi"), stock.get("x", -1))
copy = dict(stock)
copy.clear()
print(copy, dict(zip("abc", range(3))), dict(a=1, b=2) == {"b": 2, "a": 1})
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a >= {1, 2}, {1} < a)
a.add(9)
a.discard(1)
a.remove(2)
print(sorted(a), len(a), frozenset([1, 1, 2]) == frozenset([2, 1]))
