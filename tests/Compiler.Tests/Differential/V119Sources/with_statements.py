# with statements: one or several context managers, with and without "as".
class Managed:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    def __enter__(self):
        self.log.append("enter " + self.name)
        return self

    def __exit__(self, kind, value, tb):
        self.log.append("exit " + self.name)
        return False

log = []
with Managed("a", log) as a:
    log.append("inside " + a.name)
with Managed("b", log), Managed("c", log) as c:
    log.append("both " + c.name)
print(log)
