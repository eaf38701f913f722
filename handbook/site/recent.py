"""The 最近更新 page: each recent change of the data (handbook/history/changes.py) named and linked as the
handbook is today.

Links go to where the record is today, found in the current model: a record that no longer exists links to
its nearest ancestor that does, or nowhere.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from handbook import urls
from handbook.data.problems import hidden_char
from handbook.history import changes, gitlog
from handbook.kinds.names import A
from handbook.model import Handbook, OnboardingPath

SHOWN = 12  # changes listed per commit; the rest are counted
MODEL_NAMES = {"company": "company_steps"}  # data fields the model calls something else
TOP_PAGES = {"stages": "onboarding", "groups": "topics"}  # records with no page of their own, shown on these



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
    since: str = ""  # the commit the history starts after (the data's handbook.history_since), resolved
    since_missing: bool = False  # that commit is not in this clone: nothing can be listed
    cut: bool = False  # the history ends early (a shallow clone): the page says so, the build warns


def recent(directory: Path, h: Handbook, limit: int = changes.LIMIT) -> History | None:
    """The handbook's changes in the latest `limit` data commits, newest first; None without git history."""
    return page(changes.recent(directory, limit, h.identity.history_since), h)


def page(history: changes.History | None, h: Handbook) -> History | None:
    """The data's history (read once per build) as the page shows it: the first SHOWN changes of each commit."""
    if history is None:
        return None
    return History(tuple(Entry(e.commit, e.date, e.subject, tuple(named(c, h) for c in e.changes[:SHOWN]),
                               max(0, len(e.changes) - SHOWN)) for e in history.entries), history.skipped,
                   history.since, history.since_missing, history.cut)


def missing(history: History | None, directory: Path) -> str | None:
    """What the data's history lacks that the page must not hide, for the build log; None when it is whole.

    A history that exists but is cut short (a shallow clone), starts at a commit the clone lacks, or cannot be
    read (no git) would make /changes/ say too little; CI's checkout fetches the whole history (fetch-depth:
    0), so there it is a mistake.  Data outside any repository has no history to miss: the page says so."""
    if history is None:
        return ("the data is in a git repository, but this build could not read its history (is git installed?); "
                "/changes/ lists nothing") if gitlog.in_repository(directory) else None
    if history.since_missing:
        return (f"the data's handbook.history_since ({history.since[:12]}) is not in this clone (mistyped, or a "
                "shallow clone); /changes/ lists nothing")
    if history.cut:
        return ("this build's git history is a shallow clone that ends before the data's recent commits; "
                "/changes/ says so and lists only what it can see. Fetch the whole history (git fetch "
                "--unshallow; actions/checkout with fetch-depth: 0)")
    return None


def named(change: changes.Change, h: Handbook) -> Change:
    """One change named and linked as the handbook is today (the page and the feeds)."""
    key, today = change.key, _find(h, change.key)
    names, name_en = [], ""
    for n in range(1, len(key) + 1):
        obj = today[n - 1][0] if n <= len(today) else None
        zh, en = _names(obj) if obj is not None else change.names[n - 1]
        names.append(zh or key[n - 1][1])
        name_en = en
    kind = changes.kind_name(change.item.kind)
    return Change(change.action, kind, " › ".join(names) or kind[0], name_en if key else "",
                  _link(h, key, today, change.item), tuple((changes.kind_name(k), n) for k, n in change.inner))


def _names(obj: object) -> tuple[str, str]:
    if isinstance(obj, OnboardingPath):
        obj = obj.role
    return changes.names_of({k: getattr(obj, k, None) for k in ("name", "title", "do", "name_en", "title_en")})


# ---------------------------------------------------------------- where a record is today


def _find(h: Handbook, key: changes.Key) -> list[tuple[object, object]]:
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


def _link(h: Handbook, key: changes.Key, today: list, item: changes.Item) -> tuple | None:
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
