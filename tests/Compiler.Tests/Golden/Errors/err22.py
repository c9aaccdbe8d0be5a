def f():
    g(a=1,
      b)
    h()
