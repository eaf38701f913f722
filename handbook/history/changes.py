"""What changed in the data, record by record, in each recent data commit (the 最近更新 page names and links
the changes: handbook/site/recent.py).

Each recent data commit (see gitlog) is compared with its parent, file by file: both versions are
parsed by the same reader as the live data (yamlsource, with its limits) and their records are matched
by id.  A record is any mapping with an `id`, or a top-level entry named by its `role` (an onboarding
path), so a data file added later is covered without code here; the file's schema, when known, names
each kind of record.  A record is added, removed, reworded (some text changed), changed (lists, links or
dates) or reviewed (only its review date changed); records added or removed with their parent are counted
in the parent's entry.  Text read from history is kept only when it passes the same hidden-character rule
as the live data; otherwise the record's id stands in for it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from handbook.data import files, yamlsource
from handbook.data.load import FILES
from handbook.data.problems import hidden_char
from handbook.data.spec import Field, ListOf, MapOf, Record
from handbook.history import gitlog
from handbook.kinds import records

LIMIT = 30  # data commits read
BUDGET = 10_000_000  # bytes of old and new files parsed per build: a huge handbook shows fewer commits
NAME_LIMIT = 30  # characters of a record's name shown (an onboarding step is named by what it asks)
SLUG = re.compile(records.ID)

ACTIONS = {"added": ("新增", "Added"), "removed": ("刪除", "Removed"),
           "reworded": ("改寫", "Reworded"), "changed": ("修改", "Changed"), "reviewed": ("審閱", "Reviewed")}
# Kinds of record by the name their schema gives them, a file's content outside records by the file's name; any
# other kind is shown by that name.
KINDS = {**{kind.name: (kind.zh, kind.en) for kind in records.KINDS.values()},
         **{f"{key}.yaml": file.other for key, file in records.FILES.items() if file.other},
         "": ("其他內容", "Other content")}

Key = tuple  # ((field, id), …) from a top-level record down to one record; () is a file's other content


@dataclass(frozen=True)
class Item:
    """One record in one version of a data file."""

    kind: str  # its schema's name for it (role, duty, step …), else the field holding it; a file's other content: the file's
    place: tuple  # the fields between its parent record and it, e.g. ("stages", "day-1"): a move changes it
    fields: dict  # its own values, without the records inside it


@dataclass(frozen=True)
class Change:
    """One record's change between two versions of a data file."""

    action: str  # added, removed, reworded, changed or reviewed
    key: Key
    item: Item  # the record as it is after the change (before it, when removed)
    names: tuple[tuple[str, str], ...]  # each record along `key`: its Chinese and English names then ("" if none)
    inner: tuple[tuple[str, int], ...] = ()  # records added or removed with it: (kind, how many)
    before: Item | None = None  # the record before the change; None when it was added

    @property
    def ident(self) -> str:
        """Its chain of ids, e.g. roles/finance/duties/settlement: one record across commits."""
        return "/".join(part for pair in self.key for part in pair)


@dataclass(frozen=True)
class Entry:
    commit: str
    date: datetime.date
    subject: str | None
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    entries: tuple[Entry, ...]
    skipped: tuple[str, ...]  # what could not be read, for the build log; the page gives the count
    since: str = ""  # the commit the history starts after (handbook.history_since in the data), resolved
    since_missing: bool = False  # that commit is not in this clone: nothing can be listed
    cut: bool = False  # the history ends early (a shallow clone): older changes are unseen


def recent(directory: Path, limit: int = LIMIT, since: str = "") -> History | None:
    """The data's changes in the latest `limit` data commits, newest first; None without git history. `since`:
    the data's handbook.history_since, after which the history starts (gitlog.read)."""
    log = gitlog.read(directory, limit, since)
    if log is None:
        return None
    skipped = list(log.skipped)
    blobs = [b for c in log.commits for f in c.files for b in (f.old, f.new) if b]
    sizes = gitlog.sizes(directory, blobs)
    wanted, commits, spent = [], [], 0
    names = {b: {f.name for c in log.commits for f in c.files if b in (f.old, f.new)} for b in blobs}
    for commit in log.commits:
        new = [b for f in commit.files for b in (f.old, f.new) if b and b not in wanted]
        cost = sum(sizes.get(b, 0) for b in new)
        if commits and spent + cost > BUDGET:
            break
        spent += cost
        wanted += new
        commits.append(commit)
    contents = gitlog.contents(directory, [b for b in wanted if sizes.get(b, BUDGET + 1) <= files.GROWS.bytes
                                          and not any((b, name) in SNAPSHOTS for name in names.get(b, ()))])
    entries = []
    for commit in commits:
        found = []
        for file in sorted(commit.files, key=_reading_order):
            old, new = (_records(b, file.name, contents, skipped) if b else {} for b in (file.old, file.new))
            if old is None or new is None:
                skipped.append(f"{commit.sha[:7]}: {file.name} 讀不懂,略過 · could not be read; skipped")
                continue
            found += diff(old, new)
        if found:
            entries.append(Entry(commit.sha, commit.date, commit.subject, tuple(found)))
    return History(tuple(entries), tuple(skipped), log.since, log.since_missing, log.cut)


def _reading_order(file: gitlog.FileChange) -> tuple[int, str]:
    """The handbook's own files in the order its navigation reads them (roles, topics, onboarding …), then others."""
    order = list(FILES)
    stem = file.name[:-len(".yaml")]
    return (order.index(stem) if stem in order else len(order), file.name)


# ---------------------------------------------------------------- the records of one file version

_GONE = object()  # a value that held only records: nothing of it stays in its parent


class Snapshots:
    """The records of file versions already read, by (blob, file name): a blob's content never changes, so a
    `mkdocs serve` rebuild reads only the versions it has not seen (nothing else carries over between builds)."""

    LIMIT = 1000

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], tuple[dict[Key, Item] | None, tuple[str, ...]]] = {}

    def __contains__(self, key: tuple[str, str]) -> bool:
        return key in self._found

    def get(self, blob: str, name: str, contents: dict[str, bytes], skipped: list[str]) -> dict[Key, Item] | None:
        if (blob, name) not in self._found:
            if blob not in contents:
                return None
            source, _ = yamlsource.parse(contents[blob], f"{name}@{blob[:7]}", files.limit(name[:-len(".yaml")]))
            said: list[str] = []
            found = None if source.data is None else records(source.data, FILES.get(name[:-len(".yaml")]), said)
            if len(self._found) >= self.LIMIT:
                self._found.clear()
            self._found[blob, name] = (found, tuple(said))
        found, said = self._found[blob, name]
        skipped += said
        return found


SNAPSHOTS = Snapshots()


def _records(blob: str, name: str, contents: dict[str, bytes], skipped: list[str]) -> dict[Key, Item] | None:
    return SNAPSHOTS.get(blob, name, contents, skipped)


def records(data: object, spec: object, skipped: list[str]) -> dict[Key, Item]:
    """Every record in one version of a data file, in document order, keyed by its chain of ids."""
    found: dict[Key, Item | None] = {}

    def walk(node, spec, chain: Key, place: tuple):
        spec = spec.spec if isinstance(spec, Field) else spec
        if isinstance(node, list):
            item = spec.item if isinstance(spec, ListOf) else None
            kept = [v for v in (walk(x, item, chain, place) for x in node) if v is not _GONE]
            return kept if kept or not node else _GONE
        if not isinstance(node, dict):
            return node
        ident = node.get("id") if "id" in node else (node.get("role") if not chain else None)
        if ident is not None:
            key = chain + ((place[0] if place else "", ident),)
            if not isinstance(ident, str) or not SLUG.fullmatch(ident) or key in found:
                skipped.append(f"略過 id 不對或重複的紀錄 · skipped a record with a bad or repeated id: {ident!r:.60}")
                return _GONE
            found[key] = None  # its place in document order, before the records inside it
            fields = spec.fields if isinstance(spec, Record) else {}
            own = {k: walk(v, fields.get(k), key, (k,)) for k, v in node.items()}
            kind = spec.name if isinstance(spec, Record) else (place[0] if place else "")
            found[key] = Item(kind, place, {k: v for k, v in own.items() if v is not _GONE})
            return _GONE
        if isinstance(spec, MapOf):  # its keys are ids (stages): the values' kind comes from the map
            own = {k: walk(v, spec.value, chain, place + (k,)) for k, v in node.items()}
        else:
            fields = spec.fields if isinstance(spec, Record) else {}
            own = {k: walk(v, fields.get(k), chain, place + (k,)) for k, v in node.items()}
        own = {k: v for k, v in own.items() if v is not _GONE}
        return own if own or not node else _GONE

    rest = walk(data, spec, (), ())
    records_found = {k: v for k, v in found.items() if v is not None}
    if rest is not _GONE and _holds_something(rest):
        kind = spec.name if isinstance(spec, Record) else ""  # the file's own content: named by its file
        return {(): Item(kind, (), rest if isinstance(rest, dict) else {"": rest}), **records_found}
    return records_found


def _holds_something(value: object) -> bool:
    """Whether a file's other content says anything: an empty list of records (moved: []) is no record."""
    if isinstance(value, dict):
        return any(_holds_something(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_something(v) for v in value)
    return True


# ---------------------------------------------------------------- comparing two versions


def diff(old: dict[Key, Item], new: dict[Key, Item]) -> list[Change]:
    """The changed records between two versions of a file, in document order (removed ones last), each with the
    names it and the records above it had in these versions."""
    return [Change(action, key, item, tuple(names_of(ancestor.fields) if (ancestor := new.get(key[:n]) or old.get(key[:n]))
                                            else ("", "") for n in range(1, len(key) + 1)), tuple(inner.items()),
                   old.get(key) if action != "removed" else item)
            for key, action, item, inner in compare(old, new)]


def compare(old: dict[Key, Item], new: dict[Key, Item]) -> list[tuple[Key, str, Item, dict]]:
    """(key, action, item, records added or removed with it by kind) for each changed record, in document order
    (removed ones last): the one comparison /changes/, the feeds and `python -m handbook diff` read."""
    changes: dict[Key, list] = {}
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            changes[key] = ["added", item, {}]
        elif before != item:
            changed = {k for k in item.fields.keys() | before.fields.keys()
                       if item.fields.get(k) != before.fields.get(k)}
            texts = any(isinstance(v.fields.get(k), str) for k in changed for v in (item, before))
            action = "reviewed" if changed == {"reviewed"} else "reworded" if texts else "changed"
            changes[key] = [action, item, {}]
    for key, item in old.items():
        if key not in new:
            changes[key] = ["removed", item, {}]
    for key, (action, _, _) in list(changes.items()):
        outer = next((key[:n] for n in range(1, len(key)) if action in ("added", "removed")
                      and key[:n] in changes and changes[key[:n]][0] == action), None)
        if outer is not None:  # added or removed with its parent: counted there, by kind
            inner = changes[outer][2]
            inner[changes[key][1].kind] = inner.get(changes[key][1].kind, 0) + 1
            del changes[key]
    return [(key, action, item, inner) for key, (action, item, inner) in changes.items()]


def kind_name(kind: str) -> tuple[str, str]:
    """A kind of record's Chinese and English name (KINDS); any other kind by its own name."""
    return KINDS.get(kind) or ((kind, kind) if SLUG.fullmatch(kind) else ("紀錄", "Record"))


def names_of(fields: dict) -> tuple[str, str]:
    """A record's Chinese and English names, where they are shown safely: from name, title or (steps) do."""
    zh = next((shown(fields.get(k), NAME_LIMIT) for k in ("name", "title", "do") if shown(fields.get(k), 1)), "")
    en = next((shown(fields.get(k), 2 * NAME_LIMIT) for k in ("name_en", "title_en") if shown(fields.get(k), 1)), "")
    return zh, en


def shown(value: object, limit: int) -> str:
    if not isinstance(value, str) or hidden_char(value) is not None:
        return ""
    text = " ".join(value.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
