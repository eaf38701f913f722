"""Both build modes work: the published site (directory URLs, /roles/<id>/) and the pull-request preview
(--no-directory-urls, roles/<id>.html, which reviewers open from disk: its links name files, not folders).  Every link the built files make to the site lands on a page and an
anchor that exist, the map's links open the role they name, and search enrichment covers the same entries.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from handbook.model import load as load_handbook
from handbook import urls

from . import linkcheck
from .htmlpage import Page

HANDBOOK = load_handbook()
MODES = ["directory", "flat"]


@pytest.fixture(params=MODES)
def built(request) -> tuple[Path, bool]:
    """(site folder, use_directory_urls) for each build mode."""
    directory = request.param == "directory"
    return request.getfixturevalue("site" if directory else "flat_site"), directory


def site_url(site: Path) -> str:
    """The address the site was built for: the home page's canonical link."""
    return re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8")).group(1)


def test_every_internal_link_and_anchor_resolves(built):
    """Pages, raw HTML and the map's SVG, in both editions; the search indexes; the exports; the sitemap."""
    site, directory = built
    report = linkcheck.check(site, site_url(site), from_disk=not directory)  # the preview opens from disk
    assert report, "\n".join(report.problems[:40])
    duties = sum(len(r.duties) for r in HANDBOOK.roles)
    assert report.links > 20 * duties and report.anchors > 10 * duties  # the checker really followed them


def test_the_checker_finds_broken_links(tmp_path):
    """A link above the site's root, to a missing page, or to a missing anchor is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../../b/">up</a> <a href="../c/">c</a> '
                                               '<svg><a href="../a/#nowhere"><text>x</text></a></svg> '
                                               '<a href="#top">ok</a> <a href="https://example.org/">off</a>')
    report = linkcheck.check(tmp_path)
    assert len(report.problems) == 3 and report.links == 4 and report.anchors == 2


def test_the_map_links_each_role_to_its_own_page(built):
    site, directory = built
    checker = linkcheck.Site(site, site_url(site))
    page = urls.built(urls.source("map"), directory)
    source = (site / (page + "index.html" if page.endswith("/") or not page else page)).read_text("utf-8")
    svg = re.search(r"<svg class=\"hb-map\".*?</svg>", source, re.S).group()
    links = re.findall(r'<a href="([^"]+)">.*?class="hb-map-label">([^<]+)</text></a>', svg)
    # roles appear in the column of those who answer and in the column of those who do (see test_raci.py)
    assert links and {name for _, name in links} <= {r.name for r in HANDBOOK.roles}
    for href, name in links:
        path, _ = checker.resolve(href, page if page.endswith(".html") else page + "index.html")
        target = checker.file(path)
        assert target is not None, f"the map links {name} to missing {href}"
        heading = Page(target, site)
        assert any(tag == "h1" for tag, _ in heading.tags) and name in heading.text, f"{href} is not {name}'s page"


def enriched(site: Path) -> dict[str, set[str]]:
    """Location (in directory-URL form, so both modes compare) → how search finds it by a topic's names: its
    own names ("names"), or as a duty accountable for or contributing to a topic ("a", "c")."""
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]

    def normal(location: str) -> str:
        path, _, fragment = location.partition("#")
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        path = re.sub(r"\.html$", "/", path)
        return path + ("#" + fragment if fragment else "")

    found: dict[str, set[str]] = {}
    for doc in docs:
        if doc.get("f"):
            found.setdefault(normal(doc["location"]), set()).add("names")
        for key in ("a", "c"):
            for number in doc.get(key, ()):
                found.setdefault(normal(docs[number]["location"]), set()).add(key)
    return found


def test_search_enrichment_covers_the_same_entries_in_both_modes(site, flat_site):
    directory, flat = enriched(site), enriched(flat_site)
    duties_in_topics = {a.duty.ref for topic in HANDBOOK.topics for a in topic.duties}
    # every topic page carries its names, and every duty that belongs to a topic is found through them
    assert len(directory) == len(HANDBOOK.topics) + len(HANDBOOK.processes) + len(HANDBOOK.measures) + len(duties_in_topics)
    assert flat == directory
    anchors = {location.partition("#")[2] for location in directory}
    assert {ref.split("/")[1] for ref in duties_in_topics} <= anchors
