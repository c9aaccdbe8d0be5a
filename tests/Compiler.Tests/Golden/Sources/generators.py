# Generators, yield from, async def / await / async for / async with.
def gen(n):
    for i in range(n):
        x = yield i
        if x:
            yield from gen(x)
    return n


async def fetch(session, url):
    async with session.get(url) as resp:
        data = await resp.read()
    async for chunk in resp:
        data += chunk
    return data


async def main():
    results = []
    for u in ("a", "b"):
        results.append(await fetch(None, u))
    return results


lazy = lambda: (yield)
