# micropython.const folding (ints) and int constant expressions.
from micropython import const
A = const(1 << 20)
B = const(A * 3 - 7)
C = const(-A)
D = const(A // 3)
F = const(2.5)
print(A, B, C, D, F, A if A > B else B)
def use():
    return A + B + C
print(use())
