# Expressions: short-circuit values in conditions, not/in/is chains, nested conditional expressions,
# starred for-targets, del of tuples, slice augmented assignment, exception variable scope, bare raise.
def pick(a, b, c):
    if a and b or c:
        r = "first"
    elif not a == b:
        r = "second"
    else:
        r = "third"
    return r, a and b, a or c, not a, (a or b) and c

print(pick(1, 0, 2), pick(0, 0, 0), pick(0, 1, 0), pick("", "x", None))
x = [1, 2, 3]
print(2 in x, 4 not in x, x is not None, not 2 in x, 1 < 2 not in x, None is None is not False)
print("pos" if x[0] > 0 else "neg" if x[0] < 0 else "zero", [a if a % 2 else -a for a in x])
for first, *rest in [(1, 2, 3), "ab", [4]]:
    print(first, rest)
a, b, c = 1, 2, 3
del a, b
del c
try:
    print(a)
except NameError:
    print("a deleted")
x[1:2] += [20, 21]
x[0] *= 5
print(x)
try:
    raise ValueError("v")
except ValueError as err:
    kept = err
try:
    err
except NameError:
    print("err unbound after handler, kept", repr(kept))
try:
    raise
except RuntimeError as e:
    print("bare raise:", type(e).__name__)
print(*[1, 2, 3], sep="", end="|\n")
print(sum([0.5] * 4), bytearray(b"ab") + b"c", list(memoryview(b"xyz")[1:]), b"a" in b"cab")
n = 0
while n < 10:
    n += 3
    try:
        if n == 6:
            break
    finally:
        n += 0
else:
    n = -1
print(n, (lambda *a: len(a))(*x, *x))
