# Sequences: slicing, slice assignment and deletion, negative indices, unpacking.
nums = list(range(10))
print(nums[2:5], nums[:3], nums[7:], nums[-3:], nums[::2], nums[::-1], nums[8:2:-2], nums[-1], nums[-10])
nums[2:5] = ["a", "b"]
print(nums)
del nums[1:3]
print(nums)
nums[0:0] = [100, 200]
print(nums, len(nums))
t = tuple(range(6))
print(t[1:4], list(t)[::-2], "abcdef"[1:4], bytes(range(5))[1:3])
first, *middle, last = "python"
(x, y), z = (1, 2), 3
print(first, middle, last, x, y, z)
a, b, c = [10, 20, 30]
a, b, c = c, a, b
print(a, b, c)
