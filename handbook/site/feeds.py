"""Atom feeds of the handbook's changes: the whole handbook's, and one per role and per topic.

They read the same records as the 最近更新 page (history.changes): an entry per changed record, dated by
its commit, linking to where the record is now.  A role's feed lists what concerns the role (its duties,
its onboarding path, letters its duties gained or lost, the steps and measures they do); a topic's feed its
letters and description, and its duties and processes (site/concerns.py).  Text from the data is written
by ElementTree, which escapes it; the history reader has already refused hidden characters.  Each change is
named and linked as the 最近更新 page names it (site/recent.py).  Beside them lies
an empty sitemap.xml: Material's script fetches one beside every <link rel="alternate"> a page has (urls.feed).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from handbook import urls
from handbook.history.changes import ACTIONS, Change, Entry, History
from handbook.kinds.names import ROLES, TOPICS
from handbook.model import Handbook
from handbook.site import concerns, recent

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 100  # entries per feed, newest first


def _when(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


class _Writer:
    def __init__(self, h: Handbook, site_url: str | None, directory_urls: bool):
        self.h = h
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        self.host = urlsplit(self.base).hostname or "localhost"
        self.directory_urls = directory_urls
        self.shown: dict[int, recent.Change] = {}

    def named(self, change: Change) -> recent.Change:
        """The change as the 最近更新 page names and links it, worked out once for all the feeds that list it."""
        if id(change) not in self.shown:
            self.shown[id(change)] = recent.named(change, self.h)
        return self.shown[id(change)]

    def url(self, source: str, feed: str) -> str:
        """An address in the site: absolute with a site URL, else relative to the feed's own file."""
        built = urls.built(source, self.directory_urls) if source.partition("#")[0].endswith(".md") else source
        if self.base:
            return self.base + built
        return urls.relative(built, feed.rpartition("/")[0]) or "./"

    def feed(self, path: str, title: str, page: str, changes: list[tuple[Entry, Change]], fallback: datetime.date
             ) -> str:
        ET.register_namespace("", ATOM)
        root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-Hant"})
        ET.SubElement(root, f"{{{ATOM}}}id").text = self.url(path, path) if self.base else f"tag:{self.host},2026:{path}"
        ET.SubElement(root, f"{{{ATOM}}}title").text = title
        ET.SubElement(root, f"{{{ATOM}}}updated").text = _when(changes[0][0].date if changes else fallback)
        ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml",
                                                "href": self.url(path, path)})
        ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": self.url(page, path)})
        author = ET.SubElement(root, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = f"{self.h.identity.title} · {self.h.identity.title_en}"
        for entry, change in changes[:LIMIT]:
            item = ET.SubElement(root, f"{{{ATOM}}}entry")
            ET.SubElement(item, f"{{{ATOM}}}id").text = \
                f"tag:{self.host},{entry.date.isoformat()}:{entry.commit}/{change.item.kind or 'file'}/{change.ident}"
            zh, en = ACTIONS[change.action]
            shown = self.named(change)
            ET.SubElement(item, f"{{{ATOM}}}title").text = \
                f"{zh}{shown.kind[0]}:{shown.name} · {en} {shown.kind[1].lower()}: {shown.name_en or shown.name}"
            ET.SubElement(item, f"{{{ATOM}}}updated").text = _when(entry.date)
            target = urls.source(*shown.link) if shown.link else urls.PAGES["changes"]
            ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                    "href": self.url(target, path)})
            summary = f"{entry.subject} · " if entry.subject else ""
            ET.SubElement(item, f"{{{ATOM}}}summary").text = f"{summary}commit {entry.commit[:7]}"
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def files(h: Handbook, history: History | None, site_url: str | None, directory_urls: bool = True) -> dict[str, str]:
    """Every feed, by its path in the site; without history each feed is valid and empty."""
    writer = _Writer(h, site_url, directory_urls)
    every = [(entry, change) for entry in (history.entries if history else ()) for change in entry.changes]
    about = {id(change): concerns.of(change, h) for _, change in every}
    reviewed = max((r.reviewed for r in h.roles), default=datetime.date(2026, 1, 1))
    found = {urls.feed(): writer.feed(urls.feed(), f"{h.identity.title} · 最近更新 Recent changes", urls.PAGES["changes"],
                                      every, reviewed)}
    for role in h.roles:
        path = urls.feed("role", role.id)
        found[path] = writer.feed(path, f"{h.identity.title} · {role.name} {role.name_en}", urls.role(role.id),
                                  [(e, c) for e, c in every if role.id in about[id(c)].roles], role.reviewed)
    for topic in h.topics:
        path = urls.feed("topic", topic.id)
        found[path] = writer.feed(path, f"{h.identity.title} · {topic.name} {topic.name_en}", urls.topic(topic.id),
                                  [(e, c) for e, c in every if topic.id in about[id(c)].topics], reviewed)
    found[urls.FEED_SITEMAP] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
    return found


def for_page(h: Handbook, source: str) -> list[dict[str, str]]:
    """The feeds a page announces in its head: its role's or topic's, then the whole handbook's."""
    folder, _, name = source.rpartition("/")
    ident = name[:-len(".md")]
    own = []
    if folder in (ROLES, urls.ONBOARDING) and ident in h.role_by_id:
        role = h.role_by_id[ident]
        own.append({"title": f"{role.name} · 更新 Changes", "href": urls.feed("role", ident)})
    elif folder == TOPICS and ident in h.topic_by_id:
        topic = h.topic_by_id[ident]
        own.append({"title": f"{topic.name} · 更新 Changes", "href": urls.feed("topic", ident)})
    return own + [{"title": f"{h.identity.title} · 最近更新 Recent changes", "href": urls.feed()}]
