# Generator protocol: throw(), close(), return values, yield in expressions, try/except inside generators.
def resilient():
    handled = 0
    while True:
        try:
            got = yield handled
            if got == "stop":
                return "stopped after %d" % handled
        except ValueError as e:
            handled += 1
            print("handled", e)

g = resilient()
print(next(g), g.throw(ValueError("a")), g.throw(ValueError("b")))
try:
    g.send("stop")
except StopIteration as e:
    print("return value:", e.value)

def pairs():
    x = (yield 1) + (yield 2)
    yield x

p = pairs()
print(next(p), p.send(10), p.send(20))

def closing():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("got GeneratorExit")
        raise

c = closing()
next(c)
c.close()
def delegate():
    r = yield from resilient()
    yield "delegate got " + str(r)
d = delegate()
next(d)
d.throw(ValueError("via delegate"))
print(d.send("stop"))
gens = [(lambda n: (i * n for i in range(3)))(k) for k in range(3)]
print([list(x) for x in gens])
