"""The overview the measures page opens with: each measure under the role that answers for its number.

A catalogue of full definitions is long on a phone; the overview lets a reader find their measure (or their
role's) first and jump to it.  The role is the one whose duty is accountable for the number where the data
names one (`accountable`), else the one whose duty keeps the definition (`owner`).
"""

from __future__ import annotations

from handbook.model import Handbook


def answering(measure):
    """The duty that answers for a measure's number."""
    return measure.accountable or measure.owner


def overview(h: Handbook) -> list[tuple[object, list[tuple[object, object]]]]:
    """(role, [(measure, its answering duty), ...]) for each role that answers for some measure, roles in the
    handbook's order, measures in the catalogue's."""
    by_role: dict[str, list] = {}
    for measure in h.measures:
        duty = answering(measure)
        by_role.setdefault(duty.role_id, []).append((measure, duty))
    return [(role, by_role[role.id]) for role in h.roles if role.id in by_role]
