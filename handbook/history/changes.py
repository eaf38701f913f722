"""What changed in the handbook, record by record, for the 最近更新 page.

Each recent data commit (see gitlog) is compared with its parent, file by file: both versions are
parsed by the same reader as the live data (yamlsource, with its limits) and their records are matched
by id.  A record is any mapping with an `id`, or a top-level entry named by its `role` (an onboarding
path), so a data file added later is covered without code here; the file's schema, when known, names
each kind of record.  A record is added, removed, reworded (some text changed), changed (lists, links or
dates) or reviewed (only its review date changed); records added or removed with their parent are counted
in the parent's entry.

Links go to where the record is today, found in the current model: a record that no longer exists links to
its nearest ancestor that does, or nowhere.  Text read from history is shown only when it passes the same
hidden-character rule as the live data; otherwise the record's id stands in for it.
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
from handbook.model import Handbook, OnboardingPath
from handbook import urls
from handbook.history import gitlog
from handbook.kinds.names import A

LIMIT = 30  # data commits read
SHOWN = 12  # changes listed per commit; the rest are counted
BUDGET = 10_000_000  # bytes of old and new files parsed per build: a huge handbook shows fewer commits
NAME_LIMIT = 30  # characters of a record's name shown (an onboarding step is named by what it asks)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

ACTIONS = {"added": ("新增", "Added"), "removed": ("刪除", "Removed"),
           "reworded": ("改寫", "Reworded"), "changed": ("修改", "Changed"), "reviewed": ("審閱", "Reviewed")}
# Kinds of record by the name their schema gives them; any other kind is shown by that name.
KINDS = {"role": ("崗位", "Role"), "duty": ("職責", "Duty"), "topic": ("主題", "Topic"),
         "company-wide step": ("新人共同步驟", "Company-wide step"), "group": ("主題分組", "Topic group"), "stage": ("入職階段", "Onboarding stage"), "step": ("步驟", "Step"),
         "path": ("入職路徑", "Onboarding path"), "measure": ("成效指標", "Measure"), "process": ("流程", "Process"),
         "process step": ("流程步驟", "Process step"), "gap": ("待釐清", "Open question"),
         "roles.yaml": ("手冊文字", "Handbook text"), "synonyms.yaml": ("搜尋同義詞", "Search synonyms"),
         "simplified.yaml": ("簡體版用詞", "Simplified wording"),
         "": ("其他內容", "Other content")}
MODEL_NAMES = {"company": "company_steps"}  # data fields the model calls something else
TOP_PAGES = {"stages": "onboarding", "groups": "topics"}  # records with no page of their own, shown on these

Key = tuple  # ((field, id), …) from a top-level record down to one record; () is a file's other content


@dataclass(frozen=True)
class Item:
    """One record in one version of a data file."""

    kind: str  # its schema's name for it (role, duty, step …), else the field holding it; a file's other content: the file's
    place: tuple  # the fields between its parent record and it, e.g. ("stages", "day-1"): a move changes it
    fields: dict  # its own values, without the records inside it


@dataclass(frozen=True)
class Change:
    """One record's change, as a reader sees it."""

    action: str  # a key of ACTIONS
    kind: tuple[str, str]  # Chinese and English name of the kind
    name: str  # its name (today's, if it still exists), with its parents': 客服專員 › 退換貨管理
    name_en: str
    link: tuple | None  # href's arguments: (target, kind, anchor); None when nothing it belongs to still exists
    inner: tuple[tuple[tuple[str, str], int], ...] = ()  # records added or removed with it: (kind, how many)


@dataclass(frozen=True)
class Entry:
    commit: str
    date: datetime.date
    subject: str | None
    changes: tuple[Change, ...]  # the first SHOWN
    more: int  # how many more changes the commit made


@dataclass(frozen=True)
class History:
    entries: tuple[Entry, ...]
    skipped: tuple[str, ...]  # what could not be read, for the build log; the page gives the count


def recent(directory: Path, h: Handbook, limit: int = LIMIT) -> History | None:
    """The handbook's changes in the latest `limit` data commits, newest first; None without git history."""
    log = gitlog.read(directory, limit)
    if log is None:
        return None
    skipped = list(log.skipped)
    blobs = [b for c in log.commits for f in c.files for b in (f.old, f.new) if b]
    sizes = gitlog.sizes(directory, blobs)
    wanted, commits, spent = [], [], 0
    for commit in log.commits:
        new = [b for f in commit.files for b in (f.old, f.new)
               if b and b not in wanted and (b, f.name) not in _parsed]
        cost = sum(sizes.get(b, 0) for b in new)
        if commits and spent + cost > BUDGET:
            break
        spent += cost
        wanted += new
        commits.append(commit)
    _remember(gitlog.contents(directory, [b for b in wanted if sizes.get(b, BUDGET + 1) <= files.GROWS.bytes]))
    entries = []
    for commit in commits:
        found = []
        for file in sorted(commit.files, key=_reading_order):
            old, new = (_records(b, file.name, skipped) if b else {} for b in (file.old, file.new))
            if old is None or new is None:
                skipped.append(f"{commit.sha[:7]}: {file.name} 讀不懂,略過 · could not be read; skipped")
                continue
            found += diff(old, new, h)
        if found:
            entries.append(Entry(commit.sha, commit.date, commit.subject, tuple(found[:SHOWN]),
                                 max(0, len(found) - SHOWN)))
    return History(tuple(entries), tuple(skipped))


def _reading_order(file: gitlog.FileChange) -> tuple[int, str]:
    """The handbook's own files in the order its navigation reads them (roles, topics, onboarding …), then others."""
    order = list(FILES)
    stem = file.name[:-len(".yaml")]
    return (order.index(stem) if stem in order else len(order), file.name)


# ---------------------------------------------------------------- the records of one file version

_GONE = object()  # a value that held only records: nothing of it stays in its parent
_parsed: dict[tuple[str, str], dict[Key, Item] | None] = {}  # by (blob, file name): blobs never change
_contents: dict[str, bytes] = {}


def _remember(contents: dict[str, bytes]) -> None:
    _contents.clear()
    _contents.update(contents)


def _records(blob: str, name: str, skipped: list[str]) -> dict[Key, Item] | None:
    if (blob, name) not in _parsed:
        if blob not in _contents:
            return None
        source, _ = yamlsource.parse(_contents[blob], f"{name}@{blob[:7]}", files.limit(name[:-len(".yaml")]))
        if len(_parsed) > 1000:
            _parsed.clear()
        _parsed[blob, name] = None if source.data is None else records(source.data, FILES.get(name[:-len(".yaml")]),
                                                                          skipped)
    return _parsed[blob, name]


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
    if rest is not _GONE and rest:
        kind = spec.name if isinstance(spec, Record) else ""  # the file's own content: named by its file
        return {(): Item(kind, (), rest if isinstance(rest, dict) else {"": rest}), **records_found}
    return records_found


# ---------------------------------------------------------------- comparing two versions


def diff(old: dict[Key, Item], new: dict[Key, Item], h: Handbook) -> list[Change]:
    """The changed records between two versions of a file, in document order (removed ones last), as a reader
    of today's handbook sees them."""
    return [_change(key, action, item, inner, old, new, h) for key, action, item, inner in compare(old, new)]


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


def _change(key: Key, action: str, item: Item, inner: dict, old: dict, new: dict, h: Handbook) -> Change:
    today = _find(h, key)
    names, name_en = [], ""
    for n in range(1, len(key) + 1):
        obj = today[n - 1][0] if n <= len(today) else None
        ancestor = new.get(key[:n]) or old.get(key[:n])
        zh, en = _names(obj) if obj is not None else names_of(ancestor.fields if ancestor else {})
        names.append(zh or key[n - 1][1])
        name_en = en
    kind = kind_name(item.kind)
    return Change(action, kind, " › ".join(names) or kind[0], name_en if key else "", _link(h, key, today, item),
                  tuple((kind_name(k), n) for k, n in inner.items()))


def kind_name(kind: str) -> tuple[str, str]:
    return KINDS.get(kind) or ((kind, kind) if SLUG.fullmatch(kind) else ("紀錄", "Record"))


def _names(obj: object) -> tuple[str, str]:
    if isinstance(obj, OnboardingPath):
        obj = obj.role
    return names_of({k: getattr(obj, k, None) for k in ("name", "title", "do", "name_en", "title_en")})


def names_of(fields: dict) -> tuple[str, str]:
    """A record's Chinese and English names, where they are shown safely: from name, title or (steps) do."""
    zh = next((_shown(fields.get(k), NAME_LIMIT) for k in ("name", "title", "do") if _shown(fields.get(k), 1)), "")
    en = next((_shown(fields.get(k), 2 * NAME_LIMIT) for k in ("name_en", "title_en") if _shown(fields.get(k), 1)), "")
    return zh, en


def _shown(value: object, limit: int) -> str:
    if not isinstance(value, str) or hidden_char(value) is not None:
        return ""
    text = " ".join(value.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---------------------------------------------------------------- where a record is today


def _find(h: Handbook, key: Key) -> list[tuple[object, object]]:
    """The model objects along key, as far as they still exist, each with the stage it sits in (steps)."""
    found, parent = [], h
    for field, ident in key:
        match = next(((obj, stage) for obj, stage in _children(parent, field) if _id(obj) == ident), None)
        if match is None:
            break
        found.append(match)
        parent = match[0]
    return found


def _children(parent: object, field: str):
    for item in getattr(parent, MODEL_NAMES.get(field, field), None) or ():
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], tuple):  # (stage, its steps)
            yield from ((step, item[0]) for step in item[1])
        else:
            yield item, None


def _id(obj: object) -> str | None:
    if isinstance(obj, OnboardingPath):
        return obj.role.id
    return getattr(obj, "id", None)


def _link(h: Handbook, key: Key, today: list, item: Item) -> tuple | None:
    """href's arguments for the record's page, or its nearest existing ancestor's."""
    if not key:
        return ("home", None, None)
    if len(today) == len(key) - 1 and len(item.place) > 1:  # gone from under a stage (steps): where it was
        gone = _at_stage(h, today[-1][0] if today else h, item.place[-1])
        if gone:
            return gone
    for n in range(len(today), 0, -1):
        obj, stage = today[n - 1]
        parent = today[n - 2][0] if n > 1 else h
        try:
            urls.source(obj)
            return (obj, None, None)
        except (ValueError, TypeError):  # no page of its own
            pass
        field = key[n - 1][0]
        if stage is not None and _at_stage(h, parent, stage.id):  # a step, under the stage it is in
            return _at_stage(h, parent, stage.id)
        if field == "measures" and isinstance(parent, OnboardingPath):
            return (parent.role, urls.ONBOARDING, A.MEASURES)
        if n == 1 and field in TOP_PAGES:
            return (TOP_PAGES[field], None, None)
    return None


def _at_stage(h: Handbook, parent: object, stage_id: object) -> tuple | None:
    """A stage's heading on a role's onboarding page (parent: its path) or on the onboarding index (parent: the
    handbook, for company steps), when that page has a heading for it."""
    company = {stage.id for stage, _ in h.company_steps}
    if isinstance(parent, OnboardingPath) and stage_id in company | {stage.id for stage, _ in parent.stages}:
        return (parent.role, urls.ONBOARDING, stage_id)
    if parent is h and stage_id in company:
        return ("onboarding", None, stage_id)
    return None


def linkable(url: str) -> bool:
    """Whether the site's repository setting can go into a link: http(s), with nothing hidden in it."""
    return bool(re.fullmatch(r"https?://[^\s\"'<>]+", url or "")) and hidden_char(url) is None
