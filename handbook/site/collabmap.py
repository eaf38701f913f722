"""The collaboration map: roles on a circle, joined where they share topics.

Drawn at build time as inline SVG (no script, nothing fetched), with a
text equivalent listing the same pairs for screen readers and phones.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from handbook.model import Handbook, Role, Topic
from handbook.site import urls

SIZE, RADIUS = 640, 240
MOST_PAIRS = 100  # lines drawn at most: past that the map is unreadable and its page grows with the square of the roles


def pairs(h: Handbook, limit: int = MOST_PAIRS) -> list[tuple[Role, Role, list[Topic]]]:
    """The pairs of roles that share topics, most shared first, at most `limit` of them.

    A pair among the strongest `limit` is among the first `limit` collaborators
    of its earlier role, so only those are looked at; the shared topics are
    listed for the pairs kept only (at 1,000 roles that is 100 pairs, not 100,000).
    """
    order = {r.id: i for i, r in enumerate(h.roles)}
    ranked = sorted((-count, order[a.id], order[b.id], a, b) for a in h.roles
                    for b, count in h.ranked_collaborators(a, limit) if order[b.id] > order[a.id])
    return [(a, b, h.shared_topics(a, b)) for *_, a, b in ranked[:limit]]


def pair_count(h: Handbook) -> int:
    """How many pairs of roles share a topic."""
    return sum(h.collaborator_count(r) for r in h.roles) // 2


def svg(h: Handbook, here: str, all_pairs: list[tuple[Role, Role, list[Topic]]], directory_urls: bool = True) -> Markup:
    """The map of `all_pairs` (from pairs()): every role on a circle, a line per pair, thicker for more topics."""
    n = max(len(h.roles), 1)
    centre = SIZE / 2
    pos = {r.id: (centre + RADIUS * math.sin(2 * math.pi * i / n), centre - RADIUS * math.cos(2 * math.pi * i / n))
           for i, r in enumerate(h.roles)}
    most = max((len(t) for _, _, t in all_pairs), default=1)
    parts = [f'<svg class="hb-map" viewBox="0 0 {SIZE} {SIZE}" role="img" aria-labelledby="hb-map-title hb-map-desc" '
             f'xmlns="http://www.w3.org/2000/svg">',
             '<title id="hb-map-title">崗位協作圖 Collaboration map</title>',
             '<desc id="hb-map-desc">每條線連接兩個有共同主題的崗位,線越粗共同主題越多;下方的清單列出同樣的內容。'
             'Each line joins two roles that share topics; thicker lines share more. The list below says the same.</desc>']
    for a, b, topics in all_pairs:
        (x1, y1), (x2, y2) = pos[a.id], pos[b.id]
        width = 1 + 7 * len(topics) / most
        names = "、".join(t.name for t in topics)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width:.1f}" '
                     f'class="hb-map-edge"><title>{escape(a.name)} ↔ {escape(b.name)}:{escape(names)}</title></line>')
    for r in h.roles:
        x, y = pos[r.id]
        width = 15 * len(r.name) + 20  # CJK glyphs are about one em wide at the label's 14px
        parts.append(f'<a href="{urls.built_link(here, urls.role(r.id), directory_urls)}"><rect x="{x - width / 2:.1f}" y="{y - 16:.1f}" width="{width}" '
                     f'height="32" rx="16" class="hb-map-node"/><text x="{x:.1f}" y="{y + 5:.1f}" '
                     f'text-anchor="middle" class="hb-map-label">{escape(r.name)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
