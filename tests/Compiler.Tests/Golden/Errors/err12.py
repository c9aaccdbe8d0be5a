async def f():
    pass
def g():
    async with a:
        pass
