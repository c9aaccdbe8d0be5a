# A first module to import through the mount: `mpyd connect sim mount examples exec "import hello"`.
import sensors

GREETING = "hello from the host"


def greet(name):
    return "{}, {}!".format(GREETING, name)


print(greet("board"))
print("average reading:", sensors.average([21.5, 22.0, 22.5]))
