# async for and async with (compiled differently by v1.19 and v1.28), stepped by hand without an event loop.
class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10

class Session:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("enter")
        return self

    async def __aexit__(self, kind, value, tb):
        self.log.append("exit %s" % (kind.__name__ if kind else None))
        return kind is KeyError

async def consume(log):
    total = 0
    async for v in Ticker(4):
        if v == 20:
            continue
        total += v
    async with Session(log) as s:
        s.log.append("body")
        async for v in Ticker(3):
            if v == 30:
                break
            log.append(v)
    async with Session(log):
        raise KeyError("swallowed")
    return total

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        result = stop.value
    return result

log = []
print(run(consume(log)), log)
