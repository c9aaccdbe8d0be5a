# Names: globals, builtins shadowing, class scope, del, nested functions reading enclosing names.
value = "global"

def read_global():
    return value

def shadow():
    value = "local"
    def inner():
        return value
    return inner()

def rebind():
    global value
    value = "rebound"

class Config:
    value = "class"
    derived = value + "!"

    def method(self):
        return value

print(read_global(), shadow(), Config.value, Config.derived, Config().method())
rebind()
print(read_global(), value)
def len(x):
    return -1
print(len([1, 2]))
del len
print(len([1, 2]))
temp = 5
del temp
try:
    temp
except NameError:
    print("temp deleted")
