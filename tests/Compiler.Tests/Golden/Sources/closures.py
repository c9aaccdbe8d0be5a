# Nested closures, class bodies reading enclosing locals, comprehensions closing over.

def a(p):
    q = p
    def b(r):
        s = r + q
        def c():
            nonlocal s
            s += p
            return lambda: s + q + r
        return c
    class K:
        z = q
        def m(self):
            return q
    return b, K, [q for _ in range(3)], {q: p for p in range(2)}
