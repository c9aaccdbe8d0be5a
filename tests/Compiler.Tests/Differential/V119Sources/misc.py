# Walrus, conditional expressions, chained comparisons, assert, micropython.const, imports.
from micropython import const
import sys

LIMIT = const(10)
DOUBLE = const(LIMIT * 2)

def check(values):
    assert len(values) < LIMIT, "too many"
    if (n := len(values)) > 2:
        return n
    return 0 if not values else -n

a = b = 4
a, b = b + 1, a
x = 5
print(check([1, 2, 3]), check([]), 1 < x <= 5 != 4, x if x > 3 else -x, DOUBLE, a, b, sys.platform is not None)
