# Functions: defaults, keyword arguments, *args/**kwargs, keyword-only, recursion.
def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct

def total(*numbers, start=0):
    result = start
    for n in numbers:
        result += n
    return result

def describe(first, *rest, sep="/", **extra):
    keys = sorted(extra)
    return sep.join([str(first)] + [str(r) for r in rest] + ["%s=%s" % (k, extra[k]) for k in keys])

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def mutable_default(item, bucket=[]):
    bucket.append(item)
    return len(bucket)

print(greet("ann"), greet("bob", "hi"), greet(punct="?", name="cy"))
print(total(), total(1, 2, 3), total(*range(5), start=10))
print(describe(1, 2, 3, sep="-", z=26, a=1), describe("x", **{"k": "v"}))
print([fib(i) for i in range(12)])
print(mutable_default(1), mutable_default(2), mutable_default(3, []))
