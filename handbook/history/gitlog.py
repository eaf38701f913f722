"""The data directory's recent commits, read from git so that no commit message can forge or break one.

A commit message is the one thing in git anybody can fill with anything, separators included, so it
never shares a stream with the fields that are parsed: the log gives only what git itself writes (hashes,
dates, modes, blob ids) and file names, NUL-separated (`-z`), which no file name can contain; each
subject is then read from its own commit object, by hash.  Anything that does not parse is skipped and
described in `skipped`, never raised: a build never fails on history it cannot parse.  A history cut
short (a shallow clone) is another matter: it is said (`cut`), since the page would otherwise tell readers
that nothing changed.

Without git, outside a repository, or when git refuses, `read` returns None.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from handbook.data.problems import hidden_char, printable

SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256 object names
# One `--raw` entry: ":<old mode> <new mode> <old blob> <new blob> <status>" (renames are off: one path follows).
RAW = re.compile(r":[0-7]{6} [0-7]{6} (?P<old>[0-9a-f]{40,64}) (?P<new>[0-9a-f]{40,64}) (?P<status>[AMDT])")
NULL_BLOB = re.compile(r"0+")
TIMEOUT_S = 20
SUBJECT_LIMIT = 200  # characters of a commit's first line shown


@dataclass(frozen=True)
class FileChange:
    name: str  # the file's name in the data directory, e.g. roles.yaml
    old: str | None  # its blob before the commit; None when the commit adds it
    new: str | None  # its blob after; None when the commit deletes it


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime.date  # the committer date: when the change reached the branch
    parents: tuple[str, ...]
    files: tuple[FileChange, ...]  # changed *.yaml files directly in the data directory
    subject: str | None = None  # the message's first line; None when unreadable or hiding characters


@dataclass
class Log:
    commits: list[Commit]
    skipped: list[str] = field(default_factory=list)  # what could not be read, in plain words
    since: str = ""  # the commit the history starts after (the data's history_since), as git resolved it
    since_missing: bool = False  # history_since names no commit this clone has: nothing is listed
    cut: bool = False  # a shallow clone ends the history before the commits asked for: older ones are unseen


def _git(directory: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    command = ["git", "-c", "core.quotePath=false", "-C", str(directory), *args]
    try:
        result = subprocess.run(command, input=stdin, capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def read(directory: Path, limit: int, since: str = "") -> Log | None:
    """The last `limit` commits on the current branch's first-parent line that change files in directory,
    newest first (a merged pull request counts as one commit: its merge); with `since` (a commit, from the data's
    handbook.history_since), only the commits after it: an organisation that adopted a fork starts its history
    at the commit that replaced the data, and the old company's changes are not its own. Every reader of the
    history (/changes/, feeds) comes through here, so all of them start at the same commit."""
    start = ""
    if since:
        found = _git(directory, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{since}^{{commit}}")
        if found is None:
            if _git(directory, "rev-parse", "--git-dir") is None:
                return None  # no git, or no repository: no history at all
            return Log([], [f"history_since {since}: 這個 clone 裡沒有這個提交 · no such commit in this clone"],
                       since=since, since_missing=True)
        start = found.decode("ascii", "replace").strip()
    out = _git(directory, "log", "-z", f"--max-count={limit}", "--first-parent", "--diff-merges=first-parent",
               "--raw", "--no-abbrev", "--no-renames", "--relative", "--format=%H%x00%P%x00%cs",
               *([f"{start}..HEAD"] if start else []), "--", ".")
    if out is None:
        return None
    log = parse(out)
    log.since = start
    parentless = [c for c in log.commits if not c.parents]
    shallow = _git(directory, "rev-parse", "--is-shallow-repository") == b"true\n"
    # the clone's edge is within reach (with a start the clone holds, what follows it is all there)
    log.cut = shallow and (bool(parentless) or (len(log.commits) < limit and not start))
    if parentless and shallow:
        # A shallow clone's oldest commit looks parentless: it would seem to add every record.
        log.skipped += [f"{c.sha[:7]}: 淺層複製,看不到之前的紀錄 · shallow clone, its parent is missing"
                        for c in parentless]
        log.commits = [c for c in log.commits if c.parents]
    subjects = _subjects(directory, [c.sha for c in log.commits], log.skipped)
    log.commits = [dataclasses.replace(c, subject=subjects.get(c.sha)) for c in log.commits]
    return log


def in_repository(directory: Path) -> bool:
    """Whether `directory` lies in a git checkout (a .git above it), read without git: its history exists,
    even when this build cannot read it."""
    return any((folder / ".git").exists() for folder in (directory, *directory.parents))


def parse(out: bytes) -> Log:
    """Commits from `git log -z --raw --format=%H%x00%P%x00%cs` output; what does not fit is skipped and noted."""
    tokens = [t.lstrip("\n") for t in out.decode("utf-8", "surrogateescape").split("\0")]
    if tokens and not tokens[-1]:
        tokens.pop()  # the output's final NUL

    def commit_at(i: int) -> tuple[str, tuple[str, ...], datetime.date] | None:
        head, parents, date = (tokens[i:i + 3] + ["", "", ""])[:3]
        when = _date(date)
        if SHA.fullmatch(head) and when and all(SHA.fullmatch(p) for p in parents.split()):
            return head, tuple(parents.split()), when
        return None

    commits, skipped, i = [], [], 0
    while i < len(tokens):
        start = commit_at(i)
        if start is None:
            skipped.append(f"讀不懂的紀錄 · unreadable record: {printable(tokens[i][:50]) or '(empty)'}")
            i += 1
            while i < len(tokens) and commit_at(i) is None:
                if SHA.fullmatch(tokens[i]):  # another broken record on the way
                    skipped.append(f"讀不懂的紀錄 · unreadable record: {tokens[i][:7]}")
                i += 1  # on to the next thing shaped like a commit
            continue
        head, parents, when = start
        i += 3
        files = []
        while i + 1 < len(tokens) and tokens[i].startswith(":"):
            raw, name = RAW.fullmatch(tokens[i]), tokens[i + 1]
            i += 2
            if raw is None:
                skipped.append(f"{head[:7]}: 讀不懂的檔案紀錄 · unreadable file entry {printable(tokens[i - 2][:80])}")
            elif name.endswith(".yaml") and "/" not in name and hidden_char(name) is None:
                old, new = (None if NULL_BLOB.fullmatch(b) else b for b in (raw["old"], raw["new"]))
                files.append(FileChange(name, old, new))
        commits.append(Commit(head, when, parents, tuple(files)))
    return Log(commits, skipped)


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def sizes(directory: Path, names: list[str]) -> dict[str, int]:
    """The size in bytes of each named object (a hash) that exists."""
    wanted = list(dict.fromkeys(n for n in names if SHA.fullmatch(n)))
    out = _git(directory, "cat-file", "--batch-check=%(objectname) %(objectsize)",
               stdin="\n".join(wanted).encode()) if wanted else None
    found = {}
    for line in (out or b"").decode("ascii", "replace").splitlines():
        name, _, size = line.partition(" ")
        if SHA.fullmatch(name) and size.isdigit():
            found[name] = int(size)
    return found


def contents(directory: Path, names: list[str]) -> dict[str, bytes]:
    """The contents of the named objects (hashes), by one `git cat-file --batch`; check their sizes first."""
    wanted = list(dict.fromkeys(n for n in names if SHA.fullmatch(n)))
    out = _git(directory, "cat-file", "--batch", stdin="\n".join(wanted).encode()) if wanted else None
    found, at = {}, 0
    while out and at < len(out):
        end = out.find(b"\n", at)
        header = out[at:end].decode("ascii", "replace").split(" ") if end >= 0 else []
        if len(header) != 3 or not header[2].isdigit():
            break  # "<name> missing", or a stream out of step: stop rather than misread
        size = int(header[2])
        found[header[0]] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return found


def _subjects(directory: Path, shas: list[str], skipped: list[str]) -> dict[str, str]:
    """Each commit's first message line, where it is readable text with no hidden characters."""
    subjects = {}
    small = [sha for sha, size in sizes(directory, shas).items() if size <= 1_000_000]
    for sha, body in contents(directory, small).items():
        _, _, message = body.partition(b"\n\n")
        try:
            first = message.decode("utf-8").split("\n", 1)[0].strip()
        except UnicodeDecodeError:
            skipped.append(f"{sha[:7]}: 提交說明不是 UTF-8 · commit message is not UTF-8")
            continue
        at = hidden_char(first)
        if at is not None:
            skipped.append(f"{sha[:7]}: 提交說明有看不見的字元 U+{ord(first[at]):04X},不顯示 · "
                           f"commit message has a hidden character U+{ord(first[at]):04X}; not shown")
        elif first:
            subjects[sha] = first if len(first) <= SUBJECT_LIMIT else first[:SUBJECT_LIMIT - 1] + "…"
    return subjects


def commit(directory: Path, revision: str) -> str | None:
    """The commit a revision (a branch, tag, hash, HEAD~1 …) names, or None when it names none here."""
    out = _git(directory, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    sha = (out or b"").decode("ascii", "replace").strip()
    return sha if SHA.fullmatch(sha) else None


def tree(directory: Path, sha: str) -> dict[str, str] | None:
    """The *.yaml files directly in directory at commit `sha` (file name → blob); None when git cannot say."""
    out = _git(directory, "ls-tree", "-z", sha, "--", ".") if SHA.fullmatch(sha) else None
    if out is None:
        return None
    found = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        info, _, name = entry.partition("\t")
        mode, kind, blob = (info.split(" ") + ["", "", ""])[:3]
        if kind == "blob" and mode == "100644" and name.endswith(".yaml") and "/" not in name \
                and hidden_char(name) is None and SHA.fullmatch(blob):
            found[name] = blob
    return found
