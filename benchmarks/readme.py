"""Writes a benchmark's latest results into the README between its markers, so nobody copies numbers by hand."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def write_block(name: str, text: str, path: Path = README) -> None:
    """Replace what lies between `<!-- name:start -->` and `<!-- name:end -->` in `path` with `text`."""
    source = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {re.escape(name)}:start -->\n).*?(\n<!-- {re.escape(name)}:end -->)", re.S)
    if not pattern.search(source):
        raise SystemExit(f"{path}: no <!-- {name}:start --> … <!-- {name}:end --> block to write the results into")
    path.write_text(pattern.sub(lambda m: m.group(1) + text.strip("\n") + m.group(2), source, count=1),
                    encoding="utf-8")
