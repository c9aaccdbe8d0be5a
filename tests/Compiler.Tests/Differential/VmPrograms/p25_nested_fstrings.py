# Nested f-strings: v1.28 compiles them (MicroPython PR #18588); the VM's own compiler (v1.27) does not
# (it turns f"{f'{x}'}" into code that calls a str), so this program is checked against p25_nested_fstrings.expected.
name = "Ada"
n = 3
print(f"{f'{name}'}")
print(f"<{f'{name}-{n}'}> {f'{n * 2}'}{f'{name!r}'}")
