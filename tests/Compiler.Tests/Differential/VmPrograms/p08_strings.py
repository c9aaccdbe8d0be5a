# String formatting: %, format, f-strings (expressions, specs, nesting), methods, bytes.
name = "Ada"
year = 1815
pi = 3.14159265
print("%s was born in %d (%x hex, %o oct) %5.1f|%-6s|%06.2f" % (name, year, year, year, pi, "ab", pi))
print("{0}-{1}-{0}-{n}".format("a", "b", n="N"))
print("{:>8}|{:<8}|{:^8}|{:08.3f}|{:,}".format("r", "l", "c", pi, 1234567))
print(f"{name} {year} {year - 1800} {pi:.2f} {name.lower()!r} {'nested ' + name}")
width = 10
print(f"[{name:>{width}}] [{year:<{width}}] {{literal}}")
s = "The quick brown fox"
print(s.split(), s.lower(), s.upper(), s.replace("quick", "slow"), s.find("brown"), s.count("o"))
print(s.startswith("The"), s.endswith("fox"), s.center(25), "-".join(s.split()[::-1]))
print(s[4:9], s[-3:], "%r" % s[:3], repr("quote'\"s"))
b = "héllo".encode()
print(b, len(b), b.decode(), bytes([65, 66]), b"abc"[1], b"x" * 3, str(b"zz", "utf-8"))
