# Classes: inheritance, super(), class attributes, static/class methods, properties.
class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return "%s with %d sides" % (self.name, self.sides)

    @staticmethod
    def unit():
        return 1

    @classmethod
    def build(cls, name):
        return cls(name)

class Square(Shape):
    sides = 4

    def __init__(self, name, size=1):
        super().__init__(name)
        self.size = size

    @property
    def area(self):
        return self.size * self.size

    def describe(self):
        return super().describe() + ", area %d" % self.area

sq = Square("sq", 3)
print(sq.describe(), Shape.unit(), Square.build("b").describe(), isinstance(sq, Shape))
