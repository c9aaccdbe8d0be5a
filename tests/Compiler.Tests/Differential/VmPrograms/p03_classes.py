# Classes: inheritance, super(), special methods, class/static methods, properties, isinstance.
class Animal:
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return "..."

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.name)

    @classmethod
    def create(cls, name):
        return cls(name)

    @staticmethod
    def kingdom():
        return "animalia"

class Dog(Animal):
    def speak(self):
        return "woof"

class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"

class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    @property
    def norm2(self):
        return self.x * self.x + self.y * self.y

pets = [Animal("generic"), Dog.create("rex"), Puppy("bit")]
print([p.speak() for p in pets], pets, Animal.count, Animal.kingdom())
print(isinstance(pets[2], Dog), issubclass(Puppy, Animal), isinstance(pets[0], Dog))
v = Vector(1, 2) + Vector(3, 4)
print(v.x, v.y, v.norm2, len(v), v[0], v[1], v == Vector(4, 6), list(v))
