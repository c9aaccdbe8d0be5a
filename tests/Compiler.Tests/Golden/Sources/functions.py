# Functions: defaults, keyword-only, *args/**kwargs, closures, nonlocal, lambdas.
def add(a, b=2, *rest, scale=1, **opts):
    total = (a + b + sum(rest)) * scale
    if opts.get("neg"):
        total = -total
    return total


def counter(start=0):
    n = start

    def step(k=1):
        nonlocal n
        n += k
        return n

    return step


def compose(*fs):
    return lambda x, *, init=None: [f(x) for f in fs] if init is None else init


def kwonly(a, *, b, c=3):
    return a, b, c


def swap(a, b):
    a, b = b, a
    x, y, z = a, b, a + b
    return x, y, z


squares = list(map(lambda v: v * v, range(10)))
inc = counter(5)
print(add(1, 2, 3, 4, scale=2, neg=True), inc(), inc(3), kwonly(1, b=2), swap(1, 2))
