"""Mainland wording: Taiwan-standard Traditional text as a mainland reader writes it, in Simplified.

OpenCC's tw2sp converts Taiwan's words as well as its characters (列印 → 打印, 連結 → 链接, 隨著 → 随着,
重新整理 → 刷新), where t2s converts characters only and leaves Taiwan's vocabulary in Simplified script.
The few words it still gets wrong for this handbook are listed, reviewed, in data/simplified.yaml
(Handbook.mainland) and written as listed.  Used by the Simplified edition (handbook/edition) and the search
(handbook/search), which folds text with t2s (handbook.data.fold): `pairs` tells the search worker which of the
index's words the two wordings spell differently, so a reader typing either finds the other.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

import jieba
from opencc import OpenCC

from handbook.data.fold import HAN, fold

WIDEST = 3  # characters a pair's word may reach past the characters that differ (列 of 列印: one)


class Mainland:
    """One build's conversion: OpenCC tw2sp with the data's reviewed exceptions, each Chinese run once."""

    def __init__(self, exceptions: Mapping[str, str] | None = None):
        self._opencc = OpenCC("tw2sp")
        self.exceptions = dict(exceptions or {})
        words = sorted(self.exceptions, key=len, reverse=True)
        self._listed = re.compile("|".join(map(re.escape, words))) if words else None
        self._runs: dict[str, str] = {}

    def convert(self, text: str) -> str:
        """`text` in mainland Simplified, run by run of Chinese characters (phrases never span punctuation;
        the same runs recur on every page)."""
        return text if text.isascii() else HAN.sub(lambda m: self.run(m.group()), text)

    def run(self, run: str) -> str:
        if run not in self._runs:
            if self._listed is None:
                self._runs[run] = self._opencc.convert(run)
            else:  # a listed word as listed; what lies between it converts on its own
                out, at = [], 0
                for m in self._listed.finditer(run):
                    out += [self._opencc.convert(run[at:m.start()]), self.exceptions[m.group()]]
                    at = m.end()
                self._runs[run] = "".join(out) + self._opencc.convert(run[at:])
        return self._runs[run]

    def pairs(self, texts: Iterable[str]) -> dict[str, str]:
        """Words of `texts` (Traditional) whose mainland form differs from their fold beyond characters:
        folded word → mainland word (列印 → 打印, 随著 → 随着, 重新整理 → 刷新), each the shortest stretch
        of at least two characters that converts so."""
        found: dict[str, str] = {}
        for run in dict.fromkeys(r for text in texts for r in HAN.findall(text)):
            folded, mainland = fold(run), self.run(run)
            if folded == mainland or len(folded) != len(run):
                continue
            for i1, i2, j1, j2 in _changes(folded, mainland):
                pair = self._shortest(run, folded, mainland, i1, i2, j1, j2)
                if pair:
                    found.setdefault(*pair)
        return found

    def _shortest(self, run, folded, mainland, i1, i2, j1, j2) -> tuple[str, str] | None:
        """The stretch around one change, widened into the unchanged text on either side, that converts alone
        to what the whole run converts it to; of equally short ones, a word jieba knows (随着, not 着订)."""
        for reach in range(WIDEST + 1):
            found = []
            for left in range(reach + 1):
                right = reach - left
                a0, a1, b0, b1 = i1 - left, i2 + right, j1 - left, j2 + right
                if a0 < 0 or b0 < 0 or a1 > len(folded) or b1 > len(mainland) or a1 - a0 < 2:
                    continue
                if folded[a0:i1] != mainland[b0:j1] or folded[i2:a1] != mainland[j2:b1]:
                    continue  # the widening must stay in text both spell alike
                if self.run(run[a0:a1]) == mainland[b0:b1] != folded[a0:a1]:
                    found.append((folded[a0:a1], mainland[b0:b1]))
            if found:
                jieba.dt.check_initialized()
                return next((pair for pair in found if jieba.dt.FREQ.get(pair[1])), found[0])
        return None


def _changes(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Where `a` and `b` differ, as (a from, a to, b from, b to); changes one character apart are one change
    (重新整理 → 刷新 lines up 新 with 新)."""
    merged: list[list[int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if merged and i1 - merged[-1][1] <= 1 and j1 - merged[-1][3] <= 1:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    return [tuple(m) for m in merged]
