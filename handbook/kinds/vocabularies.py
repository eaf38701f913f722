"""The few fixed words the data is written in: R/A/C/I letters, where a statement comes from, which way a
measure should move, each with what it means in Chinese and English.

The data's checks, the pages, the exports and search all read them here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Letter:
    """One responsibility letter (RACI): what a duty's part in a topic is."""

    code: str
    name: str
    name_en: str
    means: str
    means_en: str


# The one home of the letters, strongest first: pages, exports, search and the data's checks read them here.
LETTERS = (
    Letter("A", "當責", "accountable", "對結果負責:有問題找它。每個主題只有一個。",
           "answers for the outcome: ask this role. Exactly one per topic."),
    Letter("R", "執行", "responsible", "動手做這件工作。", "does the work."),
    Letter("C", "諮詢", "consulted", "事前要問它的意見。", "is asked before decisions."),
    Letter("I", "知會", "informed", "事後要讓它知道。", "is kept informed."),
)
LETTER = {letter.code: letter for letter in LETTERS}
ACCOUNTABLE = "A"
DOING = ("A", "R")  # the letters of those who do or answer for the work, as against those asked or told

# Where an assignment or a description comes from: the document's own words, or the handbook's judgement.
DOCUMENT, HANDBOOK, GAP = "document", "handbook", "gap"
BASES = {DOCUMENT: ("原文", "the document's words"), HANDBOOK: ("本手冊的判斷", "the handbook's judgement")}
BASIS_NAMES = {**BASES, GAP: ("原文沒有指定", "a gap in the document")}  # a process step may also be a gap

HIGHER, LOWER = "higher", "lower"
DIRECTION_NAMES = {HIGHER: ("越高越好", "higher is better"), LOWER: ("越低越好", "lower is better")}
