"""Every link a built site makes to itself lands somewhere: a file that exists and, with a #fragment, an id in it.

Reusable for any build mode and any new kind of page, because it reads the built files, not the model:
every `.html` page (both editions, raw HTML and inline SVG included), every `.svg` file, the search
indexes (`search/search_index.json` in each edition), the exports under `api/` and the sitemap.
A link to a folder counts when the folder has an `index.html`, as a web server would serve it; a site
built to open from disk (`from_disk`, the --no-directory-urls preview) must name the file itself.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_URL_ATTRS = {"href", "src", "xlink:href", "action", "poster"}
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class _Reader(HTMLParser):
    """The ids (and old-style `name` anchors) a page defines and the URLs it refers to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in _URL_ATTRS:
                self.refs.append((tag, value))
            elif name == "srcset":
                self.refs += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]

    handle_startendtag = handle_starttag


@dataclass
class Report:
    """What a check found: the broken links (`problems`) and how many links and anchors it followed."""

    links: int = 0
    anchors: int = 0
    problems: list[str] = field(default_factory=list)
    targets: dict[str, set[str]] = field(default_factory=dict)  # source → the site files it links to

    def __bool__(self) -> bool:
        return not self.problems


class Site:
    """A built site on disk; `site_url` is the address it was built for (absolute links to it are internal)."""

    def __init__(self, root: Path, site_url: str | None = None, from_disk: bool = False):
        self.root = root
        self.from_disk = from_disk
        base = site_url.rstrip("/") + "/" if site_url else None
        self.site_url = base
        self.base_path = urlsplit(base).path if base else "/"
        self._ids: dict[str, set[str]] = {}

    def file(self, path: str, served: bool = False) -> Path | None:
        """The file a site path (no leading slash) is served from, or None; `served`: the link works only on a
        server anyway (an absolute path, as on the 404 page)."""
        candidate = self.root / unquote(path)
        if path == "" or path.endswith("/") or candidate.is_dir():
            if self.from_disk and not served:
                return None  # a browser shows a folder from disk as a listing, not its index.html
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def ids(self, file: Path) -> set[str]:
        key = str(file)
        if key not in self._ids:
            reader = _Reader()
            reader.feed(file.read_text(encoding="utf-8"))
            self._ids[key] = reader.ids
        return self._ids[key]

    def resolve(self, url: str, page: str) -> tuple[str, str] | None:
        """(site path, fragment) of `url` written in the file at site path `page`; None when it points off the
        site.  A relative link that climbs above the site's root keeps its leading "../" (a broken link)."""
        if self.site_url and url.startswith(self.site_url):
            url, page = url[len(self.site_url):], ""
        elif _EXTERNAL.match(url):
            return None
        elif url.startswith("/"):
            if not url.startswith(self.base_path):
                return None
            url, page = url[len(self.base_path):], ""
        target = urlsplit(url)
        if not target.path:
            return page, target.fragment
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target.path))
        path = "" if path == "." else path + ("/" if target.path.endswith("/") and path != ".." else "")
        return path, target.fragment

    def follow(self, url: str, page: str, report: Report, where: str) -> None:
        """Check one link written in `page` (`where` names it in problems)."""
        if not url or url.startswith(("javascript:", "data:")):
            return
        resolved = self.resolve(url, page)
        if resolved is None:
            return
        path, fragment = resolved
        report.links += 1
        if path.startswith(".."):
            report.problems.append(f"{where}: {url} climbs above the site's root")
            return
        file = self.file(path, served=url.startswith("/"))
        if file is None:
            folder = self.from_disk and (self.root / unquote(path) / "index.html").is_file()
            report.problems.append(f"{where}: {url} → " + (f"the folder /{path}, not a file" if folder else
                                                           f"missing /{path}"))
            return
        report.targets.setdefault(where, set()).add(file.relative_to(self.root).as_posix())
        if fragment and file.suffix == ".html":
            report.anchors += 1
            if unquote(fragment) not in self.ids(file):
                report.problems.append(f"{where}: {url} → /{path} has no #{unquote(fragment)}")


def check(root: Path, site_url: str | None = None, from_disk: bool = False) -> Report:
    """Follow every internal link of the site built in `root`."""
    site, report = Site(root, site_url, from_disk), Report()
    for file in sorted(root.rglob("*.html")) + sorted(root.rglob("*.svg")):
        page = file.relative_to(root).as_posix()
        if page.startswith("assets/"):  # the theme's own files: icons and bundles
            continue
        reader = _Reader()
        reader.feed(file.read_text(encoding="utf-8"))
        for tag, url in reader.refs:
            site.follow(url, page, report, page)
    for index in sorted(root.rglob("search/search_index.json")):
        folder = index.parent.parent.relative_to(root).as_posix()
        folder = "" if folder == "." else folder + "/"
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            site.follow(doc["location"] or "./", folder, report, f"/{folder}search index: {doc['location']!r}")
    for export in sorted(root.glob("api/*.json")):
        for url in _urls(json.loads(export.read_text(encoding="utf-8"))):
            site.follow(url, "", report, f"/api/{export.name}")
    for export in sorted(root.glob("api/*.csv")):
        for row in csv.DictReader(io.StringIO(export.read_text(encoding="utf-8-sig"))):
            if row.get("url"):
                site.follow(row["url"], "", report, f"/api/{export.name}")
    sitemap = root / "sitemap.xml"
    if sitemap.exists():
        for url in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")):
            site.follow(url, "", report, "sitemap.xml")
    return report


def _urls(value: object) -> list[str]:
    """Every string under a `url` key of a parsed JSON export."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "url" and isinstance(v, str)] + \
            [u for k, v in value.items() if k != "url" for u in _urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _urls(v)]
    return []
