# mpyd's board-side file helper: the bulk parts of the fs commands and mip (reads, writes,
# hashes, df). Sent once per session by BoardFileSystem; a soft reboot forgets it, and the host
# sends it again when a call raises NameError. Full-line comments and blank lines are not sent.
# Kept small: it lives in the board's RAM next to the user's program.
import os, binascii
_mpyd_ff = None
_mpyd_ft = None

# Stat mode bit of a directory; 0 when nothing is there.
def _mpyd_fisdir(p):
    try:
        return os.stat(p)[0] & 0x4000
    except OSError:
        return 0

# Starts a write: the bytes go to a temporary name next to the file, renamed over it at the end,
# so a failed or interrupted transfer leaves the old file as it was.
def _mpyd_fo(p):
    global _mpyd_ff, _mpyd_ft
    _mpyd_fx()
    if _mpyd_fisdir(p):
        raise OSError(21)
    _mpyd_ft = p + '.mpyd~'
    _mpyd_ff = open(_mpyd_ft, 'wb')

# One chunk, as bytes (text-like data) or base64 (binary data): the host sends the shorter.
def _mpyd_fw(b):
    _mpyd_ff.write(b)

def _mpyd_fa(b):
    _mpyd_ff.write(binascii.a2b_base64(b))

# A chunk compressed by the host (raw deflate with a window of 2**w bytes, then base64): text
# shrinks to a third. ImportError when the board has neither deflate nor the older zlib; the host
# then sends plain chunks.
def _mpyd_fz(b, w):
    b = binascii.a2b_base64(b)
    try:
        import deflate, io
        b = deflate.DeflateIO(io.BytesIO(b), deflate.RAW, w).read()
    except ImportError:
        import zlib
        b = zlib.decompress(b, -w)
    _mpyd_ff.write(b)

# Ends a write: close, then replace the file.
def _mpyd_fc(p):
    global _mpyd_ff
    f = _mpyd_ff
    _mpyd_ff = None
    f.close()
    os.rename(_mpyd_ft, p)

# Abandons a write (after an error): the temporary file goes.
def _mpyd_fx():
    global _mpyd_ff
    f = _mpyd_ff
    if f:
        _mpyd_ff = None
        try:
            f.close()
        except OSError:
            pass
        try:
            os.remove(_mpyd_ft)
        except OSError:
            pass

# Prints a file as lines of n-byte chunks: the repr of the bytes, or '=' and their base64,
# whichever is shorter. Neither contains a control byte, so the raw REPL framing stays intact.
def _mpyd_fr(p, n):
    if _mpyd_fisdir(p):
        raise OSError(21)
    with open(p, 'rb') as f:
        while True:
            c = f.read(n)
            if not c:
                break
            r = repr(c)
            a = binascii.b2a_base64(c)
            if len(r) < len(a):
                print(r)
            else:
                print('=' + a[:-1].decode())

# Prints the hex digest, or None when hashlib lacks the algorithm.
def _mpyd_fh(p, a):
    try:
        import hashlib
        h = getattr(hashlib, a)
    except (ImportError, AttributeError):
        print(None)
        return
    if _mpyd_fisdir(p):
        raise OSError(21)
    h = h()
    b = bytearray(512)
    m = memoryview(b)
    with open(p, 'rb') as f:
        while True:
            n = f.readinto(b)
            if not n:
                break
            h.update(m[:n])
    print(binascii.hexlify(h.digest()).decode())

# Prints (mount point, size, used, available, type) per mounted file system with a size; the
# type is str() of the vfs object. Without vfs.mount() (older firmware): '/' and the top-level
# directories whose statvfs differs from it, of type '<unknown>'.
def _mpyd_fd():
    try:
        import vfs
        m = [(x[1], str(x[0])) for x in vfs.mount()]
    except Exception:
        r = os.statvfs('/')
        m = [(p, '<unknown>') for p in ['/'] + ['/' + e[0] for e in os.ilistdir('/') if e[1] == 0x4000 and os.statvfs('/' + e[0]) != r]]
    for p, n in m:
        try:
            s = os.statvfs(p)
        except OSError:
            continue
        if s[0] * s[2]:
            print(repr((p, s[0] * s[2], s[0] * (s[2] - s[3]), s[0] * s[4], n)))
