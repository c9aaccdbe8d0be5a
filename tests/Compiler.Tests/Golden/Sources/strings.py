# String literals: interning rule, escapes, bytes.

a = 'NotImplementedError'
b = 'this_is_a_long_name'
this_is_a_long_name = 1
c = 'this_is_a_long_name'
d = 'StopAsyncIteration'
e = '__truediv__'
f = 'x' * 3 + 'yyyyyyyyyyyy' + 'yyyyyyyyyyyy'
g = b'' + b'abc'
h = ''
i = '\n'
j = "unicode \u00e9\U0001F600 \x41 \101"
