# Scopes (nonlocal in generators, class-body comprehensions, class decorators, deleted cells, walrus in a
# comprehension, super() in a nested function) and literal syntax (escapes, continuation, bases, underscores).
def counter():
    n = 0
    def gen():
        nonlocal n
        while n < 3:
            n += 1
            yield n
    return gen, lambda: n
g, peek = counter()
print(list(g()), peek())
class C:
    x = 5
    y = [x * 2]
    z = [i for i in range(3)]
    def m(self):
        return [self.x + i for i in range(2)]
print(C.y, C.z, C().m())
def deco(cls):
    cls.tag = "decorated"
    return cls
@deco
class D:
    pass
print(D.tag)
def cell_del():
    v = 1
    def r():
        return v
    r1 = r()
    del v
    try:
        r()
    except NameError:
        return r1, "gone"
print(cell_del())
print([(y := i * 2) for i in range(3)], y)
def outer():
    xs = []
    for i in range(3):
        def f(i=i):
            return i * i
        xs.append(f)
    return [f() for f in xs]
print(outer())
def sup():
    class B:
        def who(self): return "B"
    class K(B):
        def who(self):
            def inner():
                return "K+" + super(K, self).who()
            return inner()
    return K().who()
print(sup())
ünïcode = "ok"
print(ünïcode)
s = "line1 \
continued"
t = """multi
line\tstring"""
u = '\x41\101\u00e9\\'
print(s, t, u, b'\x00\101\\', r"raw\n", len(u))
print(0o17, 0b101, 0xFF, 1_000_000, 1e3, .5, 5., 0.000001)
