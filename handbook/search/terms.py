"""Words the search must keep whole, and how Chinese text is cut into words.

jieba's own dictionary is Simplified Chinese, so Traditional words such as
退換貨 or 客單價 would fall apart into single characters.  Two remedies:
the data's words taught to a tokenizer of each build's own (role names,
duty titles, topic names and aliases, in both scripts: `Words`, what a user
dictionary file would do, without a second file to load), and cutting
Traditional text where jieba cuts its Simplified fold, which it knows far
better (電商行業, not 電 / 商行 / 業).  This module is the only one that
imports jieba: swapping the segmenter means rewriting it alone.
"""

from __future__ import annotations

import functools
import re

import jieba
from opencc import OpenCC

from handbook.data.fold import HAN, simplified
from handbook.model import Handbook

_S2T = OpenCC("s2t")
AND = re.compile(r"[與与、,,]|\band\b")  # names like 退換貨與退款 or "Suppliers and settlement" are two names


@functools.lru_cache(maxsize=None)
def forms(text: str) -> tuple[str, ...]:
    """The other ways to write `text`: its Simplified fold and that fold's standard Traditional (規范 → 规范, 規範)."""
    fold = simplified(text)
    return tuple(f for f in dict.fromkeys([fold, _S2T.convert(fold)]) if f != text)


def terms(h: Handbook) -> list[str]:
    """Chinese words from role names, duty titles, topic names and aliases, measure names, and their forms,
    longest first."""
    words: set[str] = set()
    texts = [r.name for r in h.roles] + [d.title for r in h.roles for d in r.duties]
    texts += [t.name for t in h.topics] + [a for t in h.topics for a in t.aliases]
    texts += [m.name for m in h.measures]  # a measure's name is a word (客單價); a process's is a phrase
    for text in texts:
        for word in HAN.findall(text):
            for part in (p for p in AND.split(word) if len(p) > 1):
                words.update([part, *forms(part)])
    return sorted(words, key=lambda w: (-len(w), w))


def _frequency(word: str) -> int:
    return 1000 * len(word)


class Words:
    """How one build cuts Chinese text into words: jieba's dictionary (read once per process: jieba.dt) copied
    into a tokenizer of the build's own and taught the data's words (what a user dictionary file would do).
    Nothing carries over between builds: a `mkdocs serve` rebuild without a word no longer keeps it whole."""

    def __init__(self, h: Handbook):
        jieba.dt.check_initialized()
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total = dict(jieba.dt.FREQ), jieba.dt.total
        self.tokenizer.initialized = True
        self.terms = terms(h)
        for word in self.terms:
            self.tokenizer.add_word(word, _frequency(word))
        self._cuts: dict[str, tuple[str, ...]] = {}
        self._parts: dict[str, tuple[str, ...]] = {}

    def cut(self, run: str) -> tuple[str, ...]:
        """A Chinese run cut into words where jieba cuts its Simplified fold."""
        if run not in self._cuts:
            fold = simplified(run)
            guide = fold if len(fold) == len(run) else run
            words, start = [], 0
            for word in self.tokenizer.cut(guide):
                words.append(run[start:start + len(word)])
                start += len(word)
            self._cuts[run] = tuple(words) if start == len(run) else (run,)
        return self._cuts[run]

    def parts(self, word: str) -> tuple[str, ...]:
        """The shorter words jieba knows inside a long one (年度預算 → 年度, 預算), as its search mode finds them."""
        if word not in self._parts:
            fold = simplified(word)
            known = self.tokenizer.FREQ
            self._parts[word] = () if len(word) < 3 or len(fold) != len(word) or not HAN.fullmatch(word) else \
                tuple(word[i:i + n] for n in (2, 3) if n < len(word)
                      for i in range(len(word) - n + 1) if known.get(fold[i:i + n]))
        return self._parts[word]
