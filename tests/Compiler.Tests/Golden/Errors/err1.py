def f():
    return
class A:
    return 1
