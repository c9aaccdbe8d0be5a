// Compiles every *.py in a folder with mpy-cross v1.19 (npm @pybricks/mpy-cross-v6, WebAssembly)
// and writes NAME.mpy next to a NAME.err for sources it rejects. Written for mpyd's tests.
//
// Usage: node mpy-cross-v119.mjs <source folder> <output folder> [mpy-cross options...]
// Exit code 0 when every source compiled, 1 otherwise (the .err files say why), 2 on bad usage.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// The package's own compile() lets emscripten fetch() the .wasm by path, which node's fetch
// rejects; so load the emscripten factory directly and hand it the .wasm bytes.
const buildDir = path.dirname(require.resolve("@pybricks/mpy-cross-v6"));
const MpyCross = require(path.join(buildDir, "mpy-cross-v6.js"));
const wasmBinary = fs.readFileSync(path.join(buildDir, "mpy-cross-v6.wasm"));

// Each emscripten instance adds process-wide handlers; drop them once it is done.
function dropHandlersAddedSince(before) {
    for (const event of ["uncaughtException", "unhandledRejection"]) {
        for (const h of process.listeners(event)) if (!before[event].includes(h)) process.off(event, h);
    }
}

function compile(fileName, text, options) {
    const before = {
        uncaughtException: process.listeners("uncaughtException"),
        unhandledRejection: process.listeners("unhandledRejection"),
    };
    return new Promise((resolve, reject) => {
        try {
            MpyCross({
                arguments: [...options, fileName],
                inputFileContents: text,
                wasmBinary,
                callback: (status, mpy, out, err) => resolve({ status, mpy, out, err }),
            });
        } catch (e) {
            reject(e);
        }
    }).finally(() => dropHandlersAddedSince(before));
}

const [inDir, outDir, ...options] = process.argv.slice(2);
if (!inDir || !outDir) {
    console.error("usage: node mpy-cross-v119.mjs <source folder> <output folder> [options...]");
    process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const name of fs.readdirSync(inDir).filter((n) => n.endsWith(".py")).sort()) {
    const text = fs.readFileSync(path.join(inDir, name), "utf8");
    const stem = name.slice(0, -3);
    const r = await compile(name, text, options);
    if (r.status === 0 && r.mpy) {
        fs.writeFileSync(path.join(outDir, `${stem}.mpy`), r.mpy);
    } else {
        failed++;
        fs.writeFileSync(path.join(outDir, `${stem}.err`), [...r.out, ...r.err].join("\n") + "\n");
    }
}
process.exit(failed ? 1 : 0);
