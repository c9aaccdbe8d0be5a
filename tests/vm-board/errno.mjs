// errno numbers for the VM board. The WebAssembly VM's own file system (emscripten, WASI
// numbering) raises e.g. OSError(44) for a missing file where a MicroPython board raises
// OSError(2). Written for mpyd's tests; values from the WASI errno list and MicroPython's errno module.

// WASI errno -> MicroPython (Linux) errno, for the codes the VM's file system produces.
// Left out on purpose: WASI numbers that are also common MicroPython numbers (2, 20, 28),
// since text like "OSError: 20" may come from our board program (MicroPython ENOTDIR).
export const wasiToMpErrno = new Map([
    [8, 9], // EBADF
    [31, 21], // EISDIR
    [44, 2], // ENOENT
    [51, 28], // ENOSPC
    [54, 20], // ENOTDIR
    [55, 39], // ENOTEMPTY
    [63, 1], // EPERM
    [69, 30], // EROFS
]);

// The names MicroPython v1.27.0 (WebAssembly port) knows in errno.errorcode.
export const mpErrnoNames = new Map([
    [1, "EPERM"], [2, "ENOENT"], [5, "EIO"], [9, "EBADF"], [11, "EAGAIN"], [12, "ENOMEM"],
    [13, "EACCES"], [17, "EEXIST"], [19, "ENODEV"], [21, "EISDIR"], [22, "EINVAL"],
    [95, "EOPNOTSUPP"], [98, "EADDRINUSE"], [103, "ECONNABORTED"], [104, "ECONNRESET"],
    [105, "ENOBUFS"], [107, "ENOTCONN"], [110, "ETIMEDOUT"], [111, "ECONNREFUSED"],
    [113, "EHOSTUNREACH"], [114, "EALREADY"], [115, "EINPROGRESS"],
]);
