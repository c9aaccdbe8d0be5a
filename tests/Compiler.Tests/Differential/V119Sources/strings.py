# String formatting: %, str.format, f-strings with format specs, methods, slicing.
name = "world"
count = 3
ratio = 0.125
print("hello %s, %d times, %5.2f%%" % (name, count, ratio * 100))
print("{} {!r} {:>6} {:04d}".format(name, name, "right", count))
print(f"hi {name}, {count + 1} items, {ratio:.3f}, {name.upper()}")
print(f"{count:>4}|{name:<8}|")
s = "  Some Text  "
print(s.strip().lower(), s.split(), "-".join(["a", "b"]), s[2:6], s[::-1], "ab" * 3)
