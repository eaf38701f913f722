"""What a search result says under its title: a few structured words a reader can scan, not the page's text.

The index keeps each page's whole text to find it by; a result shows instead, where the page is a record
readers look for, what they came for, in one or two short lines (the stylesheet cuts at three on a phone):
- a topic: who answers for it (its accountable role and duty) and the first line of its description;
- a process: what starts it and the roles taking part, in the order they act;
- a measure: its definition (the formula, its unit);
- a role: its one-line summary; a duty: its own description (not the labels around it on the page).
Everything else (a text page, a section of one) shows its own text, cut short by the stylesheet.
"""

from __future__ import annotations

import re

from handbook import urls
from handbook.model import Handbook

LINE = 60  # characters of a description kept in a snippet
_SENTENCE = re.compile(r"^(.+?[。;!?.;!?])(?:\s|$)")


def first_line(text: str, limit: int = LINE) -> str:
    """The first sentence of `text`, cut with … past `limit` characters."""
    text = " ".join(text.split())
    m = _SENTENCE.match(text)
    line = m.group(1) if m else text
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def definition(measure) -> str:
    """A measure's formula as one line: numerator ÷ denominator, or its expression, with the unit."""
    if measure.expression:
        formula = measure.expression
    else:
        formula = " ÷ ".join(p for p in (measure.numerator, measure.denominator) if p)
    return f"{first_line(formula, 2 * LINE)}({measure.unit})" if measure.unit else first_line(formula, 2 * LINE)


def snippets(h: Handbook, directory_urls: bool = True) -> dict[str, str]:
    """index location → the snippet its result shows."""
    def at(obj) -> str:
        return urls.built(urls.source(obj), directory_urls)

    found: dict[str, str] = {}
    for topic in h.topics:
        a = topic.accountable
        found[at(topic)] = (f"A 找誰 Ask:{h.role(a.duty.role_id).name} · {a.duty.title} — "
                            f"{first_line(topic.description)}")
    for process in h.processes:
        roles = "、".join(h.role(role_id).name for role_id in process.lanes)
        found[at(process)] = f"開始 Starts:{first_line(process.trigger)} · 崗位 Roles:{roles}"
    for measure in h.measures:
        found[at(measure)] = f"定義 Definition:{definition(measure)}"
    for role in h.roles:
        found[at(role)] = first_line(role.summary, 2 * LINE)
        for duty in role.duties:
            found[at(duty)] = first_line(duty.description, 2 * LINE)
    return found
