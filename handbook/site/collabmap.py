"""The map: which role answers for work another role does.

The one relation drawn: in a topic, the accountable role (A) answers for the
work of each other role that does it there (R).  Roles that only share a topic
are not joined, so the picture says something instead of "everyone works with
everyone".  Drawn at build time as inline SVG in two columns (answers for →
does), no script, nothing fetched, labels at 14 px on a phone; the ranked list
beside it says the same in text and carries the topics.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from handbook.model import Handbook, Role, Topic
from handbook import urls

MOST_PAIRS = 100  # pairs listed at most: past that the page grows with the square of the roles
MOST_DRAWN = 30  # arrows drawn at most; the list carries the rest
STRONG = 2  # with more than FEW arrows, only those covering at least this many topics are drawn
FEW = 12
WIDTH, ROW, HEAD, NODE_W, NODE_H = 360, 44, 40, 124, 32


def pairs(h: Handbook, limit: int = MOST_PAIRS) -> list[tuple[Role, Role, list[Topic]]]:
    """(accountable role, doing role, topics), most topics first, at most `limit`."""
    return h.answers_for_others(limit)


def pair_count(h: Handbook) -> int:
    """How many pairs of roles could be joined at all: the map draws only some of them."""
    return len(h.roles) * (len(h.roles) - 1) // 2


def joined(all_pairs: list[tuple[Role, Role, list[Topic]]]) -> int:
    """How many pairs of roles (either way round) the arrows join."""
    return len({frozenset((a.id, b.id)) for a, b, _ in all_pairs})


def drawn(all_pairs: list[tuple[Role, Role, list[Topic]]]) -> list[tuple[Role, Role, list[Topic]]]:
    """The arrows the picture draws: all when few, else those covering STRONG or more topics (the list has all)."""
    strong = [p for p in all_pairs if len(p[2]) >= STRONG]
    return (all_pairs if len(all_pairs) <= FEW or not strong else strong)[:MOST_DRAWN]


def svg(h: Handbook, here: str, all_pairs: list[tuple[Role, Role, list[Topic]]], directory_urls: bool = True) -> Markup:
    """Two columns: on the left the roles that answer for work, on the right the roles doing it; an arrow per
    pair, thicker for more topics.  Only the arrows drawn() keeps, and only the roles in them."""
    shown = drawn(all_pairs)
    order = {r.id: i for i, r in enumerate(h.roles)}
    left = sorted({a.id: a for a, _, _ in shown}.values(), key=lambda r: order[r.id])
    right = sorted({b.id: b for _, b, _ in shown}.values(), key=lambda r: order[r.id])
    rows = max(len(left), len(right), 1)
    height = HEAD + rows * ROW
    most = max((len(t) for _, _, t in shown), default=1)

    def y(i: int) -> float:
        return HEAD + i * ROW + ROW / 2

    ly = {r.id: y(i) for i, r in enumerate(left)}
    ry = {r.id: y(i) for i, r in enumerate(right)}
    # A group of links (each role's page), not an image: an image may hold no links.
    parts = [f'<svg class="hb-map" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" role="group" data-search-exclude '
             'aria-label="誰為誰的工作當責 · Who answers for whose work" xmlns="http://www.w3.org/2000/svg">',
             '<title>誰為誰的工作當責 · Who answers for whose work</title>',
             '<desc>左欄的崗位對右欄崗位執行的工作當責;箭頭越粗,這樣的主題越多。下方的清單列出同樣的內容和主題。'
             'Each arrow runs from a role that is accountable (A) for a topic to a role that does work in it (R); '
             'thicker arrows cover more topics. The list below says the same, with the topics.</desc>',
             '<defs><marker id="hb-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="hb-map-arrowhead"/></marker></defs>',
             f'<text x="{NODE_W / 2}" y="22" text-anchor="middle" class="hb-map-head">當責 A</text>',
             f'<text x="{WIDTH - NODE_W / 2}" y="22" text-anchor="middle" class="hb-map-head">執行 R</text>']
    for a, b, topics in sorted(shown, key=lambda p: len(p[2])):  # thick arrows last, on top
        width = 1.5 + 4.5 * (len(topics) - 1) / max(most - 1, 1)
        names = "、".join(t.name for t in topics)
        parts.append(f'<line x1="{NODE_W + 2}" y1="{ly[a.id]:.1f}" x2="{WIDTH - NODE_W - 4}" y2="{ry[b.id]:.1f}" '
                     f'stroke-width="{width:.1f}" class="hb-map-edge" marker-end="url(#hb-map-arrow)">'
                     f'<title>{escape(a.name)} → {escape(b.name)}:{escape(names)}</title></line>')
    for column, x in ((left, 0), (right, WIDTH - NODE_W)):
        for i, r in enumerate(column):
            link = urls.built_link(here, urls.role(r.id), directory_urls)
            parts.append(f'<a href="{escape(link)}"><rect x="{x}" y="{y(i) - NODE_H / 2:.1f}" width="{NODE_W}" '
                         f'height="{NODE_H}" rx="16" class="hb-map-node"/><text x="{x + NODE_W / 2}" y="{y(i) + 5:.1f}" '
                         f'text-anchor="middle" class="hb-map-label">{escape(r.name)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
