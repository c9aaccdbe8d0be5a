# Expressions: operators, comparisons, comprehensions, slices, dict/set literals, conditional expressions.
a = 1 + 2 * 3 - 4 // 5 % 6 ** 2
b = -a, +a, ~a, not a
c = a < 2 < 3, a is not None, a not in [1, 2], 1 <= a != 4 > 0
d = {"k": a, 2: b, (1, 2): c}
e = {1, 2, a}
f = [x * y for x in range(3) for y in range(x) if x != y if y]
g = {k: v for k, v in d.items()}
h = {v for v in e}
i = (x for x in f)
j = f[1:2], f[::2], f[:-1], f[1:], f[:], f[::], f[1:2:3], f[a:b[0]]
k = a if b else c
l = a and b or c
m = (1, 2, 3), (), (1,), [1, 2, 3], ((1, 2), [3])
n = a.real.imag, f[0][1:][::-1]
o = 0x7fffffff * 2, 1 << 40, -2 ** 63, 10 ** 20, 1073741823, 1073741824, -1073741824, -1073741825
p = 1.5, 2.5e-3, 1e100, 3j, 0.1 + 0.2, 1 / 3, 7.e-261, 1e23
q = "short", "a longer string literal", b"bytes\x00\xff", "caf\xe9", "\u20ac", r"raw\n"
r = f"{a} and {b!r:>10} {c=}"
s = (y := 10) + y
t = [f, e], print(*f, *e)
f[0] += 1
d["k"] -= 2
del f[0], d["k"]
