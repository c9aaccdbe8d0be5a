// Runs programs on MicroPython v1.27.0 (WebAssembly, the VM board's npm package) twice: once
// importing NAME.mpy (compiled by mpyd) and once importing NAME.py (compiled by the VM itself),
// each in a fresh VM. Prints one JSON object: { NAME: { mpy: "output", py: "output" }, ... }.
// An uncaught exception ends that run's output with "UNCAUGHT " and the traceback.
// Written for mpyd's tests.
//
// Usage: node run-on-vm.mjs <vm-board folder> <program folder>
//   <program folder> holds NAME.py and NAME.mpy pairs.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [boardDir, programDir] = process.argv.slice(2);
if (!boardDir || !programDir) {
    console.error("usage: node run-on-vm.mjs <vm-board folder> <program folder>");
    process.exit(2);
}
const vmModule = path.resolve(boardDir, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs");
const { loadMicroPython } = await import(pathToFileURL(vmModule).href);

// Imports `fileName` (just written into a fresh VM's file system) as a module; returns what it printed.
async function runModule(moduleName, fileName, bytes) {
    const out = [];
    const collect = (b) => {
        for (const c of b) out.push(c);
    };
    const mp = await loadMicroPython({ heapsize: 2 * 1024 * 1024, linebuffer: false, stdout: collect, stderr: collect });
    mp.FS.writeFile(`/${fileName}`, bytes);
    let tail = "";
    try {
        mp.runPython(`import ${moduleName}`);
    } catch (e) {
        tail = `UNCAUGHT ${e && e.message ? e.message : e}`;
    }
    return Buffer.from(out).toString("utf8") + tail;
}

const results = {};
for (const name of fs.readdirSync(programDir).filter((n) => n.endsWith(".py")).sort()) {
    const stem = name.slice(0, -3);
    const mpyPath = path.join(programDir, `${stem}.mpy`);
    results[stem] = {
        mpy: fs.existsSync(mpyPath) ? await runModule(stem, `${stem}.mpy`, fs.readFileSync(mpyPath)) : "UNCAUGHT no .mpy",
        py: await runModule(stem, name, fs.readFileSync(path.join(programDir, name))),
    };
}
process.stdout.write(JSON.stringify(results));
