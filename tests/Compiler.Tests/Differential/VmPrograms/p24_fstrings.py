# f-strings: conversions, quotes inside, nested format specs, expressions with calls and subscripts.
name = "Ada"
data = {"k": [1, 2]}
w = 7
print(f"{name!r} {name!s}")
print(f"{data['k'][1]} {len(data)} {'yes' if w > 5 else 'no'} {w:{w}d}|{w:<{w - 4}}|")
print(f"{3.14159:.{w - 5}f} {255:#x} {255:08b} {-3:+d} {12345.678:,.1f}")
print(f"{{}} {name[0]}{name[-1]} {[i for i in range(3)]} {str(w) + 'x'!r}")
