"""Checks of data/simplified.yaml, the reviewed words the Simplified edition writes its own way.

The shape (Chinese words only, a reason for each) is checked by schema.py; this adds what spans entries:
a Traditional word listed twice would leave the edition's spelling to the order of the file.
"""

from __future__ import annotations

import unicodedata

from handbook.data.problems import show
from handbook.data.yamlsource import Source


def check_simplified(c, simplified: Source) -> None:
    """Each Traditional word once (after NFKC: a compatibility ideograph is the same word)."""
    words = simplified.data.get("words") if isinstance(simplified.data, dict) else None
    seen: dict[str, int] = {}
    for i, entry in enumerate(words if isinstance(words, list) else []):
        word = entry.get("traditional") if isinstance(entry, dict) else None
        if not isinstance(word, str):
            continue
        key = unicodedata.normalize("NFKC", word.strip())
        if key in seen:
            first = simplified.where(("words", seen[key], "traditional"))[0]
            c.report(simplified, ("words", i, "traditional"),
                     f"「{show(word)}」已經在第 {first} 行列過;簡體版只能有一種寫法。",
                     f"'{show(word)}' is already listed on line {first}; the Simplified edition can write it one way only.",
                     expected="每個詞只列一次 / each word once", found=show(word),
                     hint="刪掉其中一項,留下審閱過的寫法 / delete one entry, keep the reviewed form")
        else:
            seen[key] = i
