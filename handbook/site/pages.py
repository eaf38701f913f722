"""Which pages the data produces, their front matter, and the navigation.

Kept apart from MkDocs: a hook turns these into generated files.  Page
sources hold only a macro call with ASCII ids; the text itself is rendered
later by the macros, escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.model import Handbook
from handbook import urls
from handbook.site.render import plain

NAV_CHUNK = 20  # at most this many pages per nav section, so a page's size does not grow with the data
# The sections of the site whose pages come from a data file of the same name (roles.yaml → roles), with the
# title shown in the nav and on the recent-changes page.
SECTIONS = {"roles": "崗位 Roles", "topics": "主題 Topics", "processes": "流程 Processes", "measures": "成效指標 Measures",
            "onboarding": "入職 Onboarding"}
LIST_LIMIT = 5  # at most this many partners or collaborators listed on a role page, then "more"; topic pages list all


# The pages in docs/ that show the data: their edit button opens the data file they are drawn from, or is left
# out (None) where no one file holds what they show (the git history; lists gathered from pages or two files).
EDIT = {urls.PAGES[name]: key for name, key in {
    "roles": "roles", "topics": "topics", "onboarding": "onboarding", "matrix": "topics", "map": "topics",
    "processes": "processes", "measures": "measures", "gaps": "gaps",
    "glossary": None, "tags": None, "changes": None}.items()}


@dataclass(frozen=True)
class Page:
    uri: str
    title: str
    description: str
    macro: str
    tags: tuple[str, ...] = ()
    edit: tuple[str, int, int] | None = None  # data file key and its first and last line

    def source(self) -> str:
        meta = {"title": plain(self.title), "description": plain(self.description)}
        if self.tags:
            meta["tags"] = [plain(t) for t in self.tags]
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n{{ " + self.macro + " }}\n"


def generated(h: Handbook) -> list[Page]:
    pages = []
    for role in h.roles:
        pages.append(Page(uri=urls.role(role.id), title=role.name,
                          description=f"{role.name}({role.name_en}):{role.summary}",
                          macro=f'role_page("{role.id}")', tags=tuple(t.name for t in h.topics_of_role(role)),
                          edit=("roles", *role.lines)))
    for topic in h.topics:
        involved = "、".join(r.name for r, _ in h.roles_in(topic))
        pages.append(Page(uri=urls.topic(topic.id), title=topic.name,
                          description=f"{topic.name}({topic.name_en}):{involved}",
                          macro=f'topic_page("{topic.id}")', edit=("topics", *topic.lines)))
    first, last = h.stages[0], h.stages[-1]
    for process in h.processes:
        involved = "→".join(r.name for r in process.roles)
        pages.append(Page(uri=urls.process(process.id), title=process.name,
                          description=f"{process.name}({process.name_en}):{involved}",
                          macro=f'process_page("{process.id}")', edit=("processes", *process.lines)))
    for role in h.roles:
        path = h.path_by_role.get(role.id)
        pages.append(Page(uri=urls.onboarding(role.id), title=f"{role.name} · 入職路徑",
                          description=f"{role.name}新人從{first.name}到{last.name}的入職清單。"
                                      f"Onboarding checklist for a new {role.name_en}.",
                          macro=f'onboarding_page("{role.id}")', edit=("onboarding", *path.lines) if path else None))
    return pages


def _chunked(title: str, index: str | None, uris: list[str]) -> dict:
    """A nav section; long ones are split into numbered sub-sections that navigation.prune can leave out."""
    head = [index] if index else []
    return {title: head + _levels(uris)}


def _levels(uris: list[str], first: int = 1) -> list:
    """At most NAV_CHUNK entries per level, nesting numbered sections (1–400 › 21–40) as deep as needed,
    so a pruned page carries about NAV_CHUNK entries per level, not one per NAV_CHUNK roles."""
    if len(uris) <= NAV_CHUNK:
        return uris
    size = NAV_CHUNK
    while len(uris) > size * NAV_CHUNK:
        size *= NAV_CHUNK
    return [{f"{first + i}–{first + i + len(uris[i:i + size]) - 1}": _levels(uris[i:i + size], first + i)}
            for i in range(0, len(uris), size)]


def nav(h: Handbook) -> list:
    return [
        {"首頁 Home": urls.PAGES["home"]},
        _chunked(SECTIONS["roles"], urls.PAGES["roles"], [urls.role(r.id) for r in h.roles]),
        {SECTIONS["topics"]: [urls.PAGES["topics"], urls.PAGES["matrix"], urls.PAGES["map"], urls.PAGES["gaps"],
                                   urls.PAGES["tags"],
                         *(_chunked(plain(g.name), None, [urls.topic(t.id) for t in h.topics_in(g)]) for g in h.groups)]},
        _chunked(SECTIONS["processes"], urls.PAGES["processes"], [urls.process(p.id) for p in h.processes]),
        {SECTIONS["measures"]: urls.PAGES["measures"]},
        _chunked(SECTIONS["onboarding"], urls.PAGES["onboarding"], [urls.onboarding(r.id) for r in h.roles]),
        {"詞彙表 Glossary": urls.PAGES["glossary"]},
        {"最近更新 Recent changes": urls.PAGES["changes"]},
    ]


def clashes(present: Iterable[tuple[str, str]], added: Iterable[tuple[str, str]]) -> list[str]:
    """Each added (source, built file) pair whose source or built file is already taken: a page that would
    silently replace another (MkDocs only logs that at INFO level)."""
    taken: dict[str, str] = {}
    for src, dest in present:
        taken[src] = taken[dest] = src
    found = []
    for src, dest in added:
        other = taken.get(src) or taken.get(dest)
        if other:
            found.append(f"{src} → {dest} would replace {other}")
        taken[src] = taken[dest] = src
    return found


_ID = re.compile(r'id="([^"]*)"')  # a plain literal search: a thousand-role site is hundreds of megabytes


def duplicate_ids(html: str) -> list[str]:
    """The id attributes a page carries more than once (a link to one lands on the wrong element).

    Markdown and the theme write every id as id="…" after a space; data text cannot hold a raw quote
    (it is escaped), so this finds every id without parsing the page."""
    counts = Counter(m[1] for m in _ID.finditer(html) if html[m.start() - 1:m.start()].isspace())
    return sorted(ident for ident, n in counts.items() if n > 1)


def duplicate_ids_in(folder: Path) -> list[str]:
    """Each page under `folder` that carries an id twice, with those ids: the Simplified edition, written
    after the build from its pages, where conversion can make two ids one (臺 and 台)."""
    found = []
    for path in sorted(folder.rglob("*.html")):
        twice = duplicate_ids(path.read_text(encoding="utf-8"))
        if twice:
            found.append(f"{path.relative_to(folder.parent).as_posix()}: " + ", ".join(repr(i) for i in twice))
    return found
