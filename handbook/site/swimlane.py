"""A process drawn as a swimlane: one lane per role, the steps in order, an arrow for each hand-off.

Drawn at build time as inline SVG (no script, nothing fetched), like the collaboration map.  The lanes
run top to bottom as narrow columns with the role's name written vertically, and each step's label sits
to the right of the lanes on the step's own row, so the picture keeps one layout from a 390 px phone to
an A4 page without text shrinking with the number of roles.  The page's ordered list says the same.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from handbook.kinds.names import SWIM_DESC, SWIM_TITLE
from handbook.kinds.vocabularies import BASIS_NAMES, GAP, HANDBOOK

from handbook.model import Handbook, Process
from handbook import urls

LANE = 38  # width of one lane
HEADER = 116  # room for a role name written vertically (up to 7 characters at 14px) and its link
ROLE_PX, TITLE_PX, WHO_PX, TEXT_PX = 14, 16, 13, 14  # font sizes: lane heads, step titles, roles, hand-ons
LABEL = 250  # width of the label column: with four lanes the picture is about 400 wide, near a phone's width
RADIUS = 12
GAP_Y = 10  # space between rows
HANDS_LINES = 2  # lines for what a step hands on (cut with … past that; the list below has it whole)


def text_width(text: str, px: float) -> float:
    """Rough rendered width: CJK and full-width characters take an em, the rest a little over half."""
    return sum(px if ord(c) > 0x2E7F else px * 0.56 for c in text)


def wrap(text: str, width: float, px: float) -> list[str]:
    """`text` broken into lines no wider than `width` (breaking anywhere, as CJK text does)."""
    lines, line = [], ""
    for c in text:
        if line and text_width(line + c, px) > width:
            lines.append(line)
            line = ""
        line += c
    return lines + [line] if line else lines


def fit(text: str, width: float, px: float, lines: int = 1) -> list[str]:
    """`text` in exactly `lines` lines no wider than `width`, the last cut with … when it does not fit (the
    list under the picture has it whole); always the same number of elements, whatever the text."""
    wrapped = wrap(text, width, px) or [""]
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        while last and text_width(last + "…", px) > width:
            last = last[:-1]
        wrapped = wrapped[:lines - 1] + [last + "…"]
    return wrapped + [""] * (lines - len(wrapped))


def svg(h: Handbook, process: Process, here: str, directory_urls: bool = True) -> Markup:
    """The swimlane of `process`, its links relative to page source `here` (raw HTML: MkDocs leaves them as is)."""
    lanes = process.lanes
    lane_x = {role_id: LANE * i + LANE / 2 for i, role_id in enumerate(lanes)}
    label_x = LANE * len(lanes) + 14
    width = label_x + LABEL

    def link(target, kind=None) -> str:
        return urls.built_link(here, urls.source(target, kind), directory_urls)

    rows, y = [], HEADER + 18
    row = TITLE_PX + WHO_PX + 11 + (TEXT_PX + 5) * HANDS_LINES + GAP_Y
    for step in process.steps:
        role = h.role(step.duty.role_id)
        title = fit(f"{step.number}. {step.duty.title}", LABEL - 4, TITLE_PX)[0]
        basis = "" if step.basis not in (HANDBOOK, GAP) else f" · {BASIS_NAMES[step.basis][0]}"
        who = fit(role.name + basis, LABEL - 4, WHO_PX)[0]
        hands = fit(f"→ {step.hands_on}", LABEL - 4, TEXT_PX, HANDS_LINES)
        rows.append((step, role, title, who, hands, y))
        y += row
    height = y

    parts = [f'<svg class="hb-swim" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
             f'aria-labelledby="{SWIM_TITLE} {SWIM_DESC}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{SWIM_TITLE}">{escape(process.name)}:泳道圖 Swimlane</title>',
             f'<desc id="{SWIM_DESC}">每一欄是一個崗位,步驟由上往下依序排列,箭頭是交給下一步;下方的步驟清單列出同樣的內容。'
             'One lane per role, steps in order from the top, arrows hand the work on; the list below says the same.</desc>']
    for i, role_id in enumerate(lanes):
        role = h.role(role_id)
        x = LANE * i
        parts.append(f'<rect x="{x}" y="0" width="{LANE}" height="{height:.0f}" class="hb-swim-lane hb-swim-lane-{i % 2}"/>')
        parts.append(f'<a href="{link(role)}"><text x="{x + LANE / 2:.0f}" y="10" class="hb-swim-role" '
                     f'font-size="{ROLE_PX}" writing-mode="vertical-rl">{escape(fit(role.name, HEADER - 14, ROLE_PX)[0])}</text>'
                     f'<title>{escape(role.name)}</title></a>')
    parts.append(f'<line x1="0" y1="{HEADER}" x2="{width:.0f}" y2="{HEADER}" class="hb-swim-rule"/>')
    # hand-off arrows first, so the nodes sit on top of them
    for (step, _, _, _, _, y1), (following, _, _, _, _, y2) in zip(rows, rows[1:]):
        x1, x2 = lane_x[step.duty.role_id], lane_x[following.duty.role_id]
        top, bottom = y1 + RADIUS, y2 - RADIUS - 7
        kind = "hb-swim-handoff" if x1 != x2 else "hb-swim-next"
        if x1 == x2:
            path = f"M{x1:.0f} {top:.0f} V{bottom:.0f}"
        else:
            turn = bottom - 10
            path = f"M{x1:.0f} {top:.0f} V{turn:.0f} H{x2:.0f} V{bottom:.0f}"
        parts.append(f'<path d="{path}" class="hb-swim-arrow {kind}"/>')
        parts.append(f'<polygon points="{x2 - 5:.0f},{bottom:.0f} {x2 + 5:.0f},{bottom:.0f} {x2:.0f},{bottom + 7:.0f}" '
                     f'class="hb-swim-head {kind}"/>')
    for step, role, title, who, hands, y in rows:
        x = lane_x[step.duty.role_id]
        parts.append(f'<line x1="{x + RADIUS:.0f}" y1="{y:.0f}" x2="{label_x - 4:.0f}" y2="{y:.0f}" class="hb-swim-leader"/>')
        parts.append(f'<a href="{link(step.duty)}">'
                     f'<title>{escape(role.name)}:{escape(step.duty.title)} — {escape(step.do)}</title>'
                     f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{RADIUS}" class="hb-swim-node hb-swim-{step.basis}"/>'
                     f'<text x="{x:.0f}" y="{y + 4.5:.0f}" class="hb-swim-number">{step.number}</text>'
                     f'<text x="{label_x:.0f}" y="{y + 5:.0f}" class="hb-swim-step" font-size="{TITLE_PX}">{escape(title)}</text></a>')
        line_y = y + 5 + WHO_PX + 6
        parts.append(f'<text x="{label_x:.0f}" y="{line_y:.0f}" class="hb-swim-who" font-size="{WHO_PX}">{escape(who)}</text>')
        for line in hands:
            line_y += TEXT_PX + 5
            parts.append(f'<text x="{label_x:.0f}" y="{line_y:.0f}" class="hb-swim-hands" font-size="{TEXT_PX}">{escape(line)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
