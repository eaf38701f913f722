"""The data directory as it was at one git revision, or as it is on disk: read, checked and, when valid, built.

History may hold data that no longer passes the checks (or a revision from before a file existed): such a
version keeps its problems and its records, and has no model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from handbook.data import files, yamlsource
from handbook.data.load import FILES, OPTIONAL, ROOT, check_sources, display_name
from handbook.model import build
from handbook.data.problems import DataError, Problem
from handbook.model import Handbook
from handbook.history import changes, gitlog

class RevisionError(Exception):
    """A revision git does not know, or no git at all: said in plain words."""


@dataclass
class Version:
    label: str  # what the report calls it: a short hash, or 工作目錄 (the files on disk)
    model: Handbook | None  # None when the data did not pass the checks
    problems: list[Problem] = field(default_factory=list)
    records: dict[str, dict] = field(default_factory=dict)  # file name → changes.records of it


def _version(label: str, found: dict[str, tuple[yamlsource.Source, list] | None]) -> Version:
    skipped: list[str] = []
    records = {f"{key}.yaml": changes.records(read[0].data, FILES[key], skipped)
               for key, read in found.items() if read and read[0].data is not None}
    try:
        model, problems = build(check_sources(found)), []
    except DataError as error:
        model, problems = None, error.problems
    return Version(label, model, problems, records)


def at(directory: Path, revision: str) -> Version:
    """The data in `directory` as it was at `revision`."""
    sha = gitlog.commit(directory, revision)
    if sha is None:
        raise RevisionError(f"git 找不到版本「{revision}」:這裡不是 git 倉庫,或是淺層複製(shallow clone)沒有這段歷史"
                            f"(用 git fetch --unshallow,或 actions/checkout 的 fetch-depth: 0)。 / "
                            f"git knows no revision '{revision}' here: this is not a git repository, or a shallow clone "
                            f"without that history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout).")
    tree = gitlog.tree(directory, sha) or {}
    wanted = {key: tree.get(f"{key}.yaml") for key in FILES}
    sizes = gitlog.sizes(directory, [b for b in wanted.values() if b])
    blobs = gitlog.contents(directory, [b for k, b in wanted.items()
                                        if b and sizes.get(b, files.limit(k).bytes + 1) <= files.limit(k).bytes])
    where = display_name(directory)
    found = {}
    for key, blob in wanted.items():
        name = f"{where}/{key}.yaml@{sha[:7]}"
        if blob is None:
            found[key] = None
        elif blob in blobs:
            found[key] = yamlsource.parse(blobs[blob], name, files.limit(key))
        else:
            found[key] = yamlsource.Source(name), [Problem(name, 0, 0, "", "檔案太大,不像是手冊資料。",
                                                            "The file is too large to be handbook data.",
                                                            expected=f"< {files.limit(key).shown()}")]
    return _version(sha[:7], found)


def on_disk(directory: Path) -> Version:
    """The data in `directory` as it is now, edits not yet committed included."""
    found = {}
    for key in FILES:
        path = directory / f"{key}.yaml"
        found[key] = None if key in OPTIONAL and not os.path.lexists(path) else \
            yamlsource.read(path, display_name(path), (directory.resolve(), ROOT), files.limit(key))
    return _version("工作目錄 working tree", found)
