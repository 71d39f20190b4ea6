// Pyodide oracle driver: node pyodide_driver.mjs <pyodide package dir> <oracle.py>
//
// Loads Pyodide once (offline, from the npm package directory), loads the
// oracle into it, then serves the oracle's JSON-lines protocol: one request
// per stdin line, one response per stdout line (oracle.serve_one). Anything
// Python prints goes to stderr so it cannot corrupt the protocol.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [pkgDir, oraclePath] = process.argv.slice(2);
if (!pkgDir || !oraclePath) {
  process.stderr.write("usage: node pyodide_driver.mjs <pyodide dir> <oracle.py>\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(pkgDir, "pyodide.mjs")).href);
const toStderr = (s) => process.stderr.write(s + "\n");
const pyodide = await loadPyodide({
  indexURL: pkgDir.endsWith("/") ? pkgDir : pkgDir + "/",
  env: { PYTHONHASHSEED: "0" },
  stdout: toStderr,
  stderr: toStderr,
});
// A directory of Pyodide's in-memory filesystem, not of the host.
pyodide.FS.mkdirTree("/asyncspec");
pyodide.FS.writeFile("/asyncspec/asyncspec_oracle.py", readFileSync(oraclePath, "utf8"));
pyodide.runPython(`
import sys, asyncio
sys.path.insert(0, "/asyncspec")
# Pyodide's WebLoop is always "running": detach it so the oracle can run its own.
asyncio.events._set_running_loop(None)
import asyncspec_oracle
`);
const oracle = pyodide.pyimport("asyncspec_oracle");
const version = oracle.python_version();
process.stdout.write(JSON.stringify({ ready: true, python: version, pyodide: pyodide.version }) + "\n");

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let out;
  try {
    asyncioDetach();
    out = oracle.serve_one(line);
  } catch (e) {
    let file = null;
    try { file = JSON.parse(line).file; } catch {}
    out = JSON.stringify({ file, python: version, status: "error", error: "pyodide: " + String(e).slice(0, 2000) });
  }
  process.stdout.write(out + "\n");
}
process.exit(0);

// Detach the WebLoop before each request, after collecting the previous
// request's garbage: finalizing a leftover coroutine can run asyncio code
// without a running loop (e.g. a `finally` calling gather()), which attaches
// the WebLoop again; the next scenario would then fail with "Cannot run the
// event loop while another loop is running".
function asyncioDetach() {
  pyodide.runPython("import asyncio, gc; gc.collect(); asyncio.events._set_running_loop(None)");
}
