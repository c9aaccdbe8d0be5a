# Generators: yield, yield from, send, generator expressions.
def countdown(n):
    while n > 0:
        yield n
        n -= 1

def chain(*iterables):
    for it in iterables:
        yield from it

def echo():
    received = yield "ready"
    while received is not None:
        received = yield received * 2

e = echo()
first = next(e)
doubled = e.send(21)
print(list(countdown(3)), list(chain([1], (2, 3), "ab")), first, doubled)
print(sum(x * x for x in range(5)), max(len(w) for w in ["a", "abc"]))
