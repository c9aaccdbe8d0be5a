# Integer and mixed arithmetic, folding of constant int expressions, augmented assignment.
a = 7
b = a * 3 - 4 // 2 + (5 % 3)
c = -a + ~b
d = 1 + 2 * 3 - (8 >> 1)
e = a ** 2
a += 1
a -= 2
a *= 3
a //= 4
a %= 5
a <<= 2
a >>= 1
a &= 0xF
a |= 0x30
a ^= 1
print(a, b, c, d, e, 1 << 10, 255 & 0x0F)
