"""A process drawn as a swimlane: one lane per role, the steps in order, an arrow for each hand-off.

Drawn at build time as inline SVG (no script, nothing fetched), like the collaboration map, in two
layouts of the same steps; the stylesheet shows one by the width of the screen:
- wide (`svg`): the lanes run top to bottom as narrow columns with the role's name written vertically, and
  each step's label sits to the right of the lanes on the step's own row;
- narrow (`narrow`, phones): one column of steps, each naming its role, an arrow for each hand-off,
  drawn at the size it is shown (no scaling down), so its text stays at 13 px or more on a 390 px phone.
Each link (a lane's role, a step's duty) covers a box of at least 24 × 24 px, so a finger can hit it.  The
SVGs are groups of links (role="group"), not images: an image may hold no links.  The page's ordered list
says the same in text.
"""

from __future__ import annotations

from markupsafe import Markup, escape

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

    parts = [f'<svg class="hb-swim hb-swim-wide" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
             f'aria-label="{escape(process.name)}:泳道圖 Swimlane" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(process.name)}:泳道圖 Swimlane</title>',
             '<desc>每一欄是一個崗位,步驟由上往下依序排列,箭頭是交給下一步;下方的步驟清單列出同樣的內容。'
             'One lane per role, steps in order from the top, arrows hand the work on; the list below says the same.</desc>']
    for i, role_id in enumerate(lanes):
        role = h.role(role_id)
        x = LANE * i
        parts.append(f'<rect x="{x}" y="0" width="{LANE}" height="{height:.0f}" class="hb-swim-lane hb-swim-lane-{i % 2}"/>')
        parts.append(f'<a href="{link(role)}"><rect x="{x}" y="0" width="{LANE}" height="{HEADER}" class="hb-swim-hit"/>'
                     f'<text x="{x + LANE / 2:.0f}" y="10" class="hb-swim-role" '
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
                     f'<rect x="{x - RADIUS:.0f}" y="{y - RADIUS:.0f}" width="{width - x + RADIUS:.0f}" '
                     f'height="{2 * RADIUS}" class="hb-swim-hit"/>'
                     f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{RADIUS}" class="hb-swim-node hb-swim-{step.basis}"/>'
                     f'<text x="{x:.0f}" y="{y + 4.5:.0f}" class="hb-swim-number" font-size="12">{step.number}</text>'
                     f'<text x="{label_x:.0f}" y="{y + 5:.0f}" class="hb-swim-step" font-size="{TITLE_PX}">{escape(title)}</text></a>')
        line_y = y + 5 + WHO_PX + 6
        parts.append(f'<text x="{label_x:.0f}" y="{line_y:.0f}" class="hb-swim-who" font-size="{WHO_PX}">{escape(who)}</text>')
        for line in hands:
            line_y += TEXT_PX + 5
            parts.append(f'<text x="{label_x:.0f}" y="{line_y:.0f}" class="hb-swim-hands" font-size="{TEXT_PX}">{escape(line)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# The narrow layout: sizes in px as shown on a phone (the picture is never scaled down below NARROW wide).
NARROW = 340  # fits the text column of a 390 px phone (the theme's margins take 16 px a side)
N_RAIL = 22  # x of the step circles
N_RADIUS = 14  # a 28 px circle: a tap target
N_TEXT = 48  # x where a step's words start
N_TITLE, N_WHO, N_HANDS = 16, 13, 14  # font sizes; none under 13 px
N_GAP = 16


def narrow(h: Handbook, process: Process, here: str, directory_urls: bool = True) -> Markup:
    """The same steps for a phone: one column, each step's circle on a rail, its duty, its role and what it
    hands on beside it; a hand-off to another role is an accent arrow, the same role's next step a thin line."""
    def link(target) -> str:
        return urls.built_link(here, urls.source(target), directory_urls)

    room = NARROW - N_TEXT - 4
    rows, y = [], 8
    for step in process.steps:
        role = h.role(step.duty.role_id)
        title = fit(f"{step.duty.title}", room, N_TITLE)[0]
        basis = "" if step.basis not in (HANDBOOK, GAP) else f" · {BASIS_NAMES[step.basis][0]}"
        who = fit(role.name + basis, room, N_WHO)[0]
        hands = fit(f"→ {step.hands_on}", room, N_HANDS, HANDS_LINES)  # always HANDS_LINES elements, some empty
        top = y
        cy = top + N_RADIUS
        height = N_TITLE + 6 + N_WHO + 8 + (N_HANDS + 5) * sum(1 for line in hands if line)
        rows.append((step, role, title, who, hands, top, cy))
        y = top + max(height, 2 * N_RADIUS) + N_GAP
    total = y - N_GAP + 8
    label = f"{escape(process.name)}:步驟圖 Steps"
    parts = [f'<svg class="hb-swim hb-swim-narrow" viewBox="0 0 {NARROW} {total:.0f}" width="{NARROW}" '
             f'height="{total:.0f}" role="group" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{label}</title>']
    for (step, _, _, _, _, _, y1), (following, _, _, _, _, _, y2) in zip(rows, rows[1:]):
        handoff = step.duty.role_id != following.duty.role_id
        kind = "hb-swim-handoff" if handoff else "hb-swim-next"
        top, bottom = y1 + N_RADIUS, y2 - N_RADIUS - 7
        parts.append(f'<path d="M{N_RAIL} {top:.0f} V{bottom:.0f}" class="hb-swim-arrow {kind}"/>')
        parts.append(f'<polygon points="{N_RAIL - 5},{bottom:.0f} {N_RAIL + 5},{bottom:.0f} {N_RAIL},{bottom + 7:.0f}" '
                     f'class="hb-swim-head {kind}"/>')
    for step, role, title, who, hands, top, cy in rows:
        parts.append(f'<a href="{link(step.duty)}">'
                     f'<title>{escape(role.name)}:{escape(step.duty.title)} — {escape(step.do)}</title>'
                     f'<rect x="0" y="{top:.0f}" width="{NARROW}" height="{2 * N_RADIUS}" class="hb-swim-hit"/>'
                     f'<circle cx="{N_RAIL}" cy="{cy:.0f}" r="{N_RADIUS}" class="hb-swim-node hb-swim-{step.basis}"/>'
                     f'<text x="{N_RAIL}" y="{cy + 4.5:.0f}" class="hb-swim-number" font-size="{N_WHO}">{step.number}</text>'
                     f'<text x="{N_TEXT}" y="{top + N_TITLE:.0f}" class="hb-swim-step" font-size="{N_TITLE}">'
                     f'{escape(title)}</text></a>')
        line_y = top + N_TITLE + 6 + N_WHO
        parts.append(f'<text x="{N_TEXT}" y="{line_y:.0f}" class="hb-swim-who" font-size="{N_WHO}">{escape(who)}</text>')
        line_y += 8
        for line in hands:
            line_y += N_HANDS + 5
            parts.append(f'<text x="{N_TEXT}" y="{line_y - 5:.0f}" class="hb-swim-hands" font-size="{N_HANDS}">'
                         f'{escape(line)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
