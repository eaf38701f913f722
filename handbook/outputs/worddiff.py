"""A short word diff of a reworded text: only the changed words, each with a few words around it.

Chinese is compared character by character (it has no spaces between words), other scripts word by word; a
change that leaves a word or two standing between two edits is shown as one edit, as a reader would put it.
"""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"[A-Za-z0-9_'’-]+|\s+|.", re.S)
CONTEXT = 4  # tokens kept on each side of a change
JOIN = 2  # at most this many unchanged tokens between two edits: one edit
LIMIT = 160  # characters of a diff shown; the rest is cut


def short(old: str, new: str, context: int = CONTEXT, limit: int = LIMIT) -> str:
    """`…前文 [-刪去的-]{+加上的+} 後文…`: what changed between old and new, in one line."""
    a, b = _TOKEN.findall(" ".join(old.split())), _TOKEN.findall(" ".join(new.split()))
    ops: list[list] = []
    for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        tag, i1, i2, j1, j2 = op
        if len(ops) >= 2 and ops[-1][0] == "equal" and ops[-1][2] - ops[-1][1] <= JOIN and ops[-2][0] != "equal" \
                and tag != "equal":
            ops.pop()
            ops[-1] = ["replace", ops[-1][1], i2, ops[-1][3], j2]
        else:
            ops.append(list(op))
    parts, text = [], ""
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            kept = a[i1:i2]
            before = "".join(kept[:context]) if n > 0 else ""
            after = "".join(kept[-context:]) if n < len(ops) - 1 else ""
            if n > 0 and n < len(ops) - 1 and len(kept) <= 2 * context:
                text += "".join(kept)
                continue
            if n > 0:
                parts.append(text + before + ("…" if len(kept) > context or n == len(ops) - 1 and i2 < len(a) else ""))
                text = ""
            if n < len(ops) - 1:
                text = ("…" if len(kept) > context else "") + after
            continue
        text += ("[-" + "".join(a[i1:i2]) + "-]" if i2 > i1 else "") + ("{+" + "".join(b[j1:j2]) + "+}" if j2 > j1 else "")
    if text:
        parts.append(text)
    line = " ".join(p.strip() for p in parts if p.strip())
    return line if len(line) <= limit else line[:limit - 1] + "…"
