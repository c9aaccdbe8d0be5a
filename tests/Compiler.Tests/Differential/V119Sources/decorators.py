# Decorators on functions and methods, functions returning functions, docstrings.
"""Module docstring."""

def tag(label):
    def wrap(func):
        def inner(*args, **kwargs):
            return label + ":" + str(func(*args, **kwargs))
        return inner
    return wrap

@tag("sum")
def add(a, b):
    """Adds two numbers."""
    return a + b

class Box:
    @tag("get")
    def get(self):
        return 42

print(add(2, 3), Box().get())
