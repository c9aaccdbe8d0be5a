# Line numbers in tracebacks (from the .mpy's line tables) and exception details.
import sys

def level3(x):
    return 10 // x

def level2(x):
    y = x - 1
    return level3(y)

def level1(x):
    values = [level2(v) for v in range(x, 0, -1)]
    return values

for arg in (3, 1):
    try:
        print(level1(arg))
    except ZeroDivisionError as e:
        print("error at arg", arg)
        sys.print_exception(e)
try:
    {}["missing"]
except KeyError as e:
    sys.print_exception(e)
try:
    int("nope")
except ValueError as e:
    print(repr(e), e.args)
