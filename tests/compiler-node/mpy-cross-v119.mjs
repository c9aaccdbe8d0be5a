// Compiles every *.py in a folder with mpy-cross v1.19 (npm @pybricks/mpy-cross-v6, WebAssembly)
// and writes NAME.mpy next to a NAME.err for sources it rejects. Written for mpyd's tests.
//
// Usage: node mpy-cross-v119.mjs <source folder> <output folder> [mpy-cross options...]
// Exit code 0 when every source compiled, 1 otherwise (the .err files say why), 2 on bad usage.

import fs from "node:fs";
import path from "node:path";
import { compile } from "./mpy-cross-wasm.mjs";

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
