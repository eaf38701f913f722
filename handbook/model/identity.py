"""Whose handbook this is: its title, short name, source document, credits line and home-page examples.

All of it comes from the `handbook:` block of roles.yaml, so another organisation adopts the site by editing its
data: nothing about one company is written in the templates, docs/ or mkdocs.yml. What the data leaves out is
derived here, once, from the rest of the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handbook.model.records import Handbook

GENERIC_TITLE = "崗位手冊"  # where the data cannot be read (the command line's help when roles.yaml is broken)


@dataclass(frozen=True)
class SourceDocument:
    """The document the duties are quoted from (原文)."""

    name: str
    url: str = ""  # where to read it; empty when it is not published


@dataclass(frozen=True)
class Identity:
    title: str
    title_en: str
    short_name: str = ""  # for narrow places (the print header); empty: the title
    description: str = ""  # one sentence for the home page and search engines; empty: derived from the data
    source: SourceDocument | None = None  # None: the duties quote no document
    copyright: str = ""  # the footer's credits line; empty: none
    search_examples: tuple[str, ...] = ()  # words the home page suggests typing; empty: the first topics' names
    history_since: str = ""  # the commit /changes/ and the feeds start after (gitlog.read); empty: all history

    @property
    def short(self) -> str:
        return self.short_name or self.title


def from_data(block: dict) -> Identity:
    """The identity from roles.yaml's checked `handbook:` block."""
    source = block.get("source")
    return Identity(
        title=block["title"], title_en=block["title_en"], short_name=block.get("short_name") or "",
        description=block.get("description") or "",
        source=SourceDocument(source["name"], source.get("url") or "") if source else None,
        copyright=block.get("copyright") or "", search_examples=tuple(block.get("search_examples") or ()),
        history_since=block.get("history_since") or "")


def description(h: Handbook) -> str:
    """The handbook in one sentence (plain text): the data's, or one made from its counts and stages."""
    if h.identity.description:
        return h.identity.description
    stages = f",以及新人從{h.stages[0].name}到{h.stages[-1].name}的入職路徑" if h.stages else ""
    return f"{h.identity.title}:{len(h.roles)} 個崗位各做什麼、一件工作找誰{stages}。"


def search_examples(h: Handbook) -> tuple[str, ...]:
    """Words the home page suggests searching for: the data's, or the first topics' names."""
    return h.identity.search_examples or tuple(t.name for t in h.topics[:3])
