# Big ints and floats: arithmetic past the small-int range, division, rounding, conversions.
big = 2 ** 100
print(big, big + 1, big * big, big // 3, big % 1000, -big, big >> 90, 1 << 70)
print(12345678901234567890 * 98765432109876543210, int("123456789012345678901234567890"))
print(0x7FFFFFFF + 1, 0x3FFFFFFF + 1, -0x40000000 - 1, (2 ** 64 - 1) & 0xFFFF, hex(2 ** 40), bin(10))
print(7 // 2, -7 // 2, 7 % -3, divmod(17, 5), abs(-4), pow(3, 4), pow(3, 4, 5), 2 ** -1)
x = 1.5
print(x * 2, x / 4, 10 / 4, 2.0 ** 0.5, round(2.675, 2), int(7.9), float("1e3"), -x)
print(1e10, 1.0e-5, 3.0 * 1.1, 0.1 + 0.2, 1 / 3, round(3.5), max(1, 2.5), min(-1, -0.5))
print(int(True) + True, 5 == 5.0, 1 < 2.5 < 3, bool(0.0))
