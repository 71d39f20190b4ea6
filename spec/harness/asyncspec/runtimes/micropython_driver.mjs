// MicroPython oracle driver:
//   node micropython_driver.mjs <micropython package dir> <micropython_oracle.py>
//
// Freezes Date.now() (MicroPython's only clock) before loading MicroPython,
// loads it once (npm package @micropython/micropython-webassembly-pyscript),
// exposes the virtual clock to Python as the JS module `asyncspec_clock`
// (get()/set(ms): milliseconds since the scenario started; only the oracle's
// scheduler moves it), loads the oracle, then serves the oracle's JSON-lines
// protocol: one request per stdin line, one response per stdout line
// (micropython_oracle.serve_one). Anything Python prints goes to stderr so it
// cannot corrupt the protocol. Node built-ins only.
import { readFileSync, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [pkgDir, oraclePath] = process.argv.slice(2);
if (!pkgDir || !oraclePath) {
  process.stderr.write("usage: node micropython_driver.mjs <micropython package dir> <micropython_oracle.py>\n");
  process.exit(2);
}
const entry = join(pkgDir, "micropython.mjs");
if (!existsSync(entry)) {
  process.stderr.write(`micropython_driver: ${entry}: no such file (is the npm package installed?)\n`);
  process.exit(2);
}
let oracleSource;
try {
  oracleSource = readFileSync(oraclePath, "utf8");
} catch (e) {
  process.stderr.write(`micropython_driver: cannot read ${oraclePath}: ${e.message}\n`);
  process.exit(2);
}

// The virtual clock. BASE is an arbitrary fixed epoch: MicroPython's
// ticks_ms() is Date.now() minus the value at load, so it starts at 0.
const BASE = 1_000_000_000_000;
let virtualMs = 0;
Date.now = () => BASE + virtualMs;

const { loadMicroPython } = await import(pathToFileURL(entry).href);
const toStderr = (s) => process.stderr.write(s + "\n");
const mp = await loadMicroPython({
  heapsize: 64 * 1024 * 1024,
  pystack: 64 * 1024,
  stdout: toStderr,
  stderr: toStderr,
});
mp.registerJsModule("asyncspec_clock", {
  get: () => virtualMs,
  set: (ms) => {
    if (typeof ms !== "number" || !Number.isFinite(ms)) throw new TypeError("asyncspec_clock.set: bad time " + ms);
    virtualMs = ms;
  },
});
// A directory of MicroPython's in-memory filesystem, not of the host.
mp.FS.mkdirTree("/asyncspec");
mp.FS.writeFile("/asyncspec/asyncspec_mp_oracle.py", oracleSource);
let oracle, version;
try {
  mp.runPython(`
import sys
sys.path.insert(0, "/asyncspec")
import asyncspec_mp_oracle
`);
  oracle = mp.pyimport("asyncspec_mp_oracle");
  version = oracle.python_version();
} catch (e) {
  process.stderr.write(`micropython_driver: loading ${oraclePath} failed: ${e.type || ""} ${String(e.message || e).slice(0, 2000)}\n`);
  process.exit(3);
}
process.stdout.write(JSON.stringify({ ready: true, python: version, micropython: version }) + "\n");

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let out;
  try {
    out = oracle.serve_one(line);
  } catch (e) {
    let file = null;
    try { file = JSON.parse(line).file; } catch {}
    const what = e && e.name === "PythonError" ? `${e.type}: ${e.message}` : String(e && e.stack ? e.message : e);
    out = JSON.stringify({ file, python: version, status: "error", error: "micropython: " + what.slice(0, 2000) });
  }
  process.stdout.write(out + "\n");
}
process.exit(0);
