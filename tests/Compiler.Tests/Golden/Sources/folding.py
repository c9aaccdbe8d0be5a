# Parse-time constant folding, including cases the reference leaves unfolded.

a = 2 ** 62, 2 ** 64 + 1, -(2 ** 100), 7 // -2, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** -2, 10 ** 20 / 3
b = 1 / 0, 1 << -1, 0 ** -1, (-8) ** 0.5, 1e308 * 10, 3 & 5 | 6 ^ 1, ~5, -(-3)
c = not 1, not 0, 1 and 2, 0 or 3, x or 0 or y, 1.0 // 0.3, -0.0, 0.0 * -1
d = (1, 2) * 2, "a" * 3, True + 1, 1 < 2
import math
e = math.pi * 2, math.e ** 2, math.inf - math.inf, -math.nan
