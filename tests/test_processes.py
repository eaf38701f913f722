"""Cross-role processes drawn as swimlanes, and one catalogue of measures, as a reader and a contributor meet them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jsonschema
import pytest
import yaml

from handbook.model import load as load_handbook
from handbook.data.problems import DataError
from handbook.data.fold import fold
from handbook.kinds.vocabularies import DOCUMENT
from handbook.data.fold import simplified
from handbook import urls
from handbook.site import swimlane

from .conftest import FIXTURE
from .htmlpage import load

HANDBOOK = load_handbook()


def page_url(target) -> str:
    return "/" + urls.built(urls.source(target))


def process_page(site, process):
    return load(site, page_url(process))


# ---------------------------------------------------------------- the data


def test_at_least_six_processes_each_crossing_roles():
    assert len(HANDBOOK.processes) >= 6
    for process in HANDBOOK.processes:
        assert len(process.lanes) >= 2, process.id
        assert [s.number for s in process.steps] == list(range(1, len(process.steps) + 1))


def test_a_step_based_on_the_document_quotes_its_own_duty():
    """Every 'document' step is defensible from the document's duty text: its quotes are the duty's words."""
    for process in HANDBOOK.processes:
        for step in process.steps:
            if step.basis == DOCUMENT:
                quotes = re.findall(r"「([^」]*)」", step.because)
                assert quotes, (process.id, step.id)
                for quote in quotes:
                    for piece in quote.split("…"):
                        assert fold(piece) in fold(step.duty.description), (process.id, step.id, piece)


def test_no_measure_is_defined_twice():
    """One definition per measure: names and aliases point to one measure, and paths only refer to ids."""
    seen: dict[str, str] = {}
    for m in HANDBOOK.measures:
        for name in m.names:
            assert seen.setdefault(fold(name), m.id) == m.id, name
    raw = yaml.safe_load((FIXTURE / "onboarding.yaml").read_text(encoding="utf-8"))
    for path in raw["paths"]:
        for item in path["measures"]:
            assert set(item) == {"measure", "review"}
            assert item["measure"] in HANDBOOK.measure_by_id


def test_every_measure_has_an_owner_and_duties_that_move_it():
    for m in HANDBOOK.measures:
        assert m.owner and m.moved_by, m.id
        assert (m.numerator and m.denominator) or m.expression, m.id


def edit(data: Path, file: str, old: str, new: str, last: bool = False) -> int:
    """Replace the first (or last) `old` in a data file; returns the line it was on."""
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.rindex(old) if last else text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1


def problems(data: Path) -> list:
    with pytest.raises(DataError) as error:
        load_handbook(data)
    return error.value.problems


def test_a_step_with_a_mistyped_duty_is_refused_with_the_closest_duty(data_copy):
    duty = HANDBOOK.processes[-1].steps[-1].duty.ref
    line = edit(data_copy, "processes.yaml", f"duty: {duty}", f"duty: {duty[:-1]}", last=True)
    found = problems(data_copy)
    assert any(p.file.endswith("processes.yaml") and p.line == line and "duty" in p.field and duty in p.hint
               for p in found), found


def test_a_measure_without_an_owner_is_refused(data_copy):
    measure = HANDBOOK.measures[-1]
    edit(data_copy, "measures.yaml", f"    owner: {measure.owner.ref}\n", "", last=True)
    found = problems(data_copy)
    assert any("owner" in p.en and p.file.endswith("measures.yaml") for p in found), found


def test_a_name_two_measures_share_in_either_script_is_refused(data_copy):
    """An alias typed in Simplified that is another measure's Traditional name still collides."""
    first, second = HANDBOOK.measures[0], HANDBOOK.measures[-1]
    edit(data_copy, "measures.yaml", f'name_en: "{second.name_en}"',
         f'name_en: "{second.name_en}"\n    aliases: [{json.dumps(simplified(first.name), ensure_ascii=False)}]'
         if not second.aliases else f'name_en: "{second.name_en}"')
    if second.aliases:
        edit(data_copy, "measures.yaml", f'aliases: [{json.dumps(second.aliases[0], ensure_ascii=False)}',
             f'aliases: [{json.dumps(simplified(first.name), ensure_ascii=False)}')
    found = problems(data_copy)
    assert any(first.id in p.zh and "aliases" in p.field for p in found), found


def test_an_onboarding_path_naming_an_unknown_measure_is_refused_with_the_closest(data_copy):
    measure = HANDBOOK.paths[0].measures[0].measure.id
    edit(data_copy, "onboarding.yaml", f"- measure: {measure}", f"- measure: {measure}s")
    found = problems(data_copy)
    assert any(p.file.endswith("onboarding.yaml") and measure in p.hint for p in found), found


def test_a_document_step_that_quotes_nothing_is_refused(data_copy):
    step = next(s for p in HANDBOOK.processes for s in p.steps if s.basis == DOCUMENT)
    edit(data_copy, "processes.yaml", f"because: {json.dumps(step.because, ensure_ascii=False)}",
         'because: "原文這樣寫。"')
    found = problems(data_copy)
    assert any(p.field.endswith("because") and step.duty.ref in p.expected for p in found), found


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("process", HANDBOOK.processes, ids=lambda p: p.id)
def test_process_page_draws_one_swimlane_with_a_lane_per_role_and_links_to_each_duty(site, process):
    html = (site / page_url(process).strip("/") / "index.html").read_text(encoding="utf-8")
    assert html.count('<svg class="hb-swim hb-swim-wide"') == 1 and html.count('<svg class="hb-swim hb-swim-narrow"') == 1
    svg = html[html.index('<svg class="hb-swim hb-swim-wide"'):]
    svg = svg[:svg.index("</svg>")]
    assert svg.count("hb-swim-lane ") == len(process.lanes)
    for role_id in process.lanes:
        assert HANDBOOK.role(role_id).name in svg
    base = "http://site" + page_url(process)
    hrefs = [urlparse(urljoin(base, h)) for h in re.findall(r'<a href="([^"]+)"', svg)]
    duty_links = {(h.path, h.fragment) for h in hrefs if h.fragment}
    assert duty_links == {(page_url(s.duty).split("#")[0], s.duty.id) for s in process.steps}
    for path, fragment in duty_links:
        assert fragment in load(site, path).ids


@pytest.mark.parametrize("process", HANDBOOK.processes[:2], ids=lambda p: p.id)
def test_process_page_adds_no_script(site, process):
    def scripts(url):
        return sorted(a.get("src", "").rsplit("/", 1)[-1] for tag, a in load(site, url).tags if tag == "script")
    # the glossary is a page with no script of its own (role pages load review.js and since.js)
    assert scripts(page_url(process)) == scripts("/glossary/")


def test_swimlane_links_work_without_directory_urls():
    """The preview build (--no-directory-urls): raw SVG links point at .html files beside the right folder."""
    process = HANDBOOK.processes[0]
    here = urls.source(process)
    svg = swimlane.svg(HANDBOOK, process, here, directory_urls=False)
    base = "http://site/" + urls.built(here, False)
    for href in re.findall(r'<a href="([^"]+)"', svg):
        target = urlparse(urljoin(base, href))
        assert target.path.endswith(".html"), href
        assert target.path.lstrip("/").split("#")[0] in {urls.built(urls.source(r), False)
                                                         for r in HANDBOOK.roles}, href


def test_text_list_says_what_the_picture_says_in_order(site):
    for process in HANDBOOK.processes:
        page = process_page(site, process)
        ids = [a["id"] for tag, a in page.tags if tag == "li" and a.get("id") in {s.id for s in process.steps}]
        assert ids == [s.id for s in process.steps]
        for step in process.steps:
            assert step.hands_on in page.text and step.duty.title in page.text


def test_measures_page_shows_formula_unit_direction_and_owner_for_each(site):
    page = load(site, "/" + urls.built(urls.PAGES["measures"]))
    text = re.sub(r"\s+", "", page.text)
    links = page.internal_links()
    for m in HANDBOOK.measures:
        assert m.id in page.ids
        for shown in (m.numerator, m.denominator, m.expression, m.unit, m.source, m.cadence):
            if shown:
                assert re.sub(r"\s+", "", shown) in text, (m.id, shown)
        assert (page_url(m.owner).split("#")[0], m.owner.id) in links
    assert "越高越好" in page.text and "越低越好" in page.text
    # a table each, not table text, and the overview's one
    assert sum(1 for tag, _ in page.tags if tag == "table") == len(HANDBOOK.measures) + 1


def test_role_pages_list_their_processes_steps_and_the_measures_they_move(site):
    for role in HANDBOOK.roles:
        page = load(site, page_url(role))
        links = set(page.internal_links())
        for process, steps in HANDBOOK.processes_of_role(role):
            for step in steps:
                assert (page_url(process), step.id) in links
        for measure, _ in HANDBOOK.measures_of_role(role):
            assert ("/measures/", measure.id) in links


def test_a_duty_shows_the_steps_before_and_after_it(site):
    process = HANDBOOK.processes[0]
    step = process.steps[1]
    before, after = process.neighbours(step)
    page = load(site, page_url(step.duty).split("#")[0])
    links = page.internal_links()
    assert (page_url(process), step.id) in links
    assert (page_url(before.duty).split("#")[0], before.duty.id) in links
    assert (page_url(after.duty).split("#")[0], after.duty.id) in links


def test_topic_pages_list_their_processes(site):
    for process in HANDBOOK.processes:
        for topic in process.topics:
            assert (page_url(process), "") in load(site, page_url(topic)).internal_links()


def test_onboarding_order_chain_step_links_the_process_page(site):
    step = next(s for _, steps in HANDBOOK.company_steps for s in steps if s.processes)
    page = load(site, "/onboarding/" + HANDBOOK.roles[0].id + "/")
    for process in step.processes:
        assert (page_url(process), "") in page.internal_links()
    for path in HANDBOOK.paths:
        links = load(site, page_url(path)).internal_links()
        for pm in path.measures:
            assert ("/measures/", pm.measure.id) in links


@pytest.mark.parametrize("width", [390, 1280])
def test_process_and_measures_pages_fit_the_screen(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 844})
    for target in [HANDBOOK.processes[0], HANDBOOK.processes[-1], "measures"]:
        page.goto(site_url + urls.built(urls.source(target)))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, target
        box = page.locator("svg.hb-swim:visible").bounding_box() if target != "measures" else None
        if box:
            assert box["width"] <= width
    page.close()


# ---------------------------------------------------------------- exports


def test_roles_json_carries_processes_and_measures_and_passes_its_schema(site):
    doc = json.loads((site / "api" / "roles.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api" / "roles.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert [p["id"] for p in doc["processes"]] == [p.id for p in HANDBOOK.processes]
    assert [[s["duty"] for s in p["steps"]] for p in doc["processes"]] == \
        [[s.duty.ref for s in p.steps] for p in HANDBOOK.processes]
    assert {m["id"]: m["owner"] for m in doc["measures"]} == {m.id: m.owner.ref for m in HANDBOOK.measures}
    ids = {m.id for m in HANDBOOK.measures}
    assert all(m["id"] in ids for p in doc["onboarding"]["paths"] for m in p["measures"])


def test_csv_exports_have_a_row_per_step_and_per_measure(site):
    def rows(name):
        return list(csv.DictReader(io.StringIO((site / "api" / name).read_text(encoding="utf-8-sig"))))
    steps = rows("processes.csv")
    assert [(r["process_id"], r["step_id"], r["basis"]) for r in steps] == \
        [(p.id, s.id, s.basis) for p in HANDBOOK.processes for s in p.steps]
    assert [r["measure_id"] for r in rows("measures.csv")] == [m.id for m in HANDBOOK.measures]


# ---------------------------------------------------------------- search


@pytest.fixture(scope="module")
def searchbox(browser, site_url):
    from .test_search import SearchBox

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    yield SearchBox(context.new_page(), site_url)
    context.close()


def name_queries(target) -> list[str]:
    """Its Chinese name in Traditional and Simplified, and its English name."""
    return list(dict.fromkeys([target.name, simplified(target.name), target.name_en]))


@pytest.mark.parametrize("target", HANDBOOK.processes + HANDBOOK.measures, ids=lambda t: t.id)
def test_a_process_or_measure_name_in_any_script_lists_its_page_first(searchbox, target):
    where = urls.built(urls.source(target))
    page, _, anchor = where.partition("#")
    wrong = {}
    for query in name_queries(target):
        results = searchbox.search(query, [page])
        first = results.groups[0] if results.groups else []
        if not first or first[0] != page or (anchor and where not in first):
            wrong[query] = first[:3]
    assert not wrong
