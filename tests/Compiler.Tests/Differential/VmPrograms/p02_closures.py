# Closures, nonlocal, global, lambdas and late binding.
counter_total = 0

def make_counter(step):
    count = 0
    def tick():
        nonlocal count
        global counter_total
        count += step
        counter_total += 1
        return count
    return tick

def make_multipliers():
    early = [lambda x: x * i for i in range(3)]
    bound = [lambda x, i=i: x * i for i in range(3)]
    return early, bound

a = make_counter(1)
b = make_counter(10)
print(a(), a(), b(), a(), b(), counter_total)
early, bound = make_multipliers()
print([f(2) for f in early], [f(2) for f in bound])
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), (lambda *a, **k: (a, sorted(k)))(1, 2, z=3))
