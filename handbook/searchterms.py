"""Words the search must keep whole: a jieba user dictionary built from the data.

jieba's own dictionary is Simplified Chinese, so Traditional words such as
退換貨 or 客單價 would fall apart into single characters without this.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Handbook

_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]{2,}")


def terms(h: Handbook) -> list[str]:
    """Chinese words from role names, duty titles, topic names and aliases, longest first."""
    words: set[str] = set()
    texts = [r.name for r in h.roles] + [d.title for r in h.roles for d in r.duties]
    texts += [t.name for t in h.topics] + [a for t in h.topics for a in t.aliases]
    for text in texts:
        words.update(_HAN.findall(text))
    return sorted(words, key=lambda w: (-len(w), w))


def write_user_dict(h: Handbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = "".join(f"{word} {1000 * len(word)}\n" for word in terms(h))
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
