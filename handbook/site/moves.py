"""Where each renamed or removed id's old address leads now (data/moved.yaml): links that never break.

A page's old address (a role, its onboarding path, a topic, a process) gets a redirect page to the new one, or
to the list of its kind when nothing replaces it; the redirects plugin writes them from `redirects`.  An old
anchor (a duty on a role page, a measure on the measures page) cannot be redirected by a file: the page it was
on keeps the old id, beside the record when it is still on that page (`Alias.beside`), else as a short note
that links to where it went.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.model import Duty, Handbook, Measure
from handbook import urls

# The list a kind's old address leads to when nothing replaces the record.
LISTS = {"role": "roles", "topic": "topics", "process": "processes", "measure": "measures"}


@dataclass(frozen=True)
class Alias:
    """An old anchor id kept on a page."""

    old: str  # the anchor, as it was published
    target: Duty | Measure | None  # the record it leads to; None when it was removed with no successor
    beside: bool  # the target is on this same page: the old id sits beside it


def _renamed(h: Handbook, kind: str) -> dict[str, str | None]:
    return {m.old: m.new for m in h.moved if m.kind == kind}


def role_now(h: Handbook, role_id: str) -> str | None:
    """The role whose page an old role id's address leads to now; None when the role was removed."""
    if role_id in {r.id for r in h.roles}:
        return role_id
    return _renamed(h, "role").get(role_id)


def redirects(h: Handbook) -> dict[str, str]:
    """Old page source → new page source, for every renamed or removed page (the redirects plugin's map)."""
    found = {}
    paths = {p.role.id for p in h.paths}
    for m in h.moved:
        if m.kind == "role":
            found[urls.role(m.old)] = urls.role(m.new) if m.new else urls.PAGES["roles"]
            found[urls.onboarding(m.old)] = (urls.onboarding(m.new) if m.new and m.new in paths
                                             else urls.PAGES["onboarding"])
        elif m.kind == "topic":
            found[urls.topic(m.old)] = urls.topic(m.new) if m.new else urls.PAGES["topics"]
        elif m.kind == "process":
            found[urls.process(m.old)] = urls.process(m.new) if m.new else urls.PAGES["processes"]
    return found


def duty_aliases(h: Handbook) -> dict[str, tuple[Alias, ...]]:
    """Role id → the old duty anchors its page keeps (a duty renamed there, or moved or removed from there)."""
    found: dict[str, list[Alias]] = {}
    roles = {r.id: r for r in h.roles}
    for m in h.moved:
        if m.kind != "duty":
            continue
        old_role, old_duty = m.old.split("/", 1)
        page = role_now(h, old_role)
        if page is None:
            continue  # the role is gone too: its address leads to the list of roles
        target = None
        if m.new:
            new_role, new_duty = m.new.split("/", 1)
            target = roles[new_role].duty(new_duty)
        found.setdefault(page, []).append(Alias(old_duty, target, target is not None and target.role_id == page))
    return {role: tuple(aliases) for role, aliases in found.items()}


def measure_aliases(h: Handbook) -> tuple[Alias, ...]:
    """The old measure anchors the measures page keeps."""
    measures = {x.id: x for x in h.measures}
    return tuple(Alias(m.old, measures.get(m.new) if m.new else None, bool(m.new))
                 for m in h.moved if m.kind == "measure")
