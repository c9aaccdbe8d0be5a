# try/except/else/finally where no block ends in return/raise (v1.19 emits extra jumps there).
def parse(text):
    try:
        value = int(text)
    except ValueError as err:
        value = -1
        print("bad", err)
    except (TypeError, KeyError):
        value = -2
    else:
        value += 1
    finally:
        print("parsed", text)
    return value

def safe_div(a, b):
    result = None
    try:
        result = a / b
    except ZeroDivisionError:
        print("div by zero")
    return result

log = []
try:
    log.append("body")
finally:
    log.append("cleanup")
print(parse("41"), parse("x"), safe_div(1, 0), log)
