# Classes: inheritance, super(), properties, class attributes, decorators, __class__.
import micropython


class Base:
    count = 0

    def __init__(self, name):
        self.name = name
        Base.count += 1

    def describe(self):
        return "Base(%s)" % self.name

    @staticmethod
    def helper(x):
        return x * 2

    @classmethod
    def make(cls, name):
        return cls(name)


class Derived(Base):
    def __init__(self, name, extra=None):
        super().__init__(name)
        self.extra = extra

    def describe(self):
        return super().describe() + "+" + repr(self.extra)

    @property
    def size(self):
        return len(self.name)

    def cls(self):
        return __class__


@micropython.bytecode
def plain():
    return Derived.make("x").describe()


class Empty():
    pass


class Meta(Base, metaclass=type):
    x: int = 5
