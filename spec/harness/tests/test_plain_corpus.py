"""The plain asyncio corpus (tests/plain_corpus/README.md): 40 programs in
ordinary asyncio style, measuring how much of such code the scenario
language expresses.

- at least EXPRESSIBLE of them compile (a ratchet: raise it when the language
  grows; the ones that do not compile are listed with their first error);
- every one that compiles runs identically as source and as IR on this
  CPython (the Python IR interpreter);
- with the reference's runner (as `./asyncspec test` provides it), every one
  that compiles runs identically on the reference, in this Python's profile,
  and on this CPython.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from asyncspec import paths
from asyncspec.ir import compiler
from asyncspec.ir import interp as ir_interp
from asyncspec.runtimes import oracle

CORPUS = Path(__file__).parent / "plain_corpus"
EXPRESSIBLE = 38  # of 40 (async generators and contextvars are not in the language yet)
RUNNER = os.environ.get(paths.REFERENCE_RUNNER_ENV)
VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _strip(trace):
    return [{k: v for k, v in e.items() if k != "line"} for e in trace]


def _programs():
    out = []
    for path in sorted(CORPUS.glob("*.py")):
        try:
            out.append((path, compiler.compile_file(str(path)), None))
        except compiler.CompileError as e:
            out.append((path, None, e))
    return out


class PlainCorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.programs = _programs()
        cls.compiled = [(p, ir) for p, ir, _ in cls.programs if ir is not None]

    def applies(self, ir):
        low = ir["meta"].get("min_version")
        return low is None or tuple(map(int, VERSION.split("."))) >= tuple(map(int, low.split(".")))

    def test_how_many_compile(self):
        self.assertEqual(len(self.programs), 40)
        failing = "\n".join(f"  {e}" for _, _, e in self.programs if e is not None)
        self.assertGreaterEqual(len(self.compiled), EXPRESSIBLE,
                                f"only {len(self.compiled)} of 40 compile; first errors:\n{failing}")

    def test_source_and_ir_agree(self):
        ran = 0
        for path, ir in self.compiled:
            if not self.applies(ir):
                continue
            with self.subTest(program=path.name):
                source = path.read_text()
                by_source = oracle.run_scenario(source, str(path))
                by_ir = ir_interp.run_ir(ir, str(path))
                self.assertEqual(_strip(by_source[0]), _strip(by_ir[0]))
                self.assertEqual(by_source[0][-1].get("end"), "return", by_source[0][-1])
                ran += 1
        self.assertGreater(ran, 0)

    @unittest.skipUnless(RUNNER and Path(RUNNER).exists(), "needs the reference's runner")
    def test_reference_agrees_with_cpython(self):
        ran = 0
        with tempfile.TemporaryDirectory() as d:
            for path, ir in self.compiled:
                if not self.applies(ir):
                    continue
                with self.subTest(program=path.name):
                    doc = Path(d) / "ir.json"
                    doc.write_text(json.dumps(ir))
                    r = subprocess.run([RUNNER, "--ir", str(doc), "--profile", VERSION], capture_output=True,
                                       text=True, timeout=60)
                    ref = json.loads(r.stdout)
                    self.assertEqual(ref.get("status"), "ok", ref.get("error"))
                    expected = oracle.run_scenario(path.read_text(), str(path))[0]
                    self.assertEqual(_strip(ref["trace"]), _strip(expected))
                    ran += 1
        self.assertGreater(ran, 0)


if __name__ == "__main__":
    unittest.main()
