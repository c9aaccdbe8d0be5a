# Calls with positional, keyword, default, star and double-star arguments.
def plain(a, b):
    return a - b

def defaults(a, b=10, c="c"):
    return (a, b, c)

def star(first, *rest):
    return first, len(rest)

def kw(**options):
    return sorted(options)

def kwonly(a, *, scale=2, offset=0):
    return a * scale + offset

def everything(a, b=1, *args, c, d=4, **kw):
    return a + b + len(args) + c + d + len(kw)

args = [1, 2, 3]
opts = {"x": 1, "y": 2}
print(plain(5, 3), plain(b=1, a=9), defaults(1), defaults(1, c=3))
print(star(*args), kw(**opts), kw(a=1, **opts), kwonly(3, scale=5))
print(everything(1, 2, 3, 4, c=5, e=6), everything(*args, c=0, **opts))
