# async def, await, and stepping coroutines by hand (no event loop).
class Ready:
    def __init__(self, value):
        self.value = value

    # MicroPython's await iterates the awaitable (__iter__); CPython calls __await__.
    def __iter__(self):
        yield "suspend %s" % self.value
        return self.value * 2

    __await__ = __iter__

async def double(x):
    return await Ready(x)

async def pipeline(values):
    out = []
    for v in values:
        out.append(await double(v))
    return out

def run(coro):
    steps = []
    try:
        while True:
            steps.append(coro.send(None))
    except StopIteration as stop:
        result = stop.value
    return steps, result

steps, result = run(pipeline([1, 2, 3]))
print(steps)
print(result)
