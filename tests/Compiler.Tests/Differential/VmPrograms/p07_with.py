# with statements: enter/exit order, exceptions suppressed or propagated, return inside with.
class Resource:
    def __init__(self, name, log, suppress=False):
        self.name = name
        self.log = log
        self.suppress = suppress

    def __enter__(self):
        self.log.append("open " + self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        self.log.append("close %s %s" % (self.name, exc_type.__name__ if exc_type else None))
        return self.suppress

def use(log):
    with Resource("r1", log) as handle:
        return handle + "!"

log = []
with Resource("a", log) as a, Resource("b", log) as b:
    log.append(a + b)
with Resource("quiet", log, suppress=True):
    raise ValueError("hidden")
try:
    with Resource("loud", log):
        raise KeyError("shown")
except KeyError:
    log.append("propagated")
print(use(log))
for entry in log:
    print(entry)
