# mpyd board program v2: forwards the board's file calls under /remote to the host.
# Written for mpyd. Sent through the raw REPL at mount time; full-line comments and
# blank lines are stripped before sending (see BoardProgram.cs).
import os, sys, io, struct, micropython
try:
    import select
except ImportError:
    select = None


# A str or bytes as the wire has it: s32 byte length, then the bytes.
def _wb(b):
    if type(b) is str:
        b = b.encode()
    return struct.pack("<i", len(b)) + b


# The request link: stdin/stdout in binary, one request at a time.
# Every request is one-shot: 0x18 0x80 op arguments in one write, then (except CLOSE)
# wait for the host's 0x18 and read the reply that follows it.
class _MpydLink:
    def __init__(s, timeout_ms):
        s.i = sys.stdin.buffer
        s.o = sys.stdout.buffer
        s.t = timeout_ms
        s.c = 0
        s.p = None
        if select:
            s.p = select.poll()
            s.p.register(s.i, select.POLLIN)

    def wait(s):
        if s.p and not s.p.poll(s.t):
            s.end()
            raise OSError(110)

    def send(s, op, a):
        micropython.kbd_intr(-1)
        s.o.write(b"\x18\x80" + bytes((op,)) + a)

    def begin(s, op, a):
        s.send(op, a)
        # Stray input (keys typed just before) is dropped until the host's 0x18;
        # a Ctrl-C among it is kept and raised once the request is complete.
        for _ in range(64):
            s.wait()
            c = s.i.read(1)
            if c == b"\x18":
                return
            if c == b"\x03":
                s.c = 1
        s.end()
        raise OSError(5)

    def end(s):
        micropython.kbd_intr(3)
        if s.c:
            s.c = 0
            raise KeyboardInterrupt

    def rd(s, n):
        b = b""
        while len(b) < n:
            s.wait()
            b += s.i.read(n - len(b))
        return b

    def rdinto(s, mv):
        n = len(mv)
        got = 0
        while got < n:
            s.wait()
            k = s.i.readinto(mv[got:])
            if not k:
                break
            got += k
        return got

    def s8(s):
        v = s.rd(1)[0]
        return v - 256 if v > 127 else v

    def s32(s):
        return struct.unpack("<i", s.rd(4))[0]

    def rbytes(s):
        return s.rd(s.s32())


def _nbytes(b):
    t = type(b)
    if t is bytes or t is bytearray:
        return len(b)
    return len(bytes(b))


# A byte view of any buffer, so arrays wider than a byte are counted in bytes.
def _byteview(b):
    t = type(b)
    if t is bytearray or t is memoryview:
        return memoryview(b)
    import uctypes
    return uctypes.bytearray_at(uctypes.addressof(b), _nbytes(b))


class _MpydFile(io.IOBase):
    def __init__(f, fs, fd, text, ahead):
        f.fs = fs
        f.fd = fd
        f.text = text
        # Read-ahead buffer: binary read-only files fetch `ahead` bytes per request.
        f.buf = bytearray(ahead) if ahead else None
        f.pos = 0
        f.end = 0
        f.eof = False

    def _req(f, op, a=b""):
        if f.fd < 0:
            raise OSError(9)
        f.fs.l.begin(op, struct.pack("<b", f.fd) + a)

    # Reads the s32 length and that many bytes into the read-ahead buffer.
    def _take(f):
        l = f.fs.l
        n = l.s32()
        got = l.rdinto(memoryview(f.buf)[:n])
        l.end()
        f.pos = 0
        f.end = got
        f.eof = got < len(f.buf)

    def _fill(f):
        f._req(6, struct.pack("<i", len(f.buf)))
        f._take()

    def _read_direct(f, n):
        l = f.fs.l
        f._req(6, struct.pack("<i", n))
        d = l.rbytes()
        l.end()
        return d

    def readinto(f, b):
        mv = _byteview(b)
        n = len(mv)
        if f.buf is None:
            d = f._read_direct(n)
            mv[: len(d)] = d
            return len(d)
        got = 0
        while got < n:
            if f.pos == f.end:
                if f.eof:
                    break
                f._fill()
                if f.end == 0:
                    break
            k = min(n - got, f.end - f.pos)
            mv[got : got + k] = f.buf[f.pos : f.pos + k]
            f.pos += k
            got += k
        return got

    def read(f, n=-1):
        if f.buf is None:
            d = f._read_direct(n)
            return str(d, "utf-8") if f.text else d
        out = bytes(f.buf[f.pos : f.end])
        if n is None or n < 0:
            f.pos = f.end
            if not f.eof:
                out += f._read_direct(-1)
                f.eof = True
            return out
        if len(out) >= n:
            f.pos += n
            return out[:n]
        f.pos = f.end
        if not f.eof:
            rest = n - len(out)
            if rest >= len(f.buf):
                d = f._read_direct(rest)
                f.eof = len(d) < rest
                return out + d
            f._fill()
            k = min(rest, f.end)
            f.pos = k
            out += bytes(f.buf[:k])
        return out

    def readline(f):
        if f.buf is None:
            f._req(7)
            d = f.fs.l.rbytes()
            f.fs.l.end()
            return str(d, "utf-8") if f.text else d
        out = b""
        while True:
            if f.pos == f.end:
                if f.eof:
                    return out
                f._fill()
                if f.end == 0:
                    return out
            i = f.buf.find(b"\n", f.pos, f.end)
            if i >= 0:
                out += f.buf[f.pos : i + 1]
                f.pos = i + 1
                return out
            out += f.buf[f.pos : f.end]
            f.pos = f.end

    def readlines(f):
        return [x for x in f]

    def __iter__(f):
        return f

    def __next__(f):
        x = f.readline()
        if not x:
            raise StopIteration
        return x

    def write(f, d):
        b = d.encode() if type(d) is str else bytes(d)
        l = f.fs.l
        f._req(8, _wb(b))
        n = l.s32()
        l.end()
        if n < 0:
            raise OSError(-n)
        return n

    def seek(f, off, whence=0):
        if f.buf is not None:
            if whence == 1:
                off -= f.end - f.pos
            f.pos = f.end = 0
            f.eof = False
        l = f.fs.l
        f._req(9, struct.pack("<ib", off, whence))
        n = l.s32()
        l.end()
        if n < 0:
            raise OSError(-n if n < -1 else 22)
        return n

    def tell(f):
        return f.seek(0, 1)

    def flush(f):
        pass

    # CLOSE has no reply: nothing to wait for.
    def close(f):
        if f.fd >= 0:
            l = f.fs.l
            l.send(5, struct.pack("<b", f.fd))
            f.fd = -1
            l.end()

    def ioctl(f, req, arg):
        if req == 4:
            f.close()
            return 0
        if req == 1:
            return 0
        if req == 11:
            return 249
        return -1

    def __enter__(f):
        return f

    def __exit__(f, *a):
        f.close()


class _MpydFS:
    def __init__(s, link, ahead):
        s.l = link
        s.ahead = ahead
        s.cwd = "/"

    def mount(s, readonly, mkfs):
        pass

    def umount(s):
        pass

    # Absolute, normalised path within the mount: "." and ".." resolved, ".." stops at the root.
    def _abs(s, p):
        if not p.startswith("/"):
            p = s.cwd + "/" + p
        parts = []
        for c in p.split("/"):
            if c == "" or c == ".":
                continue
            if c == "..":
                if parts:
                    parts.pop()
            else:
                parts.append(c)
        return "/" + "/".join(parts)

    def _path_op(s, op, p):
        l = s.l
        l.begin(op, _wb(s._abs(p)))
        r = l.s32()
        l.end()
        if r < 0:
            raise OSError(-r)

    def stat(s, p):
        l = s.l
        l.begin(1, _wb(s._abs(p)))
        r = l.s8()
        if r:
            l.end()
            raise OSError(-r)
        m, z, a, t, c = struct.unpack("<IIIII", l.rd(20))
        l.end()
        return (m, 0, 0, 0, 0, 0, z, a, t, c)

    def statvfs(s, p):
        l = s.l
        l.begin(14, _wb(s._abs(p)))
        r = l.s8()
        if r:
            l.end()
            raise OSError(-r)
        bs, n, fr, av, nm = struct.unpack("<IIIII", l.rd(20))
        l.end()
        return (bs, bs, n, fr, av, 0, 0, 0, 0, nm)

    # One request lists the whole directory (name, type, size), so nested
    # listings never interfere and sizes are known.
    def ilistdir(s, p):
        l = s.l
        l.begin(15, _wb(s._abs(p)))
        r = l.s8()
        if r:
            l.end()
            raise OSError(-r)
        es = []
        while True:
            n = l.rbytes()
            if not n:
                break
            t, z = struct.unpack("<II", l.rd(8))
            es.append((str(n, "utf-8"), t, 0, z))
        l.end()
        return iter(es)

    # Binary read-only files: OPEN_READ opens and brings the first read-ahead in one request.
    def open(s, p, m):
        l = s.l
        ahead = s.ahead if ("b" in m and "r" in m and "+" not in m) else 0
        if ahead:
            l.begin(16, _wb(s._abs(p)) + struct.pack("<i", ahead))
        else:
            l.begin(4, _wb(s._abs(p)) + _wb(m))
        fd = l.s8()
        if fd < 0:
            l.end()
            raise OSError(-fd)
        f = _MpydFile(s, fd, "b" not in m, ahead)
        if ahead:
            f._take()
        else:
            l.end()
        return f

    def remove(s, p):
        s._path_op(10, p)

    def rename(s, a, b):
        l = s.l
        l.begin(11, _wb(s._abs(a)) + _wb(s._abs(b)))
        r = l.s32()
        l.end()
        if r < 0:
            raise OSError(-r)

    def mkdir(s, p):
        s._path_op(12, p)

    def rmdir(s, p):
        s._path_op(13, p)

    def chdir(s, p):
        p = s._abs(p)
        if p != "/" and not (s.stat(p)[0] & 0x4000):
            raise OSError(20)
        s.cwd = p

    def getcwd(s):
        return s.cwd


def _mpyd_mount(ahead, timeout_ms):
    try:
        os.umount("/remote")
    except OSError:
        pass
    os.mount(_MpydFS(_MpydLink(timeout_ms), ahead), "/remote")
    os.chdir("/remote")


def _mpyd_umount():
    if os.getcwd().startswith("/remote"):
        os.chdir("/")
    os.umount("/remote")
