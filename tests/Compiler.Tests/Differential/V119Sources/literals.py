# Literals of every kind that fits a small int, a constant object or a qstr.
small = (0, 1, -1, 63, 64, -64, -65, 127, 128, 1000, -1000, 100000, 0x3FFFFFF)
big = (2 ** 40, 12345678901234567890, -98765432109876543210)
text = ("", "a", "hello world", "tab\there", "é unicode", 'single')
raw = (b"", b"abc", b"\x00\xff", bytes(3))
reals = (0.5, 1.25, 3.0e8, 2.5, 1e-3)  # no -2.5: v1.28 folds the minus, v1.19 does not
flags = (None, True, False, ...)
long_text = "a string constant long enough that nobody would intern it as a qstr by accident"
print(small, big, text, raw, reals, flags, long_text)
