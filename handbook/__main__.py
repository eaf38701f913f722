"""`python -m handbook check | schemas | codeowners | issue-templates | diff`: the commands behind the make targets of the same names.

Plain Python that imports neither MkDocs nor jieba, so `make check` answers in
about a second with the same messages as the build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.model import identity
from handbook.outputs import codeowners
from handbook.outputs import issuetemplates
from handbook.outputs import schemafiles
from handbook.data import files, yamlsource
from handbook.data.load import ROOT, data_dir, data_file, display_name, read_sources
from handbook.model import build, load
from handbook.data.problems import DataError, Problem


def check() -> int:
    """Validate every data file; print every problem, or a one-line summary."""
    try:
        h = build(read_sources())
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if data_dir() == (ROOT / "data").resolve():  # the repository's own data: its generated files must follow it
        stale = [Problem(str(path.relative_to(ROOT)), 1, 1, "onboarding issue template",
                         f"入職的 issue 範本和 data/onboarding.yaml 不一致({why})。",
                         f"The onboarding issue template does not match data/onboarding.yaml ({why}).",
                         expected="由資料產生的範本 / the template generated from the data", found=why,
                         hint="執行 make issue-templates 並提交結果 / run `make issue-templates` and commit the result")
                 for path, why in issuetemplates.stale(h, ROOT / issuetemplates.DIRECTORY)]
        if stale:
            print(DataError(stale).report(), file=sys.stderr)
            return 1
    duties = sum(len(r.duties) for r in h.roles)
    counts = ", ".join(f"{n} {word if n == 1 else plural}" for n, word, plural in (
        (len(h.roles), "role", "roles"), (duties, "duty", "duties"), (len(h.topics), "topic", "topics"),
        (len(h.paths), "onboarding path", "onboarding paths"), (len(h.processes), "process", "processes"),
        (len(h.measures), "measure", "measures")))
    print(f"資料沒有問題 OK: {display_name(data_dir())}/ — {len(h.roles)} 個崗位、{duties} 項職責、"
          f"{len(h.topics)} 個主題、{len(h.paths)} 條入職路徑、{len(h.processes)} 個流程、{len(h.measures)} 個成效指標 / "
          f"{counts}.")
    return 0


def write(path: Path, text: str, quiet: bool = False) -> None:
    """Write a generated file, saying whether it changed (quiet: only when it did)."""
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if old != text or not quiet:
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


def issue_templates(h=None, quiet: bool = False) -> int:
    if h is None:
        try:
            h = load()
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
    directory = ROOT / issuetemplates.DIRECTORY
    for file_name, text in issuetemplates.texts(h).items():
        write(directory / file_name, text, quiet)
    for path, why in issuetemplates.stale(h, directory):
        if why == "names no role":
            path.unlink()
            print(f"已刪除 removed: {path.relative_to(ROOT)}")
    return 0


def generated() -> int:
    """Bring the files that follow data/ (CODEOWNERS, the onboarding issue templates) in step with it, saying only
    what changed: `make check`, `build` and `test` run this first, so replacing data/ with another organisation's
    needs no other step. Broken data is left to `check` to report; other data directories ($HANDBOOK_DATA) have
    no such files."""
    if data_dir() != (ROOT / "data").resolve():
        return 0
    try:
        h = load()
    except DataError:
        return 0
    write(codeowners.PATH, codeowners.text(h), quiet=True)
    return issue_templates(h, quiet=True)


def diff(base: str, head: str | None, markdown: bool) -> int:
    """What the change from `base` to `head` (default: the files on disk) means; 1 when a published address
    would break without a redirect, or the new data fails the checks."""
    from handbook.outputs import diffreport, meaning, revision
    directory = data_dir()
    try:
        old = revision.at(directory, base)
        new = revision.at(directory, head) if head else revision.on_disk(directory)
    except revision.RevisionError as error:
        print(error, file=sys.stderr)
        return 2
    found = meaning.compare(old, new)
    sys.stdout.write(diffreport.render(found, markdown))
    return 1 if found.broken or new.model is None else 0


COMMANDS = {
    "check": (check, "檢查資料檔 / validate the data files (data/ or $HANDBOOK_DATA)"),
    "schemas": (schemas, "由 handbook/data/shapes.py 產生 schemas/*.schema.json / write the JSON Schemas"),
    "codeowners": (owners, "由各崗位的 owners 產生 .github/CODEOWNERS / write CODEOWNERS from the roles' owners"),
    "diff": (diff, "兩個 git 版本之間的資料改動是什麼意思 / what a change to the data means, between two git revisions"),
    "issue-templates": (issue_templates, "由入職路徑產生 .github/ISSUE_TEMPLATE/onboarding-<崗位>.md / "
                                         "write each role's onboarding issue template from its path"),
    "generated": (generated, "讓 CODEOWNERS 和入職 issue 範本跟上 data/(make check、build、test 會先執行)/ bring the "
                             "files that follow data/ in step (make check, build and test run it first)"),
}


def help_title() -> str:
    """The data's title for the help text, read without checking the rest: help works while the data is broken."""
    source, _ = yamlsource.read(data_file("roles"), "roles.yaml", (data_dir(), ROOT), files.limit("roles"))
    block = source.data.get("handbook") if isinstance(source.data, dict) else None
    title = block.get("title") if isinstance(block, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else identity.GENERIC_TITLE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description=f"{help_title()} / the role handbook")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        command = commands.add_parser(name, help=help_text)
        if name == "diff":
            command.add_argument("base", help="之前的版本 / the revision before, e.g. main or HEAD~1")
            command.add_argument("head", nargs="?", help="之後的版本(預設:磁碟上的檔案)/ the revision after "
                                                         "(default: the files on disk)")
            command.add_argument("--markdown", action="store_true", help="Markdown,給 pull request / for a pull request")
    args = vars(parser.parse_args(argv))
    return COMMANDS[args.pop("command")][0](**args)


if __name__ == "__main__":
    sys.exit(main())
