"""The Simplified Chinese edition under /zh-Hans/: every page, converted; a switch that stays on the page; search."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import material
import pytest
from opencc import OpenCC

from handbook.data.mainland import Mainland
from handbook.model import load as load_handbook

from .htmlpage import load

HANDBOOK = load_handbook()
T2S = OpenCC("t2s")  # characters only: a page with no Traditional character left
MAINLAND = Mainland(HANDBOOK.mainland)  # what the edition writes: mainland wording, with the data's exceptions
EDITION = "zh-Hans/"


def theme_zh(key: str) -> str:
    """Material's own Simplified (zh) interface string for `key`, read from the installed theme."""
    source = (Path(material.__file__).parent / "templates/partials/languages/zh.html").read_text(encoding="utf-8")
    return json.loads(re.search(rf'"{re.escape(key)}":\s*("(?:[^"\\]|\\.)*")', source).group(1))


def pages(site: Path) -> set[str]:
    """Site paths of the Traditional pages."""
    found = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    return {p for p in found if p != "404.html" and not p.startswith(("assets/", EDITION))}


def url_of(path: str) -> str:
    return "/" + path.removesuffix("index.html")


def test_every_page_exists_in_both_scripts(site):
    traditional = pages(site)
    simplified = {p.relative_to(site / EDITION).as_posix() for p in (site / EDITION).rglob("*.html")}
    assert len(traditional) > 50 and simplified == traditional
    for path in traditional:
        hant, hans = load(site, url_of(path)), load(site, url_of(EDITION + path))
        assert hans.title == MAINLAND.convert(hant.title)
        assert next(a for tag, a in hans.tags if tag == "html")["lang"] == "zh-Hans"
        text = hans.text.replace("繁體中文", "")  # the switch names the Traditional edition in its own script
        assert T2S.convert(text) == text, f"/{EDITION}{path} still has Traditional text"


def test_role_pages_keep_their_duty_anchors_in_simplified(site):
    for role in HANDBOOK.roles:
        page = load(site, f"/{EDITION}roles/{role.id}/")
        assert MAINLAND.convert(role.name) in page.text
        for duty in role.duties:
            assert duty.id in page.ids
            assert MAINLAND.convert(duty.description) in page.text


def switch_targets(site: Path, url: str) -> dict[str, str]:
    page = load(site, url)
    return {a["hreflang"]: urlparse(urljoin("http://site" + url, a["href"])).path
            for tag, a in page.tags if tag == "a" and "hreflang" in a}


def test_language_switch_links_to_the_same_page_in_the_other_script(site):
    for path in pages(site):
        url = url_of(path)
        assert switch_targets(site, url) == {"zh-Hant": url, "zh-Hans": "/" + EDITION + url.lstrip("/")}
        assert switch_targets(site, "/" + EDITION + url.lstrip("/")) == switch_targets(site, url)


def test_everything_an_edition_page_loads_or_links_to_exists(site):
    """Pages link within the edition; stylesheets, scripts, the search worker and the exports are the site's own."""
    checked = 0
    for path in pages(site):
        url = "/" + EDITION + url_of(path).lstrip("/")
        source = (site / EDITION / path).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', source).group(1))
        page = load(site, url)
        refs = [a.get("href") or a.get("src") for tag, a in page.tags
                if tag in ("a", "link", "script", "img") and "hreflang" not in a]  # the switch: tested above
        refs += [config["base"] + "/search/search_index.json", config["search"]]
        for ref in refs:
            target = urlparse(urljoin("http://site" + url, ref or ""))
            if target.netloc != "site" or not ref:
                continue
            file = site / unquote(target.path).lstrip("/")
            file = file / "index.html" if target.path.endswith("/") else file
            assert file.is_file(), f"{url} refers to missing {target.path}"
            if target.path.endswith("/"):
                assert target.path.startswith("/" + EDITION), f"{url} leaves the edition for {target.path}"
            checked += 1
    assert checked > 1000


def test_interface_strings_are_the_themes_simplified_ones(site):
    page = load(site, f"/{EDITION}roles/finance/")
    search = next(a for tag, a in page.tags if tag == "input" and "md-search__input" in a.get("class", ""))
    assert search["placeholder"] == theme_zh("search.placeholder")
    assert theme_zh("action.skip") in page.text


def search(page, query: str) -> list[str]:
    page.locator("[data-md-toggle=search]").evaluate("e => { e.checked = true; e.dispatchEvent(new Event('change')); }")
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # the box searches on keyup, as after typing (fill types none)
    page.wait_for_selector(".md-search-result__item")
    return page.locator(".md-search-result__item > a").evaluate_all("l => l.map(a => a.pathname + a.hash)")


@pytest.mark.parametrize("query", ["退款", "退货", "退貨"])
def test_search_in_the_edition_finds_the_roles_in_simplified(page, site_url, query):
    page.goto(site_url + EDITION)
    found = search(page, query)
    assert found[0] == f"/{EDITION}topics/returns-refunds/"
    assert f"/{EDITION}roles/customer-service/#returns-exchanges" in found
    assert all(f.startswith("/" + EDITION) for f in found)
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    assert all(T2S.convert(t) == t for t in titles)


def test_switch_keeps_the_reader_on_the_same_duty(page, site_url):
    page.goto(site_url + "roles/customer-service/#returns-exchanges")
    page.locator(".md-select").hover()
    page.locator('a[hreflang="zh-Hans"]').click()
    page.wait_for_url(site_url + EDITION + "roles/customer-service/#returns-exchanges")
    assert page.locator("h3#returns-exchanges").inner_text().startswith(MAINLAND.convert("退換貨管理"))
    page.locator(".md-select").hover()
    page.locator('a[hreflang="zh-Hant"]').click()
    page.wait_for_url(site_url + "roles/customer-service/#returns-exchanges")


@pytest.mark.parametrize("source", ["index.html", "roles/a/index.html", "topics/b/c/index.html"])
def test_a_converted_link_leads_where_the_original_led(source):
    """Followed from the edition's copy, every shape of link MkDocs and the theme write reaches the edition's copy
    of its target, or the site's own file when the edition has none (assets, downloads, folders without a page)."""
    from handbook.edition.convert import Converter

    edition = EDITION.rstrip("/")
    pages = {"index.html", "roles/a/index.html", "topics/b/c/index.html", "topics/index.html"}
    converter = Converter(pages, {}, None)
    links = ["", ".", "./", "..", "../", "../..", "../../", "roles/a/", "../a/#duty", "../../topics/", "../../topics",
             "../../assets/x.css", "assets/x%20y.js?v=1", "a/../../topics/b/c/", "#top", "?q=1", "../../api/r.json",
             "https://example.com/", "mailto:a@b.c", "/absolute/"]
    for link in links:
        original = urljoin(f"http://h/{source}", link)
        path = urlparse(original).path.lstrip("/")
        own = (path + "index.html" if path == "" or path.endswith("/") else path) in pages
        inside = own and original.startswith("http://h/") and not link.startswith("/")
        expected = f"http://h/{edition}/{original[len('http://h/'):]}" if inside else original
        assert urljoin(f"http://h/{edition}/{source}", converter.relocate(link, source)) == expected, link


def test_aliases_and_tags_are_listed_once_after_conversion(site):
    """Two Traditional words can convert alike (退貨 and 退货): the Simplified page lists the word once."""
    merged = 0
    for topic in HANDBOOK.topics:
        traditional = load(site, f"/topics/{topic.id}/")
        simplified = load(site, f"/{EDITION}topics/{topic.id}/")
        source = (site / EDITION / "topics" / topic.id / "index.html").read_text(encoding="utf-8")
        shown = html.unescape(re.search(r"data-hb-distinct>([^<]*)<", source).group(1)).split(" · ")
        expected = list(dict.fromkeys(MAINLAND.convert(a) for a in topic.aliases))
        assert shown == expected, topic.id
        merged += len(topic.aliases) - len(expected)
        assert all(a in traditional.text for a in topic.aliases) and simplified.text
    assert merged, "no alias of the data converts like another: the test checks nothing"
    for role in HANDBOOK.roles:
        source = (site / EDITION / "roles" / role.id / "index.html").read_text(encoding="utf-8")
        tags = re.findall(r'class="md-tag[^"]*">([^<]*)<', source)
        assert tags and len(tags) == len(set(tags)), role.id
    index = json.loads((site / EDITION / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert len(doc.get("tags", [])) == len(set(doc.get("tags", []))), doc["location"]


def test_a_list_marked_distinct_keeps_each_converted_word_once():
    """Any list the templates mark data-hb-distinct, not only the data's aliases: words that only differ in
    script become one, the first keeps its place, other markup is left alone."""
    from handbook.edition.convert import Converter

    words = ["後臺", "后台", "庫存", "库存", "退款"]
    source = ('<p><span class="hb-aliases" data-hb-distinct>' + "".join(f'<span class="item">{w}</span> '
                                                                      for w in words) + "</span></p>"
              "<p>後臺 后台</p>")
    converted = Converter({"index.html"}, {}, None).page(source, "index.html")
    assert re.findall(r'class="item">([^<]*)<', converted) == list(dict.fromkeys(Mainland().convert(w) for w in words))
    joined = Converter({"index.html"}, {}, None).page(f'<p data-hb-distinct>{" · ".join(words)}</p>', "index.html")
    assert joined == f'<p data-hb-distinct>{" · ".join(dict.fromkeys(T2S.convert(w) for w in words))}</p>'
    assert converted.endswith(f"<p>{T2S.convert('後臺')} {T2S.convert('后台')}</p>")
