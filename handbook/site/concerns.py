"""Whom a changed record concerns: the roles and topics whose feeds list it, and the marks pages show for it.

A duty concerns its role and the topics it is in; a topic's letters concern the roles whose letters changed;
a process step concerns the roles of the duties that do it (before and after); a measure the roles of its
owner and of the duties that move it; an onboarding path its role.  Marks name what a page can flag as
changed since the reader's last visit: `duty:<role>/<duty>` (its heading on the role page) and
`letter:<topic>/<role>/<duty>` (its letter on the topic page).
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.history.changes import Change
from handbook.model import Handbook


@dataclass(frozen=True)
class Concerns:
    roles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()


def _refs(value: object) -> list[str]:
    """Duty references (role-id/duty-id) in a field's value: a string or a list of them, or of mappings."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        ref = item.get("duty") if isinstance(item, dict) else item
        if isinstance(ref, str) and ref.count("/") == 1:
            found.append(ref)
    return found


def _letters(fields: dict | None) -> dict[str, object]:
    return {a["duty"]: a.get("raci") for a in (fields or {}).get("duties") or []
            if isinstance(a, dict) and isinstance(a.get("duty"), str)}


def of(change: Change, h: Handbook) -> Concerns:
    """What a changed record concerns; `h`, today's handbook model, says which topics a duty is in and which
    topics a process belongs to."""
    key = change.key
    old = change.before.fields if change.before else None
    new = change.item.fields if change.action != "removed" else None
    if not key:
        return Concerns()
    (field, ident), rest = key[0], key[1:]
    roles: dict[str, None] = {}
    topics: dict[str, None] = {}
    marks: list[str] = []
    if field == "roles":
        roles[ident] = None
        if rest and rest[0][0] == "duties":
            marks.append(f"duty:{ident}/{rest[0][1]}")
            duty = next((d for r in h.roles if r.id == ident for d in r.duties if d.id == rest[0][1]), None)
            topics.update((t.id, None) for t, _ in (h.topics_of(duty) if duty else ()))
    elif field == "paths":
        roles[ident] = None
    elif field == "topics" and not rest:
        topics[ident] = None
        before, after = _letters(old), _letters(new)
        for ref in dict.fromkeys([*before, *after]):
            if before.get(ref) != after.get(ref):
                roles[ref.split("/")[0]] = None
                marks.append(f"letter:{ident}/{ref}")
    elif field == "processes":
        process = next((p for p in h.processes if p.id == ident), None)
        topics.update((t.id, None) for t in (process.topics if process else ()))
        for fields in (old, new):
            roles.update((ref.split("/")[0], None) for ref in _refs((fields or {}).get("duty")))
    elif field in ("measures", "gaps"):
        for fields in (old, new):
            for name in ("owner", "moved_by", "duties"):
                roles.update((ref.split("/")[0], None) for ref in _refs((fields or {}).get(name)))
            if field == "gaps":
                topics.update((t, None) for t in (fields or {}).get("topics") or () if isinstance(t, str))
    return Concerns(tuple(roles), tuple(topics), tuple(marks))
