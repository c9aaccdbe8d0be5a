# async def and await (no async for/with: v1.28 compiles async for differently).
async def fetch(value):
    return value * 2

async def combine(a, b):
    x = await fetch(a)
    y = await fetch(b)
    return x + y

def run(coro):
    result = None
    try:
        coro.send(None)
    except StopIteration as stop:
        result = stop.value
    return result

print(run(combine(1, 2)))
