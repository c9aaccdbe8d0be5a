# global declarations, module names read from functions, del of names, attributes and items.
hits = 0
cache = {}

def record(key):
    global hits
    hits += 1
    cache[key] = hits

def make_global():
    global created
    created = "yes"

record("a")
record("b")
make_global()
del cache["a"]
tmp = [1, 2, 3]
del tmp[0]
spare = 1
del spare
print(hits, cache, created, tmp)
