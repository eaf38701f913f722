"""`python -m handbook check | schemas | codeowners`: the commands behind `make check`, `make schemas`, `make codeowners`.

Plain Python that imports neither MkDocs nor jieba, so `make check` answers in
about a second with the same messages as the build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.outputs import codeowners
from handbook.outputs import schemafiles
from handbook.data.load import ROOT, data_dir, display_name, read_sources
from handbook.model import build, load
from handbook.data.problems import DataError


def check() -> int:
    """Validate every data file; print every problem, or a one-line summary."""
    try:
        h = build(read_sources())
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    duties = sum(len(r.duties) for r in h.roles)
    print(f"資料沒有問題 OK: {display_name(data_dir())}/ — {len(h.roles)} 個崗位、{duties} 項職責、"
          f"{len(h.topics)} 個主題、{len(h.paths)} 條入職路徑、{len(h.processes)} 個流程、{len(h.measures)} 個成效指標 / "
          f"{len(h.roles)} roles, {duties} duties, {len(h.topics)} topics, {len(h.paths)} onboarding paths, "
          f"{len(h.processes)} processes, {len(h.measures)} measures.")
    return 0


def write(path: Path, text: str) -> None:
    """Write a generated file, saying whether it changed."""
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"{'已更新 updated' if old != text else '沒有變動 unchanged'}: {path.relative_to(ROOT)}")


def schemas() -> int:
    for path, text in schemafiles.texts().items():
        write(path, text)
    return 0


def owners() -> int:
    try:
        h = load()
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    write(codeowners.PATH, codeowners.text(h))
    return 0


COMMANDS = {
    "check": (check, "檢查資料檔 / validate the data files (data/ or $HANDBOOK_DATA)"),
    "schemas": (schemas, "由 handbook/data/shapes.py 產生 schemas/*.schema.json / write the JSON Schemas"),
    "codeowners": (owners, "由各崗位的 owners 產生 .github/CODEOWNERS / write CODEOWNERS from the roles' owners"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="電商崗位職責手冊 / the role handbook")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        commands.add_parser(name, help=help_text)
    return COMMANDS[parser.parse_args(argv).command][0]()


if __name__ == "__main__":
    sys.exit(main())
