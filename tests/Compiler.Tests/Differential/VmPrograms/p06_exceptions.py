# Exceptions: except/else/finally, return and break through finally, re-raise, chaining, custom classes.
import sys

class AppError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code

def risky(n):
    if n == 0:
        raise AppError(7)
    if n == 1:
        raise ValueError("one")
    return n * 10

def attempt(n, log):
    try:
        value = risky(n)
    except AppError as e:
        log.append("app %d" % e.code)
        return -e.code
    except (ValueError, TypeError) as e:
        log.append("value " + str(e))
        return -1
    else:
        log.append("ok")
        return value
    finally:
        log.append("finally %d" % n)

def loop_with_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out

def reraise():
    try:
        try:
            raise KeyError("k")
        except KeyError:
            raise
    except KeyError as e:
        return "reraised " + repr(e)

log = []
print(attempt(0, log), attempt(1, log), attempt(2, log), log)
print(loop_with_finally(), reraise())
try:
    try:
        1 // 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print("caught", e, type(e.__cause__).__name__ if hasattr(e, "__cause__") else "-")
try:
    risky(0)
except AppError as e:
    sys.print_exception(e)
