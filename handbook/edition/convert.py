"""The Simplified Chinese edition: the built site, converted page by page into zh-Hans/.

Converting the finished HTML (rather than building the site twice) keeps one
source and one build: every page, title, nav entry and search entry gets
its Simplified text from OpenCC, so the edition can never drift from the
Traditional pages.  The text is written as mainland readers write it (data.mainland: OpenCC tw2sp, with
the data's reviewed exceptions), not only in Simplified characters.  Along the way:

- links between pages stay inside the edition, while links to what the
  edition has no copy of (theme assets, /api/ exports) point back to the
  site's own; a link with `hreflang` names its edition itself (the switch);
- text marked `lang="zh-Hant"` stays Traditional (the switch's own label);
- the theme's zh-TW interface strings become its zh (Simplified) ones;
- the search index's titles and texts are converted;
- a list marked `data-hb-distinct` (a topic's aliases, a page's tags) keeps each item once: conversion
  spells some different Traditional words alike (退貨 and 退货 are both 退货).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
from pathlib import Path

from jinja2 import Environment, nodes

from handbook.data.mainland import Mainland
from handbook.urls import relative

EDITION = "zh-Hans"
LANG = "zh-Hans"
_TOKEN = re.compile(  # a comment, a whole script or style element, a tag (quotes may hold ">"), a doctype
    r"""<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|</?[A-Za-z](?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>""", re.S | re.I)
_ATTR = re.compile(r"""(\s+)([^\s=/>]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_URL_ATTRS = {"href", "src", "xlink:href"}
_CHANGING = re.compile(r"""\s(?:href|src|xlink:href|hreflang)\s*=""", re.I)  # a tag's attributes that convert
_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/)")
_SCOPE = re.compile(r'(new URL\(")([^"]*)(",location\))')  # Material's storage scope: shared by both editions
# An element marked data-hb-distinct holding a list: leaf elements (its items) and white space, or text whose
# items are separated by SEPARATOR.
SEPARATOR = " · "
_DISTINCT = re.compile(r"(<([A-Za-z][\w-]*)\b[^>]*\sdata-hb-distinct\b[^>]*>)"
                       r"((?:\s*<([A-Za-z][\w-]*)\b[^>]*>[^<]*</\4\s*>)*\s*|[^<]*)(</\2\s*>)")
_ITEM = re.compile(r"(\s*)<([A-Za-z][\w-]*)\b[^>]*>([^<]*)</\2\s*>")


def distinct(html: str) -> str:
    """`html` with each list marked data-hb-distinct holding an item's text once (the first item keeps it)."""
    def once(m: re.Match) -> str:
        seen: set[str] = set()

        def first(text: str) -> bool:
            key = " ".join(text.split())
            if key in seen:
                return False
            seen.add(key)
            return True

        items = m.group(3)
        if "<" in items:
            items = _ITEM.sub(lambda i: i.group() if first(i.group(3)) else "", items)
        else:
            items = SEPARATOR.join(t for t in items.split(SEPARATOR) if first(t))
        return m.group(1) + items + m.group(5)

    return _DISTINCT.sub(once, html) if "data-hb-distinct" in html else html


def theme_strings(theme_dirs: list[str], source: str, target: str = "zh") -> dict[str, tuple[str, str]]:
    """The theme's interface strings that differ between two of its languages: key → (source text, target text)."""
    languages = next(p for d in theme_dirs if (p := Path(d) / "partials" / "languages").is_dir())

    def read(code: str) -> dict[str, str]:
        """The strings of one language partial: a Jinja macro holding one dict literal, read with Jinja's parser."""
        tree = Environment().parse((languages / f"{code}.html").read_text(encoding="utf-8"))
        return {pair.key.value: pair.value.value for table in tree.find_all(nodes.Dict) for pair in table.items
                if isinstance(pair.key, nodes.Const) and isinstance(pair.value, nodes.Const)}

    old, new = read(source), read(target)
    return {key: (old[key], new[key]) for key in sorted(old.keys() & new.keys())
            if old[key] != new[key] and key != "language" and not key.startswith("search.config.")}


class Converter:
    """Converts the files of one built site; `pages` are the site paths of the HTML pages the edition copies."""

    def __init__(self, pages: set[str], ui: dict[str, tuple[str, str]], site_url: str | None,
                 mainland: Mainland | None = None):
        self.pages = pages
        self.simplified = (mainland or Mainland()).convert
        self.ui = {old.strip(): new for old, new in ui.values()}  # where two keys share a text, the later key wins
        self.translations = {key: new for key, (_, new) in ui.items()}
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.ascii_ui = any(text.isascii() for text in self.ui)  # then ASCII attribute values may convert too

    def has(self, target: str) -> bool:
        """Whether the edition has its own copy of the site path `target`."""
        return (target + "index.html" if target == "" or target.endswith("/") else target) in self.pages

    def relocate(self, url: str, source: str, shared: bool = False, own_edition: bool = False) -> str:
        """`url`, written in the page at site path `source`, rewritten for that page's copy in the edition."""
        if self.site_url and url.startswith(self.site_url):
            rest = url[len(self.site_url):]
            path = re.match(r"[^?#]*", rest).group()
            return self.site_url + (f"{EDITION}/" + rest if self.has(path) and not shared and not own_edition else rest)
        if not url or url.startswith("#") or _SCHEME.match(url):
            return url
        path, tail = re.match(r"([^?#]*)(.*)", url, re.S).groups()
        target = _resolve(source, path)
        if not own_edition and not shared and self.has(target):
            target = f"{EDITION}/{target}"
        new = relative(target, posixpath.dirname(f"{EDITION}/{source}")) or "./"
        if new.endswith("../") and not path.endswith("/") and path not in ("", "."):
            new = new[:-1]  # "../.." stays without its slash, as the theme wrote it (the same folder)
        return new + tail

    def _tag(self, tag: str, source: str) -> str:
        if tag.isascii() and not self.ascii_ui and not _CHANGING.search(tag) and not tag[:5].lower() == "<html":
            return tag  # nothing to convert: no Chinese, no link (most tags of a page)
        named = re.search(r"\shreflang=", tag) is not None  # a link that names its edition: the language switch

        def attribute(m: re.Match) -> str:
            space, name, equals, raw = m.groups()
            if raw is None:
                return m.group()
            quote = raw[0] if raw[0] in "\"'" else ""
            value = raw[1:-1] if quote else raw
            key = name.lower()
            if key == "lang" and tag[1:5].lower() == "html":
                value = LANG
            elif key in _URL_ATTRS:
                value = self.simplified(self.relocate(value, source, own_edition=named))
            else:
                value = self.simplified(self.ui.get(value.strip(), value))
            return f"{space}{name}{equals}{quote}{value}{quote}"

        return _ATTR.sub(attribute, tag)

    def _script(self, script: str, source: str) -> str:
        if 'id="__config"' in script:
            start, end = script.index(">") + 1, script.rindex("<")
            config = json.loads(script[start:end])
            config["base"] = self.relocate(config["base"], source)
            config["search"] = self.relocate(config["search"], source)
            config["translations"] = {k: self.translations.get(k, self.simplified(v))
                                      for k, v in config.get("translations", {}).items()}
            return self._tag(script[:start], source) + json.dumps(config, ensure_ascii=False) + script[end:]
        start = script.index(">") + 1
        body = _SCOPE.sub(lambda m: m.group(1) + self.relocate(m.group(2), source, shared=True) + m.group(3),
                          script[start:])
        return self._tag(script[:start], source) + body

    def page(self, html: str, source: str) -> str:
        """One page's HTML, converted."""
        out, pos = [], 0
        keep: list[str] = []  # open elements marked lang="zh-Hant", whose text stays Traditional

        def text(chunk: str) -> str:
            bare = chunk.strip()
            if keep or not bare:
                return chunk
            return self.simplified(chunk.replace(bare, self.ui[bare]) if bare in self.ui else chunk)

        for m in _TOKEN.finditer(html):
            out.append(text(html[pos:m.start()]))
            token, pos = m.group(), m.end()
            if token.startswith("<!"):
                out.append(token)
            elif m.group(1):
                out.append(self._script(token, source) if m.group(1).lower() == "script" else token)
            elif token.startswith("</"):
                if keep and token[2:].strip(" >").lower() == keep[-1]:
                    keep.pop()
                out.append(token)
            else:
                name = re.match(r"<([A-Za-z][^\s/>]*)", token).group(1).lower()
                if keep and name == keep[-1] and not token.endswith("/>"):
                    keep.append(name)
                elif name != "html" and re.search(r'\slang="zh-(?:Hant|TW|HK)"', token) and not token.endswith("/>"):
                    keep.append(name)
                out.append(self._tag(token, source))
        out.append(text(html[pos:]))
        return distinct("".join(out))

    def search_index(self, index: dict) -> dict:
        """The search index with what results show and link to in Simplified (a heading's anchor is converted
        with its page).  The words entries are found by are folded to Simplified already (search/index.py): a
        reader typing Traditional here finds the same."""
        docs = [{**doc, **{key: self.simplified(doc[key]) for key in ("location", "title", "text", "s") if key in doc}}
                for doc in index["docs"]]
        return {**index, "docs": docs}


def _resolve(source: str, path: str) -> str:
    """The site path that relative `path`, written in the page at site path `source`, points to.

    urljoin's answer for the links MkDocs and the theme write (a/b, ../, .., ./, a/../b); unlike it,
    `a//b` stays as browsers read it."""
    if not path:
        return source
    parts = source.split("/")[:-1]
    steps = path.split("/")
    for i, step in enumerate(steps):
        if step == "..":
            if parts:
                parts.pop()
        elif step != ".":
            parts.append(step)
            continue
        if i == len(steps) - 1:
            parts.append("")  # "../" and "./" name a directory
    return "/".join(parts)


SERVED: dict[str, tuple[bytes, str]] = {}  # `mkdocs serve` re-imports the hook for every rebuild, not this module


def write(site: Path, site_url: str | None, ui: dict[str, tuple[str, str]],
          reuse: dict[str, tuple[bytes, str]] | None = None, exceptions: dict[str, str] | None = None) -> None:
    """Write the edition into site/zh-Hans/ from the finished site; `exceptions` are the data's reviewed words
    (Handbook.mainland: Traditional word → its mainland form).

    `reuse` (`mkdocs serve` passes SERVED to every rebuild) keeps each page's conversion beside a digest of
    its HTML and of the converter's settings, so a rebuild converts only the pages that changed."""
    out = site / EDITION
    shutil.rmtree(out, ignore_errors=True)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    pages = {p for p in pages if p != "404.html" and not p.startswith(("assets/", f"{EDITION}/"))}
    exceptions = exceptions or {}
    converter = Converter(pages, ui, site_url, Mainland(exceptions))
    settings = hashlib.sha1(repr((sorted(pages), sorted(ui.items()), site_url, sorted(exceptions.items())))
                            .encode()).digest()
    for path in sorted(pages):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = (site / path).read_text(encoding="utf-8")
        if reuse is None:
            target.write_text(converter.page(html, path), encoding="utf-8")
            continue
        digest = hashlib.sha1(settings + html.encode("utf-8")).digest()
        if reuse.get(path, (None,))[0] != digest:
            reuse[path] = (digest, converter.page(html, path))
        target.write_text(reuse[path][1], encoding="utf-8")
    index = site / "search" / "search_index.json"
    if index.exists():
        converted = converter.search_index(json.loads(index.read_text(encoding="utf-8")))
        (out / "search").mkdir(exist_ok=True)
        (out / "search" / "search_index.json").write_text(
            json.dumps(converted, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    sitemap = site / "sitemap.xml"
    if sitemap.exists() and converter.site_url:
        text = sitemap.read_text(encoding="utf-8")
        (out / "sitemap.xml").write_text(re.sub(r"<loc>([^<]*)</loc>",
                                                lambda m: f"<loc>{converter.relocate(m.group(1), '')}</loc>", text),
                                         encoding="utf-8")
