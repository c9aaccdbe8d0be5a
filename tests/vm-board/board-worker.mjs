// The VM board's worker thread: one MicroPython VM (replaced by a fresh one on soft reboot),
// the friendly REPL (the VM's own), the raw REPL and raw-paste (ours: the VM's raw-paste
// does not work over its event-driven REPL), and the console bytes in both directions.
// Written for mpyd's tests.

import fs from "node:fs";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript/micropython.mjs";
import { wasiToMpErrno, mpErrnoNames } from "./errno.mjs";

const PYEXEC_FORCED_EXIT = 0x100; // what the VM's REPL returns for Ctrl-D on an empty line / sys.exit()
const PASTE_WINDOW = 256; // raw-paste window we announce (real boards: 128)
const RAW_BANNER = "raw REPL; CTRL-B to exit\r\n";

// Runs once per VM: print() writes through a device that turns \n into \r\n (like a bare-metal
// board's cooked stdout), while sys.stdout.buffer stays raw for binary protocols; input() reads
// sys.stdin (the VM's own input() never returns); root file system errors use MicroPython's errno.
const SETUP = `
def _mpyd_setup():
    import builtins, sys, os
    p = builtins.print
    f = open('/dev/mpyd_cooked', 'w')
    def print(*a, sep=' ', end='\\n', file=None):
        p(*a, sep=sep, end=end, file=f if file is None else file)
    def input(prompt=''):
        if prompt:
            f.write(prompt)
        i = sys.stdin.buffer
        o = sys.stdout.buffer
        b = bytearray()
        while True:
            c = i.read(1)
            if not c or c == b'\\r' or c == b'\\n':
                break
            if c == b'\\x7f' or c == b'\\x08':
                if b:
                    b.pop()
                    o.write(b'\\x08 \\x08')
                continue
            b += c
            o.write(c)
        o.write(b'\\r\\n')
        return str(b, 'utf-8')
    builtins.print = print
    builtins.input = input
_mpyd_setup()
del _mpyd_setup
`;

export async function runBoard({ sab }, layout) {
    const { RING_SIZE, HEAD, TAIL, CLOSED, CTRL_C_SEQ, HEADER_BYTES } = layout;
    const MASK = RING_SIZE - 1;
    const ctl = new Int32Array(sab, 0, 4);
    const ring = new Uint8Array(sab, HEADER_BYTES);
    const heapsize = Number(process.env.MPYD_VM_HEAP || 1024 * 1024);
    // MPYD_VM_TRACE=file: log every byte in ("<") and out (">") as hex, for debugging hosts.
    const traceFd = process.env.MPYD_VM_TRACE ? fs.openSync(process.env.MPYD_VM_TRACE, "a") : -1;
    const trace = (dir, bytes) => {
        if (traceFd >= 0) fs.writeSync(traceFd, `${dir} ${Buffer.from(bytes).toString("hex")}\n`);
    };

    // ---- console output ---------------------------------------------------------------
    const out = new Uint8Array(1 << 16);
    let outLen = 0;
    let skip = 0; // bytes of a leading "\r\n" still to drop (the VM's banner starts with one)

    function flush() {
        if (outLen > 0) trace(">", out.subarray(0, outLen));
        let off = 0;
        while (off < outLen) {
            try {
                off += fs.writeSync(1, out, off, outLen - off);
            } catch (e) {
                if (e.code !== "EAGAIN") throw e;
                // stdout is a non-blocking terminal (manual runs only): give it a moment.
                Atomics.wait(ctl, CLOSED, 0, 5);
            }
        }
        outLen = 0;
    }

    function put(b) {
        if (skip) {
            // Dropping a leading "\r\n": anything else ends the skip (and restores a dropped CR).
            if (b === (skip === 2 ? 13 : 10)) {
                skip--;
                return;
            }
            if (skip === 1) out[outLen++] = 13;
            skip = 0;
        }
        out[outLen++] = b;
        if (outLen === out.length || b === 10 || b === 4) flush();
    }

    function write(data) {
        const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
        for (const b of bytes) put(b);
    }

    // ---- console input ----------------------------------------------------------------
    let ctrlCHandled = 0;

    // Next byte from the host, blocking; -1 once the host has gone.
    function take() {
        for (;;) {
            const head = Atomics.load(ctl, HEAD);
            const tail = Atomics.load(ctl, TAIL);
            if (head !== tail) {
                const b = ring[head & MASK];
                trace("<", [b]);
                Atomics.store(ctl, HEAD, (head + 1) | 0);
                Atomics.notify(ctl, HEAD);
                return b;
            }
            if (Atomics.load(ctl, CLOSED)) return -1;
            flush();
            Atomics.wait(ctl, TAIL, tail);
        }
    }

    // Removes the first `ch` not yet read (as a board's receive interrupt would have); true if found.
    function removePending(ch) {
        const head = Atomics.load(ctl, HEAD);
        const tail = Atomics.load(ctl, TAIL);
        for (let i = head; i !== tail; i = (i + 1) | 0) {
            if (ring[i & MASK] !== ch) continue;
            // Only this thread touches [head, tail): shift the earlier bytes up by one.
            for (let j = i; j !== head; j = (j - 1) | 0) ring[j & MASK] = ring[(j - 1) & MASK];
            Atomics.store(ctl, HEAD, (head + 1) | 0);
            Atomics.notify(ctl, HEAD);
            return true;
        }
        return false;
    }

    // ---- the VM ---------------------------------------------------------------------------
    let mp = null;
    let vm = null; // the emscripten module: interrupt helpers

    let interruptScheduled = false;

    function scheduleInterrupt() {
        interruptScheduled = true;
        vm._mp_sched_keyboard_interrupt();
    }

    // The VM raises a scheduled KeyboardInterrupt only at its next check (a backward jump);
    // code that ends right after the interrupted read never gets there, so give it one.
    // Returns the KeyboardInterrupt (a PythonError) or null.
    function raiseScheduledInterrupt() {
        if (!interruptScheduled) return null;
        interruptScheduled = false;
        try {
            mp.runPython("[0 for _ in (0,)]");
            return null;
        } catch (e) {
            return e;
        }
    }

    function interruptChar() {
        return vm._mp_hal_get_interrupt_char();
    }

    // Called whenever the VM calls out to us while code runs: a Ctrl-C that arrived meanwhile
    // becomes a KeyboardInterrupt if the program has the interrupt character enabled.
    function checkInterrupt() {
        const seq = Atomics.load(ctl, CTRL_C_SEQ);
        if (seq === ctrlCHandled) return;
        ctrlCHandled = seq;
        if (interruptChar() === 3 && removePending(3)) scheduleInterrupt();
    }

    function onStdin() {
        const b = take();
        if (b < 0) return null;
        if (b === interruptChar()) {
            scheduleInterrupt();
            return null; // ends this read; the VM raises KeyboardInterrupt at its next check
        }
        return b;
    }

    function onStdout(bytes) {
        for (const b of bytes) put(b);
        checkInterrupt();
    }

    // The VM's own file system plays the board's flash: it survives a soft reboot (copied into the
    // fresh VM), but not the process.
    function saveFlash() {
        const files = [];
        const walk = (dir) => {
            for (const name of mp.FS.readdir(dir)) {
                if (name === "." || name === "..") continue;
                const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
                if (path === "/dev" || path === "/proc") continue;
                const st = mp.FS.stat(path);
                if (mp.FS.isDir(st.mode)) {
                    files.push({ path, dir: true });
                    walk(path);
                } else if (mp.FS.isFile(st.mode)) {
                    files.push({ path, data: mp.FS.readFile(path) });
                }
            }
        };
        walk("/");
        return files;
    }

    function restoreFlash(files) {
        for (const f of files) {
            if (f.dir) {
                try {
                    mp.FS.mkdir(f.path);
                } catch {
                    // Already there (the VM's default folders).
                }
            } else mp.FS.writeFile(f.path, f.data);
        }
    }

    async function boot() {
        const flash = mp ? saveFlash() : [];
        mp = await loadMicroPython({
            heapsize,
            linebuffer: false,
            stdin: onStdin,
            stdout: onStdout,
            stderr: onStdout,
        });
        vm = mp._module;
        mp.FS.createDevice("/dev", "mpyd_cooked", null, (c) => {
            if (c === 10) put(13);
            put(c);
            checkInterrupt();
        });
        restoreFlash(flash);
        mp.runPython(SETUP);
    }

    function setInterruptChar(c) {
        mp.runPython(`__import__('micropython').kbd_intr(${c})`);
    }

    // Traceback text as a bare-metal board sends it: CRLF, and MicroPython's errno numbers
    // for errors raised by the VM's own (WASI) file system.
    function formatTraceback(text) {
        const lines = text.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
        const last = lines.length - 1;
        const m = /^OSError: (?:\[Errno )?(\d+)\]?(.*)$/.exec(lines[last]);
        if (m && m[2] === "" && wasiToMpErrno.has(Number(m[1]))) {
            const n = wasiToMpErrno.get(Number(m[1]));
            const name = mpErrnoNames.get(n);
            lines[last] = name ? `OSError: [Errno ${n}] ${name}` : `OSError: ${n}`;
        }
        return lines.join("\r\n") + "\r\n";
    }

    // Runs a raw-REPL submission; returns "reboot" when the board must soft-reboot afterwards.
    function execRaw(source) {
        let error = null;
        let reboot = false;
        setInterruptChar(3);
        interruptScheduled = false;
        try {
            mp.runPython(source);
            const late = raiseScheduledInterrupt();
            if (late) throw late;
        } catch (e) {
            if (e && e.type === "SystemExit") reboot = true;
            else if (e && e.type) error = formatTraceback(e.message);
            else {
                // A trap in the VM itself: report it and start a fresh VM afterwards.
                error = `RuntimeError: VM failure: ${e && e.message ? e.message : e}\r\n`;
                reboot = "silent";
            }
        }
        if (reboot !== "silent") {
            try {
                setInterruptChar(-1);
            } catch {
                // A KeyboardInterrupt scheduled too late lands here; nothing to report.
            }
        }
        write([4]);
        if (error) write(error);
        write([4]);
        return reboot;
    }

    async function softReboot(banner) {
        write("MPY: soft reboot\r\n");
        flush();
        await boot();
        if (banner === "raw") write(RAW_BANNER + ">");
        else {
            skip = 2;
            mp.replInit();
        }
    }

    // ---- REPL state machine ---------------------------------------------------------------
    let mode = "friendly";
    let code = [];
    let pasted = 0;

    async function friendlyByte(b) {
        if (b === 1) {
            write("\r\n" + RAW_BANNER + ">");
            mode = "raw";
            code = [];
            return;
        }
        interruptScheduled = false;
        const r = mp.replProcessChar(b);
        const late = raiseScheduledInterrupt();
        if (late) {
            // The line's code had finished; show the interrupt as the board would have, then a prompt.
            write(formatTraceback(late.message));
            write(">>> ");
        }
        if (r & PYEXEC_FORCED_EXIT) await softReboot("friendly");
    }

    async function rawByte(b) {
        switch (b) {
            case 1:
                if (code.length === 2 && code[0] === 5) {
                    if (code[1] === 0x41) {
                        write(Uint8Array.of(0x52, 0x01, PASTE_WINDOW & 0xff, PASTE_WINDOW >> 8, 0x01));
                        mode = "paste";
                        pasted = 0;
                    } else {
                        write("R\x00>");
                    }
                    code = [];
                    return;
                }
                write(RAW_BANNER + ">");
                code = [];
                return;
            case 2:
                mode = "friendly";
                code = [];
                mp.replInit(); // "\r\n", banner, ">>> "
                return;
            case 3:
                code = [];
                return;
            case 4:
                if (code.length === 0) {
                    write("OK\r\n");
                    await softReboot("raw");
                    return;
                }
                write("OK");
                await submit();
                return;
            default:
                code.push(b);
        }
    }

    async function pasteByte(b) {
        if (b === 4) {
            write([4]);
            mode = "raw";
            await submit();
            return;
        }
        if (b === 3) {
            write([4, 4]);
            write("Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n");
            write([4]);
            write(">");
            mode = "raw";
            code = [];
            return;
        }
        code.push(b);
        if (++pasted % PASTE_WINDOW === 0) write([1]);
    }

    async function submit() {
        const source = Buffer.from(code).toString("utf8");
        code = [];
        const reboot = execRaw(source);
        if (reboot === true) await softReboot("raw");
        else if (reboot === "silent") {
            await boot();
            write(">");
        } else write(">");
    }

    await boot();
    skip = 2;
    mp.replInit();
    flush();
    for (;;) {
        const b = take();
        if (b < 0) break;
        if (mode === "friendly") await friendlyByte(b);
        else if (mode === "raw") await rawByte(b);
        else await pasteByte(b);
    }
    flush();
}
