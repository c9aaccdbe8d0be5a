# Generators: yield, yield from with a return value, send, close with finally, generator expressions.
def squares(n):
    for i in range(n):
        yield i * i

def inner():
    yield 1
    yield 2
    return "inner done"

def outer():
    result = yield from inner()
    yield result

def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value

def guarded(log):
    try:
        yield "a"
        yield "b"
    finally:
        log.append("closed")

print(list(squares(5)), list(outer()))
acc = accumulator()
next(acc)
print(acc.send(5), acc.send(7), acc.send(-2))
log = []
g = guarded(log)
print(next(g), log)
g.close()
print(log, sum(x for x in range(10) if x % 2), list(zip("ab", squares(3))))
