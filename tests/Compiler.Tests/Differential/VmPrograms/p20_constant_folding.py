# Constant expressions the compiler folds (ints at the small-int edges, big ints, floats, const()) must
# give what the VM computes at run time.
from micropython import const
print(0.1 + 0.2, 1.0 / 3, 2.0 ** 0.5, -0.0, 1e308 * 10, -1e308 * 10, 2.5 * 4, 1 / 7.0)
print(7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2, 1e-300 * 1e-300, 3.0 ** 2, 2 ** 0.5, 10 / 4)
print(1.1 * 1.1, 0.1 * 3, 1e16 + 1.0, 123456789.123456789, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308)
print(-(2.5), +1.5, -(-1.5), 1.5 - 1, 3 * 0.1, 1e22, 1e21, 1e-7, 100.0 / 3.0)
print(-7 // 2, -7 % 3, 7 // -2, 7 % -2, (-7) >> 1, ~0x3FFFFFFF, (1 << 30) - 1, -(-0x40000000), 1 << 62)
print(10 ** 20, 0 ** 0, 3 ** 40, -2 ** 2, (-2) ** 3, 2 ** 30, 2 ** 31, -2 ** 31, 0x40000000, -0x40000001)
print(1 << 29, 1 << 30, -(1 << 30), -(1 << 30) - 1, 0x3FFFFFFF * 2, 0x3FFFFFFF + 1, -0x40000000 * 1, 65535 * 65537)
print(12345678901234567890 // 7, 12345678901234567890 % 7, -12345678901234567890 >> 3, 1 << 100 >> 99)
print(0.5 == 1 / 2, 1e3 == 1000, 3 * 1.0, 1 + 1e-16, 1.0e+2, 0e0, 1E5)
x = 1.0
print(x + 0.2 == 1.2, 0.1 + 0.2 == 0.3, x / 3 == 1.0 / 3, 2.0 ** 0.5 == x * 2 ** 0.5)
A = const(1 << 20)
B = const(A * 3 - 7)
C = const(-A)
D = const(A // 3)
F = const(2.5)
print(A, B, C, D, F, A if A > B else B)
def use():
    return A + B + C
print(use())
