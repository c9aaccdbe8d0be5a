def f():
    yield
[(yield) for x in y]
