// mpyd VM board: a real MicroPython (the WebAssembly port) behaving like a USB serial board
// whose console is this process's stdin/stdout (binary). Written for mpyd's tests.
//
// Threads: the main thread only moves stdin bytes into a shared ring buffer; a worker runs the
// VM and the REPL state machine, and blocks (Atomics.wait) when the VM reads stdin, which is how
// Python code on the "board" gets bytes synchronously. stdout is written by the worker directly.
//
// Usage: node board.mjs            (the host talks to stdin/stdout)
// Env:   MPYD_VM_HEAP=bytes        (MicroPython heap, default 1 MiB)

import fs from "node:fs";
import { Worker, isMainThread, workerData } from "node:worker_threads";

const RING_SIZE = 1 << 20; // power of two
const HEAD = 0; // next byte the worker takes
const TAIL = 1; // next free slot the main thread fills
const CLOSED = 2; // stdin ended
const CTRL_C_SEQ = 3; // bumped for every 0x03 received, so the worker can look for interrupts cheaply
const HEADER_BYTES = 16;

if (isMainThread) {
    runMain();
} else {
    const { runBoard } = await import("./board-worker.mjs");
    await runBoard(workerData, { RING_SIZE, HEAD, TAIL, CLOSED, CTRL_C_SEQ, HEADER_BYTES });
}

function runMain() {
    const sab = new SharedArrayBuffer(HEADER_BYTES + RING_SIZE);
    const ctl = new Int32Array(sab, 0, 4);
    const ring = new Uint8Array(sab, HEADER_BYTES);
    const worker = new Worker(new URL(import.meta.url), {
        workerData: { sab },
        stdout: false,
        stderr: false,
    });
    worker.on("error", (e) => {
        fs.writeSync(2, `mpyd-vm-board: ${e && e.stack ? e.stack : e}\n`);
        process.exit(1);
    });
    worker.on("exit", (code) => process.exit(code));

    let pending = null; // bytes that did not fit in the ring yet
    const push = (chunk) => {
        const head = Atomics.load(ctl, HEAD);
        let tail = Atomics.load(ctl, TAIL);
        const free = RING_SIZE - ((tail - head) | 0);
        const n = Math.min(free, chunk.length);
        for (let i = 0; i < n; i++) {
            const b = chunk[i];
            ring[tail & (RING_SIZE - 1)] = b;
            tail = (tail + 1) | 0;
            if (b === 3) Atomics.add(ctl, CTRL_C_SEQ, 1);
        }
        Atomics.store(ctl, TAIL, tail);
        Atomics.notify(ctl, TAIL);
        if (n < chunk.length) {
            // Ring full: wait until the worker consumes something, then continue.
            pending = chunk.subarray(n);
            process.stdin.pause();
            Atomics.waitAsync(ctl, HEAD, head).value.then(() => {
                const rest = pending;
                pending = null;
                process.stdin.resume();
                push(rest);
            });
        }
    };
    process.stdin.on("data", push);
    process.stdin.on("end", () => {
        // The host hung up: the board finishes what it has (its output may still be read),
        // then goes; a program that never yields cannot hold the process for more than 2 s.
        Atomics.store(ctl, CLOSED, 1);
        Atomics.notify(ctl, TAIL);
        setTimeout(() => process.exit(0), 2000).unref();
    });
}
