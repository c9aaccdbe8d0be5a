# Calls with several * and ** arguments, many positional arguments, keyword-only parameters.
def f(*a, **k):
    return a, sorted(k.items())
a = [1, 2]
b = (3,)
c = {"x": 1}
d = {"y": 2}
print(f(*a, *b, **c, **d))
print(f(0, *a, 9, *b, z=3, **c))
print(f(*range(300)) [0][-1])
args = list(range(20))
def g(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19):
    return a0 + a19 + a10
print(g(*args))
print(g(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, a19=19))
def h(a, b=[], *, c={}, **kw):
    b.append(a)
    c[a] = len(b)
    return b, c, kw
print(h(1), h(2, d=4))
class Meta:
    def __call__(self, *a, **k):
        return len(a), len(k)
print(Meta()(1, 2, x=3))
def dflt(a, b=lambda: 42):
    return a + b()
print(dflt(1))
def kwfirst(*, a, b):
    return a - b
print(kwfirst(b=1, a=10))
try:
    kwfirst(a=1)
except TypeError as e:
    print("TypeError", e)
try:
    g(1)
except TypeError as e:
    print("TypeError", e)
