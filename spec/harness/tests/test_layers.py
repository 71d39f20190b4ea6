"""The package's stages import one way: each only from the stages below it
(and the package root: paths, ConfigError, exit codes), never from above."""

import ast
import unittest

from asyncspec import paths

STAGES = ["trace", "runtimes", "ir", "spec", "check", "fuzz", "mutants", "cli"]


def stage_of(parts):
    """The stage of a module path inside the package (["spec", "bundle"] -> "spec"), None for the root's."""
    if not parts:
        return None
    head = parts[0].removesuffix(".py")
    return head if head in STAGES else None


def imported_stages(path):
    rel = path.relative_to(paths.PACKAGE_DIR).with_suffix("").parts
    package = list(rel[:-1])          # where a relative import starts from
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + (node.module.split(".") if node.module else [])
                names = [target + [a.name] for a in node.names] if not node.module else [target]
            elif node.module and node.module.split(".")[0] == "asyncspec":
                names = [node.module.split(".")[1:]]
            else:
                continue
            for n in names:
                s = stage_of(n)
                if s:
                    out.add(s)
    return out


class LayersTest(unittest.TestCase):
    def test_imports_go_down(self):
        for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
            here = stage_of(path.relative_to(paths.PACKAGE_DIR).parts)
            if here is None:
                continue
            for other in imported_stages(path):
                with self.subTest(module=str(path.relative_to(paths.PACKAGE_DIR)), imports=other):
                    self.assertLessEqual(STAGES.index(other), STAGES.index(here),
                                         f"{here} must not import from {other} (a later stage)")

    def test_root_modules_import_no_stage(self):
        for name in ("__init__.py", "paths.py"):
            self.assertEqual(imported_stages(paths.PACKAGE_DIR / name), set(), name)


if __name__ == "__main__":
    unittest.main()
