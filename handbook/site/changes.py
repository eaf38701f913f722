"""Recent changes to the data, read from git history for the 最近更新 page.

History is a bonus, never a requirement: without git, outside a repository or
when git refuses to read it, `recent` returns None and the page says so, so
the site still builds from a plain copy of the files.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

LIMIT = 30  # commits listed on the page
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    commit: str  # full hash
    date: str  # YYYY-MM-DD, the author date
    subject: str  # the commit message's first line, shown as text
    files: tuple[str, ...]  # changed data files, relative to the repository root


def recent(directory: Path, limit: int = LIMIT) -> list[Change] | None:
    """The latest commits touching files in directory, newest first; None when git history cannot be read."""
    command = ["git", "-c", "core.quotePath=false", "-C", str(directory), "log", f"--max-count={limit}",
               "--date=short", f"--format={_RECORD}%H{_FIELD}%ad{_FIELD}%s", "--name-only", "--", "."]
    try:
        result = subprocess.run(command, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    changes = []
    for record in result.stdout.decode("utf-8", "replace").split(_RECORD)[1:]:
        head, _, names = record.partition("\n")
        commit, date, subject = head.split(_FIELD, 2)
        if re.fullmatch(r"[0-9a-f]{40,64}", commit):
            changes.append(Change(commit, date, subject, tuple(n for n in names.splitlines() if n.strip())))
    return changes
