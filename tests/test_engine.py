"""The engine boundary (ENGINE.md): ProperDocs, the maintained MkDocs 1.x fork, builds the same site.

If MkDocs or Material stop being maintained, the handbook moves to ProperDocs; this keeps that move a
one-line change by building the site with both and comparing every file.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

from .conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')  # names the engine, and so differs


def test_properdocs_builds_the_same_pages(site, tmp_path):
    out = tmp_path / "properdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == files
    different = [name for name in sorted(files) if not name.endswith(".gz")
                 and GENERATOR.sub(b"", (site / name).read_bytes()) != GENERATOR.sub(b"", (out / name).read_bytes())]
    assert not different, f"ProperDocs builds {len(different)} files differently, first {different[:5]}"


def test_the_handbook_package_imports_nothing_from_the_engine():
    """Only hooks/handbook_hooks.py and macros.py touch MkDocs: the rest moves to another engine as it is."""
    engines = ("mkdocs", "material", "mkdocs_macros", "properdocs")
    for path in (ROOT / "handbook").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in names if n.split(".")[0] in engines], f"{path.relative_to(ROOT)} imports {names}"
