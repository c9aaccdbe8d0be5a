// An mpy-cross-shaped command line over mpy-cross v1.19 (WebAssembly), one file per process, for
// bench/CompilerBench when no native mpy-cross is around. Written for mpyd's benchmarks.
//
// Usage: node mpy-cross-cli.mjs [-o OUT] [-X option]... [other mpy-cross options]... FILE.py
// Exit code 0 when it compiled, 1 when the compiler rejected the file (its message on stderr), 2 on bad usage.

import fs from "node:fs";
import { compile } from "./mpy-cross-wasm.mjs";

const args = process.argv.slice(2);
let output = null;
const options = [];
for (let i = 0; i < args.length - 1; i++) {
    if (args[i] === "-o") output = args[++i];
    else if (args[i] === "-X") i++; // heap size: the WebAssembly build sizes its own heap
    else options.push(args[i]);
}
const input = args[args.length - 1];
if (!input || input.startsWith("-")) {
    console.error("usage: node mpy-cross-cli.mjs [-o OUT] [options...] FILE.py");
    process.exit(2);
}
const r = await compile(input, fs.readFileSync(input, "utf8"), options);
if (r.status === 0 && r.mpy) {
    fs.writeFileSync(output ?? input.replace(/\.py$/, ".mpy"), r.mpy);
    process.exit(0);
}
console.error([...r.out, ...r.err].join("\n"));
process.exit(1);
