# mpy-cross: -O3 -msmall-int-bits=63
# Optimisation level 3 (no asserts, no line table, __debug__ false) and 63-bit small ints.
def check(x):
    assert x > 0, "positive"
    if __debug__:
        print("debug")
    return x * 4611686018427387903


big = 1 << 62
