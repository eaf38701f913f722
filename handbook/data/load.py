"""Load the data directory: read and check every file, before anything is built (handbook.model.build).

All problems from all files are gathered, so a contributor sees every mistake in one run.  Raises
DataError when any.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.data import crossview
from handbook.data import files
from handbook.data import integrity
from handbook.data import movedcheck
from handbook.data import pageids
from handbook.data import quotes
from handbook.data import searchnames
from handbook.data import shapes
from handbook.data import yamlsource
from handbook.data.problems import DataError, Problem
from handbook.data.spec import check
from handbook.kinds import records

ROOT = Path(__file__).resolve().parents[2]
FILES = {key: shapes.FILES[key] for key in records.FILES}  # each data file's shape, in the order the site reads them
# Files a data directory may leave out (a company's own roles, benchmark data), and what that means: none of them.
OPTIONAL = {key: file.optional for key, file in records.FILES.items() if file.optional is not None}


def data_dir() -> Path:
    """The data directory: $HANDBOOK_DATA when set (a company's own roles, or benchmark data), else data/."""
    return Path(os.environ.get("HANDBOOK_DATA") or ROOT / "data").resolve()


def data_file(key: str, directory: Path | None = None) -> Path:
    """The data file for a key of FILES ("roles" → roles.yaml) in `directory` (default: data_dir())."""
    return (directory or data_dir()) / f"{key}.yaml"


def repository_path(path: Path) -> str | None:
    """`path` relative to the repository's root, as edit and history links name it; None when it lies outside."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return None


def display_name(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(path.relative_to(ROOT))
        except ValueError:
            return str(path)


def read_sources(directory: Path | None = None) -> dict[str, yamlsource.Source]:
    """Read and check every data file; raise DataError listing all problems."""
    directory = directory or data_dir()
    sources, problems, sound = {}, [], {}
    # A file under a name the handbook does not read, and the file it was meant to be, are one fault: said once.
    misnamed = files.unknown_files(directory, [data_file(key, directory).name for key in FILES],
                                   display_name(directory))
    problems += misnamed.values()
    for key in FILES:
        path = data_file(key, directory)
        if path.name in misnamed and not os.path.lexists(path):
            sources[key], sound[key] = yamlsource.Source(display_name(path)), False
            continue
        if key in OPTIONAL and not os.path.lexists(path):  # a broken link is there, and said to be broken
            sources[key], sound[key] = yamlsource.Source(display_name(path), OPTIONAL[key]), True
            continue
        source, found = yamlsource.read(path, display_name(path), (directory.resolve(), ROOT), files.limit(key))
        sources[key], sound[key] = _checked(key, source, found, problems)
    return _cross_checked(sources, sound, problems)


def _checked(key: str, source: yamlsource.Source, found: list[Problem], problems: list[Problem]):
    """One file's source, and whether it passed its shape check; its problems join `problems`."""
    if source.data is not None:
        found = found + check(FILES[key], source)
    problems += found
    return source, not found


def _cross_checked(sources: dict, sound: dict, problems: list[Problem]) -> dict[str, yamlsource.Source]:
    problems += integrity.check_all(sources, sound)
    problems += movedcheck.check(sources, sound)
    problems += quotes.check(sources, sound)
    problems += pageids.check(sources, sound)
    if all(sound[key] for key in ("roles", "topics", "processes", "measures")):  # ids to relate names by
        problems += searchnames.check({k: v for k, v in sources.items() if sound[k]})
    if all(sound.get(key) for key in ("roles", "topics", "processes", "measures", "gaps")):  # the shapes its rules read
        problems += crossview.check(sources)
    if problems:
        raise DataError(problems)
    return sources


def check_sources(read: dict[str, tuple[yamlsource.Source, list[Problem]] | None]) -> dict[str, yamlsource.Source]:
    """Check data files read from elsewhere (git history: `python -m handbook diff`) as read_sources checks the
    data directory: each key of FILES with its source and reading problems, or None when the file is not there."""
    sources, problems, sound = {}, [], {}
    for key in FILES:
        if read.get(key) is None and key in OPTIONAL:
            sources[key], sound[key] = yamlsource.Source(f"{key}.yaml", OPTIONAL[key]), True
            continue
        source, found = read.get(key) or (yamlsource.Source(f"{key}.yaml"), [
            Problem(f"{key}.yaml", 0, 0, "", "缺少這個檔案。", "The file is missing.")])
        sources[key], sound[key] = _checked(key, source, list(found), problems)
    return _cross_checked(sources, sound, problems)
