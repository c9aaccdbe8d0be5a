// mpy-cross v1.19 (npm @pybricks/mpy-cross-v6, WebAssembly) as a function, for mpyd's node helpers.

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

export function compile(fileName, text, options) {
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

