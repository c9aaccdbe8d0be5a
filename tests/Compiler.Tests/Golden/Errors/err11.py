class A:
    def f():
        super().g()
