"""A tiny reader for built pages: ids, links, visible text and meta tags (stdlib only)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse


class Page(HTMLParser):
    SKIP = {"script", "style", "title"}

    def __init__(self, path: Path, site: Path):
        super().__init__(convert_charrefs=True)
        self.url = "/" + str(path.relative_to(site).parent).replace(".", "").strip("/") + "/"
        self.url = self.url.replace("//", "/")
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.text_parts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0
        self._in_title = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content") or ""
        if tag in self.SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def internal_links(self) -> list[tuple[str, str]]:
        """(absolute site path, fragment) of every link that stays on the site."""
        out = []
        for href in self.links:
            target = urlparse(urljoin("http://site" + self.url, href))
            if target.netloc == "site":
                out.append((target.path, target.fragment))
        return out


def load(site: Path, url_path: str) -> Page:
    """The built page at a site path such as /roles/customer-service/."""
    path = site / url_path.strip("/") / "index.html" if url_path.strip("/") else site / "index.html"
    return Page(path, site)
