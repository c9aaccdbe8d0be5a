# Closures: cells, nonlocal across two levels, lambdas capturing arguments.
def counter(start):
    count = start
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step

def adders():
    return [lambda x, n=n: x + n for n in range(3)]

def outer():
    value = "outer"
    def middle():
        def inner():
            nonlocal value
            value = "inner"
        inner()
    middle()
    return value

c = counter(10)
c()
c(5)
print(c(), [f(1) for f in adders()], outer())
