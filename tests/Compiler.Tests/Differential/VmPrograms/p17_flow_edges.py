# Flow edge cases: continue/break/return/raise through nested finally and with, generators in loops,
# exceptions in comprehensions, chained comparisons with side effects, augmented assignment targets.
import sys
def nested(n):
    out = []
    for i in range(n):
        try:
            try:
                if i % 4 == 0:
                    continue
                if i == 7:
                    break
                if i % 3 == 0:
                    raise ValueError(i)
                out.append(i)
            except ValueError as e:
                out.append("v%d" % e.args[0])
                if i == 6:
                    return out
            finally:
                out.append("f")
        finally:
            out.append("F")
    return out
print(nested(5))
print(nested(10))
def fin_override():
    try:
        return "try"
    finally:
        return "finally"
def fin_swallow():
    for i in range(3):
        try:
            raise KeyError
        finally:
            break
    return i
print(fin_override(), fin_swallow())
def gen_fin():
    for i in range(3):
        try:
            yield i
        finally:
            print("gf", i)
for v in gen_fin():
    if v == 1:
        break
print("after")
def with_loop(log):
    class M:
        def __init__(s, n): s.n = n
        def __enter__(s): log.append("in%d" % s.n); return s.n
        def __exit__(s, *a): log.append("out%d" % s.n)
    for i in range(4):
        with M(i) as m:
            if m == 1:
                continue
            if m == 3:
                break
            with M(10 + i):
                if m == 2:
                    return log
    return log
print(with_loop([]))
def exc_in_comp():
    try:
        return [1 // (x - 2) for x in range(4)]
    except ZeroDivisionError:
        return "zde"
print(exc_in_comp())
x = 0
def side(v):
    global x
    x += 1
    return v
print(side(1) < side(2) < side(0) < side(5), x)
class A:
    items = [1, 2]
    def __init__(self):
        self.d = {"k": [0]}
a = A()
a.d["k"][0] += 5
a.n = 1
a.n *= 7
A.items += [3]
print(a.d, a.n, A.items)
