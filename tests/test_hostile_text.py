"""Any text in any field is either refused with a message or shown as text: never markup, never a template.

Property tests run on a small handbook through the render layer (fast); one
full MkDocs build of the real data with hostile text in every text field
checks what only MkDocs produces: <title>, meta description, nav, search index.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import posixpath
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from handbook.kinds.vocabularies import LETTER
from handbook import urls
from handbook.site import pages
from handbook.data import yamlsource
from handbook.data.fold import fold
from handbook.data.problems import hidden_char, shows_nothing
from handbook.data.searchnames import forms
from handbook.data.editorial import tag_anchor
from handbook.data.load import FILES, read_sources
from handbook.model import load
from handbook.data.problems import DataError
from handbook.data.spec import SLUG, ListOf, MapOf, Record, Text

from .conftest import FIXTURE, build_site
from .htmlpage import load as load_page
from .pagerender import Html, Site, squash

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- a small handbook with every kind of field

MINI = {
    "roles": {
        "handbook": {"title": "小手冊", "title_en": "Small handbook", "short_name": "小冊", "description": "手冊說明。",
                     "source": {"name": "原文名稱"}, "copyright": "版權說明。", "search_examples": ["搜尋例"],
                     "introduction": "引言文字。", "closing": "結語文字。"},
        "roles": [
            {"id": "alpha", "name": "甲崗位", "name_en": "Alpha role", "summary": "甲的摘要。", "purpose": "甲的目的。",
             "owners": ["@team/alpha"], "reviewed": "2026-01-01",
             "duties": [{"id": "a-one", "title": "甲一職責", "title_en": "Alpha one", "description": "甲一說明。",
                         "description_en": "Alpha one described."},
                        {"id": "a-two", "title": "甲二職責", "title_en": "Alpha two", "description": "甲二說明。",
                         "description_en": "Alpha two described."}]},
            {"id": "beta", "name": "乙崗位", "name_en": "Beta role", "summary": "乙的摘要。", "purpose": "乙的目的。",
             "owners": ["@team/beta"], "reviewed": "2026-01-01",
             "duties": [{"id": "b-one", "title": "乙一職責", "title_en": "Beta one", "description": "乙一說明。",
                         "description_en": "Beta one described."}]},
        ],
    },
    "topics": {
        "groups": [{"id": "g", "name": "分組名", "name_en": "Group name"}],
        "topics": [
            {"id": "t-one", "name": "主題一", "name_en": "Topic one", "group": "g", "description": "主題一說明。",
             "description_basis": "document", "aliases": ["別名一", "alias one"],
             "duties": [{"duty": "alpha/a-one", "raci": "A", "basis": "handbook", "reason": "甲當責的理由。"},
                        {"duty": "beta/b-one", "raci": "R", "basis": "document"}]},
            {"id": "t-two", "name": "主題二", "name_en": "Topic two", "group": "g", "description": "主題二說明。",
             "description_basis": "handbook", "aliases": ["別名二"],
             "duties": [{"duty": "alpha/a-two", "raci": "A", "basis": "document", "reason": "甲二當責的理由。"}]},
        ],
    },
    "gaps": {
        "gaps": [{"id": "q-one", "question": "待釐清的問題?", "question_en": "An open question?",
                  "said": "原文的說法。", "matters": "影響的地方。", "topics": ["t-one"], "duties": ["beta/b-one"],
                  "term": "說明"}],
    },
    "onboarding": {
        "stages": [{"id": "s-one", "name": "階段一", "name_en": "Stage one"},
                   {"id": "s-two", "name": "階段二", "name_en": "Stage two"}],
        "company": {"s-one": [{"id": "c-step", "do": "共同做。", "why": "共同因為。", "checkpoint": "共同完成。",
                               "meet": [{"role": "beta", "learn": "共同學習。"}]}]},
        "paths": [
            {"role": "alpha",
             "measures": [{"measure": "m", "review": "甲第九十天看。"}],
             "stages": {"s-two": [{"id": "p-step", "do": "甲做。", "why": "甲因為。", "duties": ["a-one"],
                                   "meet": [{"role": "beta", "learn": "甲學習。"}], "measures": ["m"],
                                   "processes": ["pr"], "checkpoint": "甲完成。"}]}},
        ],
    },
    "measures": {
        "measures": [
            {"id": "m", "name": "指標名", "name_en": "Measure", "aliases": ["指標別名"],
             "formula": {"numerator": "分子。", "denominator": "分母。"}, "unit": "%", "direction": "higher",
             "source": "來源。", "cadence": "每月。", "note": "口徑。", "owner": "alpha/a-one", "accountable": "alpha/a-one",
             "moved_by": ["alpha/a-one"]},
            {"id": "m-two", "name": "指標二", "name_en": "Measure two",
             "formula": {"expression": "算式。"}, "unit": "天", "direction": "lower",
             "source": "來源二。", "cadence": "每週。", "owner": "alpha/a-one", "accountable": "alpha/a-one",
             "moved_by": ["beta/b-one"]},
        ],
    },
    "processes": {
        "processes": [
            {"id": "pr", "name": "流程名", "name_en": "Process", "aliases": ["流程別名"], "trigger": "開始。",
             "topics": ["t-one"],
             "steps": [{"id": "ps-one", "duty": "alpha/a-one", "do": "先做。", "hands_on": "交出。", "basis": "handbook",
                        "because": "理由。", "measures": ["m"]},
                       {"id": "ps-two", "duty": "beta/b-one", "do": "再做。", "hands_on": "結果。", "basis": "gap",
                        "because": "缺口。", "gap": "q-one", "measures": ["m-two"]}]},
        ],
    },
    "synonyms": {"synonyms": {"t-one": ["同義詞一"]}},
    "simplified": {"words": [{"traditional": "名稱", "simplified": "名称", "why": "理由。"}]},
    "moved": {"moved": []},
}
MINI_IDS = ["alpha", "beta", "a-one", "a-two", "b-one", "g", "t-one", "t-two", "s-one", "s-two", "c-step", "p-step",
            "m", "m-two", "pr", "ps-one", "ps-two", "q-one"]


def text_fields(spec, value, path=()):
    """(path, max length) of every free-text value in the data, as the shapes declare them."""
    if isinstance(spec, Record) and isinstance(value, dict):
        for key, item in value.items():
            if key in spec.fields:
                yield from text_fields(spec.fields[key].spec, item, path + (key,))
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_fields(spec.item, item, path + (i,))
    elif isinstance(spec, MapOf) and isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(spec.value, item, path + (key,))
    elif isinstance(spec, Text) and not spec.pattern:
        yield path, spec.max_length


def declared_text_fields(spec, path=()):
    """Every free-text field the shapes declare, with * for any list item or map key."""
    if isinstance(spec, Record):
        for key, field in spec.fields.items():
            yield from declared_text_fields(field.spec, path + (key,))
    elif isinstance(spec, (ListOf, MapOf)):
        yield from declared_text_fields(spec.item if isinstance(spec, ListOf) else spec.value, path + ("*",))
    elif isinstance(spec, Text) and not spec.pattern:
        yield path


def generic(file: str, path: tuple) -> tuple:
    spec, out = FILES[file], []
    for step in path:  # follow the shapes so map keys (stage ids) become * like list indexes
        if isinstance(spec, Record):
            spec = spec.fields[step].spec
            out.append(step)
        else:
            spec = spec.item if isinstance(spec, ListOf) else spec.value
            out.append("*")
    return tuple(out)


FIELDS = [(file, path, limit) for file, spec in FILES.items() for path, limit in text_fields(spec, MINI[file])]


def put(data, path: tuple, value) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def write(data: dict, directory: Path) -> dict[str, str]:
    """Every file with all strings double-quoted, so text is text; returns the YAML written."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for file, content in data.items():
        plain = json.loads(json.dumps(content, default=str))  # dates as YYYY-MM-DD text
        out[file] = yaml.safe_dump(plain, allow_unicode=True, sort_keys=False, default_style='"', width=10**9)
        out[file] = re.sub(r'!!int "(-?[0-9]+)"', r"\1", out[file])  # numbers (a stage's due day) stay numbers
        (directory / f"{file}.yaml").write_text(out[file], encoding="utf-8")
    return out


def load_data(data: dict):
    with tempfile.TemporaryDirectory() as tmp:
        write(data, Path(tmp))
        return load(Path(tmp))


def line_of(text: str, path: tuple) -> int:
    """The line of the value at path, found by PyYAML independently of the handbook's reader."""
    node = yaml.compose(text)
    for step in path:
        node = node.value[step] if isinstance(step, int) else next(v for k, v in node.value if k.value == step)
    return node.start_mark.line + 1


@functools.cache
def mini_site() -> Site:
    return Site(load_data(MINI))


@functools.cache
def shown_on() -> dict[tuple, tuple[str, ...]]:
    """For each field of the small handbook, the pages its text appears on (one marker per field, one render)."""
    data, markers = copy.deepcopy(MINI), {}
    for i, (file, path, _) in enumerate(FIELDS):
        markers[(file, path)] = f"記{i:03d}號"
        put(data[file], path, markers[(file, path)])
    site = Site(load_data(data))
    texts = {uri: Html(site.html(uri)).text for uri in site.uris()}
    return {key: tuple(uri for uri, text in texts.items() if marker in text) for key, marker in markers.items()}


def pages_showing(file: str, path: tuple) -> tuple[str, ...]:
    return shown_on()[(file, path)]


def test_the_small_handbook_has_every_text_field():
    """So the property tests below cover every field, including ones added to the shapes later."""
    declared = {(file, path) for file, spec in FILES.items() for path in declared_text_fields(spec)}
    assert {(file, generic(file, path)) for file, path, _ in FIELDS} == declared
    assert len(declared) >= 30
    unshown = {(file, generic(file, path)) for file, path, _ in FIELDS if not pages_showing(file, path)}
    # synonyms are words search finds a topic by, in the search index only
    # the reason for a Simplified wording is for the review, never shown
    # the handbook's description and copyright line go into MkDocs' own parts (meta description, footer), which the
    # full build below checks
    assert unshown <= {("roles", ("handbook", "title_en")), ("synonyms", ("synonyms", "*", "*")),
                       ("simplified", ("words", "*", "why")), ("roles", ("handbook", "description")),
                       ("roles", ("handbook", "copyright"))}, \
        "every other text field is on some page"


# ---------------------------------------------------------------- hostile strings in every field

FRAGMENTS = [
    "<", ">", "&", '"', "'", "/", "\\", "`", "*", "_", "#", "|", "!", "[", "]", "(", ")", "{", "}", ":", "=", "-", ".",
    "{{", "}}", "{%", "%}", "{#", "#}", "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:",
    "[a](javascript:alert(1))", "![i](x.png)", "# ", "\n", "\n\n", "\t", " ", "\u3000", "&lt;", "&#60;", "&amp;",
    "{: .x onclick=y }", "<!--", "-->", "]]>", "| a |", "    ", "1. ", "> ", "---", "***", "$", "%", "@", "~",
    "\u200b", "\u202e", "\u2066", "\u00ad", "\x00", "\x07", "\x85", "\u2028", "\ud800", "\ufeff", "\ufffe",
    "😀", "👩‍💻", "𠀀", "𠮷", "甲", "a", "no", "1e3", "config", "include 'mkdocs.yml'", "self.__init__",
]
hostile_strings = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(FRAGMENTS), max_size=16).map("".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=hostile_strings)
def test_any_text_is_refused_at_its_line_or_shown_as_text(field, value):
    file, path, _ = field
    data = copy.deepcopy(MINI)
    put(data[file], path, value)
    with tempfile.TemporaryDirectory() as tmp:
        written = write(data, Path(tmp))
        try:
            handbook = load(Path(tmp))
        except DataError as error:
            line = line_of(written[file], path)
            for problem in error.problems:
                assert (Path(problem.file).name, problem.line) == (f"{file}.yaml", line), error.report()
                assert problem.zh and problem.en and problem.field
            return
    site = Site(handbook)
    for uri in pages_showing(file, path):
        page = Html(site.html(uri))
        assert squash(value) in page.text, f"{value!r} not shown on {uri}"
        assert page.shape() == Html(mini_site().html(uri)).shape(), f"{value!r} changed the elements of {uri}"
    # MkDocs' own templates do not escape: titles, descriptions, tags and nav titles arrive escaped, no template syntax
    for page in pages.generated(handbook):
        body, meta = get_data(page.source())
        assert body.strip() == "{{ " + page.macro + " }}", "data leaked out of the front matter"
        for text in [meta["title"], meta["description"], *meta.get("tags", [])]:
            assert_inert(text)
    for title in nav_titles(pages.nav(handbook)):
        assert_inert(title)


def assert_inert(text: str) -> None:
    assert "<" not in text and not re.search(r"\{[{%#]", text), f"raw markup reaches MkDocs: {text!r}"


def nav_titles(nav) -> list[str]:
    if isinstance(nav, list):
        return [t for item in nav for t in nav_titles(item)]
    if isinstance(nav, dict):
        return [t for title, item in nav.items() for t in [title, *nav_titles(item)]]
    return []


# ---------------------------------------------------------------- valid data always loads

def valid_text(limit: int):
    allowed = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"),
                            exclude_characters="\ufffe\uffff" + "".join(map(chr, range(0xFDD0, 0xFDF0))))
    return st.text(allowed, min_size=1, max_size=min(limit, 60)).filter(
        lambda s: s.strip() and not shows_nothing(s) and hidden_char(s) is None)  # the shape check refuses hidden ones


def distinct(texts, key=fold) -> bool:
    keys = [key(t.strip()) for t in texts]
    return len(set(keys)) == len(keys)


slugs = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12), min_size=1, max_size=4) \
    .map("-".join)


def renamed(data, ids: dict[str, str]):
    """data with every id (as a value, a map key or part of role/duty) replaced."""
    if isinstance(data, dict):
        return {ids.get(k, k): renamed(v, ids) for k, v in data.items()}
    if isinstance(data, list):
        return [renamed(v, ids) for v in data]
    if isinstance(data, str) and data.count("/") == 1 and all(part in ids for part in data.split("/")):
        return "/".join(ids[part] for part in data.split("/"))
    return ids.get(data, data) if isinstance(data, str) else data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_valid_ids_and_texts_load_and_render(data):
    handbook_data = copy.deepcopy(MINI)
    for file, path, limit in FIELDS:
        put(handbook_data[file], path, data.draw(valid_text(limit)))
    topics = handbook_data["topics"]["topics"]
    # a word may name one topic only, and names in one list must differ to a reader
    assume(distinct([n for t in topics for n in [t["name"], t["name_en"], *t["aliases"]]]))
    assume(distinct([t["name"] for t in topics], key=tag_anchor))
    roles = handbook_data["roles"]["roles"]
    stages = handbook_data["onboarding"]["stages"]
    assume(all(distinct([item[key] for item in items]) for items, keys in [
        (roles, ("name", "name_en")), (stages, ("name", "name_en")),
        (roles[0]["duties"], ("title", "title_en"))] for key in keys))
    for key in ("measures", "processes"):  # and one measure, one process
        items = handbook_data[key][key]
        assume(distinct([n for x in items for n in dict.fromkeys([x["name"], x["name_en"], *x.get("aliases", [])])]))
    others = {fold(n.strip()) for t in topics if t["id"] != "t-one" for n in [t["name"], t["name_en"], *t["aliases"]]}
    assume(not {fold(w.strip()) for w in handbook_data["synonyms"]["synonyms"]["t-one"]} & others)  # nor a synonym
    # every name search knows leads to one thing (data/searchnames.py); an alias or synonym is more than one character
    names = [[r["name"], r["name_en"]] for r in roles] + [[d["title"], d["title_en"]] for r in roles for d in r["duties"]]
    names += [[x["name"], x["name_en"], *x.get("aliases", [])] for key in ("topics", "processes", "measures")
              for x in handbook_data[key][key]]
    names.append(handbook_data["synonyms"]["synonyms"]["t-one"])
    assume(distinct([f for words in names for f in {f for w in words for f in forms(w)}], key=lambda f: f))
    assume(all(len(fold(w.strip())) > 1 for words in names[-1:] for w in words))
    assume(all(len(fold(a.strip())) > 1 for key in ("topics", "processes", "measures")
               for x in handbook_data[key][key] for a in x.get("aliases", [])))
    ids = data.draw(st.lists(slugs, min_size=len(MINI_IDS), max_size=len(MINI_IDS), unique=True))
    assert all(re.fullmatch(SLUG, i) for i in ids)
    handbook = load_data(renamed(handbook_data, dict(zip(MINI_IDS, ids))))
    assert [r.id for r in handbook.roles] == ids[:2]
    site = Site(handbook)
    for role in handbook.roles:
        page = Html(site.html(f"roles/{role.id}.md"))
        assert squash(role.name) in page.text and all(squash(d.description) in page.text for d in role.duties)


# ---------------------------------------------------------------- the real build with hostile text everywhere

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[x](javascript:alert(3))",
    "{# c #}{{ 7*7 }}",
    "# H1 ![i](x.png)",
    "<a href='javascript:alert(4)'>a</a>",
    "**b** | t | `c` &lt;",
    "😀𠀀𠮷 {: .x onclick=y }",
    "<svg onload=alert(5)>",
    "{{ config }}{% include 'mkdocs.yml' %}",
]
# The first role and its first duty carry the template payloads the issue names, in full.
TEMPLATES = {
    ("roles", ("roles", 0, "name")): "{{ config }}{% include 'mkdocs.yml' %}",
    ("roles", ("roles", 0, "summary")): "{% include 'mkdocs.yml' %} {{ config.site_name }}",
    ("roles", ("roles", 0, "duties", 0, "title")): "{{ config }}",
    ("roles", ("roles", 0, "duties", 0, "description")): "{% include 'mkdocs.yml' %}{{ config.docs_dir }}",
}


def hostile_data(source: Path, target: Path) -> dict[tuple, str]:
    """target: the data of source with a numbered hostile payload in every text field; returns what went where."""
    counter, placed, data = itertools.count(), {}, {}
    for file, spec in FILES.items():
        read, problems = yamlsource.read(source / f"{file}.yaml", file)
        assert not problems
        data[file] = read.data
        for path, limit in list(text_fields(spec, read.data)):
            n = next(counter)
            placed[(file, path)] = TEMPLATES.get((file, path), f"{n}{PAYLOADS[n % len(PAYLOADS)]}"[:limit])
            put(data[file], path, placed[(file, path)])
    # A step based on the document must quote its duty's description: quote the hostile one.
    descriptions = {f"{r['id']}/{d['id']}": d["description"] for r in data["roles"]["roles"] for d in r["duties"]}
    for i, process in enumerate(data["processes"]["processes"]):
        for j, step in enumerate(process["steps"]):
            if step["basis"] == "document":
                step["because"] = placed[("processes", ("processes", i, "steps", j, "because"))] = \
                    f"「{descriptions[step['duty']]}」"
    write(data, target)
    return placed


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The real data with hostile text in every text field, and as it is, each built once with --strict.

    Both are built from copies outside git, so the pages differ only where the text does.
    """
    root = tmp_path_factory.mktemp("hostile")
    placed = hostile_data(FIXTURE, root / "data")
    write({file: read_sources(FIXTURE)[file].data for file in FILES}, root / "plain")
    for data, out in (("data", "site"), ("plain", "plain-site")):
        result = build_site(root / out, root / data)
        assert result.returncode == 0, result.stderr[-4000:]
    return root / "site", placed, load(root / "data"), root / "plain-site"


def html_pages(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in site.rglob("*.html")}


@functools.cache
def parsed(path: Path) -> Html:
    return Html(path.read_text(encoding="utf-8"))


def test_hostile_text_adds_no_element_or_attribute(hostile):
    hostile_site, _, _, plain_site = hostile
    real, bad = html_pages(plain_site), html_pages(hostile_site)
    assert real.keys() == bad.keys()
    for name, path in real.items():
        found = parsed(bad[name])
        # /gaps/ lists the duties whose text uses a word (及時): replacing every text changes which ones, by design
        if not name.endswith("gaps/index.html"):
            assert found.shape() == parsed(path).shape(), f"{name}: elements differ"
        for tag, attrs in found.elements:
            for attr, value in attrs.items():
                assert not (value or "").strip().lower().startswith("javascript:"), f"{name}: <{tag} {attr}={value}>"


def test_every_shown_text_is_shown_literally(hostile):
    """Each field the real site shows appears, exactly as typed, in the hostile site's visible text."""
    hostile_site, placed, _, plain_site = hostile
    real_text = " ".join(parsed(p).text for p in html_pages(plain_site).values())
    bad_text = " ".join(parsed(p).text for p in html_pages(hostile_site).values())
    originals = read_sources(FIXTURE)
    checked = 0
    # synonyms are searched, never shown: one found in the text is the text's own word
    shown = {(file, path): value for (file, path), value in placed.items() if file != "synonyms"}
    for (file, path), value in shown.items():
        node = originals[file].data
        for step in path:
            node = node[step]
        if squash(node) in real_text:
            assert squash(value) in bad_text, f"{file} {path}: {value!r} is not shown as typed"
            checked += 1
    assert checked > len(shown) * 0.9


def test_templates_never_run_data(hostile):
    """{{ config }} and {% include 'mkdocs.yml' %} in a role and its duty stay text everywhere they appear."""
    hostile_site, _, handbook, plain_site = hostile
    role = handbook.roles[0]
    duty = role.duties[0]
    assert role.name == TEMPLATES[("roles", ("roles", 0, "name"))]
    page = load_page(hostile_site, f"/roles/{role.id}/")
    text = squash(page.text)
    for shown in (role.name, role.summary, duty.title, duty.description):
        assert squash(shown) in text
    assert page.title.startswith(role.name + " - ")
    assert page.meta["description"].startswith(role.name) and role.summary in page.meta["description"]
    nav = parsed(hostile_site / "roles" / "index.html").nav_text
    assert role.name in nav
    for name, path in html_pages(hostile_site).items():  # what {{ config }} or mkdocs.yml would print
        source = path.read_text(encoding="utf-8")
        assert "markdown_extensions" not in source and "jieba_dict_user" not in source, f"{name}: configuration leaked"

    def index(path: Path) -> list[dict]:
        return json.loads(path.read_text(encoding="utf-8"))["docs"]

    docs = {d["location"]: d for d in index(hostile_site / "search" / "search_index.json")}
    assert Html(docs[f"roles/{role.id}/"]["title"]).text == squash(role.name)
    assert squash(duty.description) in Html(docs[f"roles/{role.id}/#{duty.id}"]["text"]).text.replace("\u200b", "")
    # The index holds plain text, which the site's search worker escapes before Material shows it as HTML
    for path in sorted(hostile_site.rglob("search_index.json")):
        plain = index(plain_site / path.relative_to(hostile_site))
        assert not [d["location"] for d in plain for part in (d["title"], d["text"]) if Html(part).elements], path


def test_search_results_show_hostile_text_as_text(hostile, browser):
    """Typed into the hostile site's search box, a word of a hostile duty lists it with its markup as text."""
    from .conftest import Server

    hostile_site, _, handbook, _ = hostile
    duty = next(d for r in handbook.roles for d in r.duties if "<script>" in d.description)
    server = Server(hostile_site)
    page = browser.new_page()
    try:
        page.goto(server.url + f"roles/{duty.role_id}/")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").fill("alert")
        page.locator(".md-search__input").press("End")
        page.wait_for_selector(".md-search-result__item")
        results = page.locator(".md-search-result")
        assert results.locator("script, img, svg, a[href^='javascript']").count() == 0
        assert "<script>" in results.inner_text()
    finally:
        page.close()
        server.close()


# ---------------------------------------------------------------- accessible names: the data, escaped once

ENTITY = re.compile(r"&(?:[A-Za-z]+|#[0-9]+|#[xX][0-9a-fA-F]+);")


class _Names(HTMLParser):
    """Every accessible name given by an attribute (aria-label, title, alt), with the element's class and href."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str, str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for attr in ("aria-label", "title", "alt"):
            if a.get(attr):
                self.found.append((tag, attr, a[attr], a.get("class") or "", a.get("href") or ""))


def test_accessible_names_are_the_data_read_once(hostile):
    """What a screen reader reads from an attribute is the text as typed: never an entity such as &amp;.

    The footer's previous/next links are compared with the titles of the pages they lead to, from the data."""
    hostile_site, placed, handbook, _ = hostile
    typed_entities = [squash(v) for v in placed.values() if ENTITY.search(v)]  # data that itself holds "&lt;"
    titles = {urls.built(p.uri).rstrip("/"): squash(p.title) for p in pages.generated(handbook)}
    footers = 0
    for name, path in html_pages(hostile_site).items():
        for tag, attr, value, cls, href in _Names(path.read_text(encoding="utf-8")).found:
            rest = value
            for typed in typed_entities:
                rest = rest.replace(typed, "")
            assert not ENTITY.search(rest), f"{name}: <{tag} {attr}> reads an entity aloud: {value!r}"
            if "md-footer__link" in cls and not name.startswith("zh-Hans/"):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href.split("#")[0]))
                if target in titles:
                    direction = value.split(": ", 1)[0]
                    assert value == f"{direction}: {titles[target]}", f"{name}: {value!r}"
                    footers += 1
    assert footers >= 2 * len(handbook.roles)
    # The matrix names each letter by its meaning and duties: the titles are exactly those of the data.
    matrix = {value for tag, attr, value, cls, href in _Names((hostile_site / "matrix" / "index.html").read_text(
        encoding="utf-8")).found if tag == "a" and attr == "title" and "hb-" in cls}
    assert matrix == {f"{LETTER[letter].name}:" + "、".join(squash(a.duty.title) for a in cell if a.letter == letter)
                      for topic in handbook.topics for role in handbook.roles
                      for cell in [handbook.cell(topic, role)] for letter in {a.letter for a in cell}}
