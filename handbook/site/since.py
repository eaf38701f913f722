"""Since your last visit: when each duty and each letter last changed, for the marks role and topic pages carry.

A page holds the date of each record's latest change (data-hb-changed, from the data's history); the reader's
browser remembers when it last showed the page and reveals the marks newer than that (since.js).  Only the
pages that carry marks load the script.
"""

from __future__ import annotations

import datetime

from handbook import urls
from handbook.history.changes import History
from handbook.model import Handbook
from handbook.site import concerns


def dates(history: History | None, h: Handbook) -> dict[str, datetime.date]:
    """Each mark (site/concerns.py: duty:<role>/<duty>, letter:<topic>/<role>/<duty>) → its latest change."""
    found: dict[str, datetime.date] = {}
    for entry in history.entries if history else ():  # newest first
        for change in entry.changes:
            for mark in concerns.of(change, h).marks:
                found.setdefault(mark, entry.date)
    return found


def marked(h: Handbook, source: str) -> bool:
    """Whether the page built from `source` carries marks: a role page or a topic page."""
    folder, _, name = source.rpartition("/")
    ident = name[:-len(".md")]
    return (folder == urls.ROLES and ident in h.role_by_id) or (folder == urls.TOPICS and ident in h.topic_by_id)
