"""English names and descriptions: required in the data, shown on the role pages, names gathered on the glossary."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from handbook.model import load as load_handbook
from handbook.data.problems import DataError

from .htmlpage import load

HANDBOOK = load_handbook()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("file, record, field", [
    ("roles.yaml", "  - id: customer-service\n", "name_en"),
    ("roles.yaml", "      - id: returns-exchanges\n", "title_en"),
    ("roles.yaml", "      - id: returns-exchanges\n", "description_en"),
    ("topics.yaml", "  - id: returns-refunds\n", "name_en"),
])
@pytest.mark.parametrize("change", ["missing", "empty"])
def test_an_english_name_left_out_is_refused_at_its_line(data_copy, file, record, field, change):
    path = data_copy / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(record)
    at = next(i for i in range(start, len(lines)) if lines[i].strip().startswith(f"{field}:"))
    if change == "missing":
        del lines[at]
    else:
        lines[at] = lines[at].split(":")[0] + ': ""\n'
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy)
    (problem,) = raised.value.problems
    assert problem.file.endswith(file)
    assert problem.line == (start + 1 if change == "missing" else at + 1)
    assert record.split(": ")[1].strip() in problem.field
    assert field in problem.en + problem.field
    assert f"{file}:{problem.line}:" in raised.value.report()


def test_glossary_names_every_role_duty_and_topic_in_both_languages_with_links(site):
    page = load(site, "/glossary/")
    text, links = squash(page.text), page.internal_links()
    for role in HANDBOOK.roles:
        assert squash(role.name) in text and squash(role.name_en) in text
        assert (f"/roles/{role.id}/", "") in links and (f"/onboarding/{role.id}/", "") in links
        for duty in role.duties:
            assert squash(duty.title) in text and squash(duty.title_en) in text
            assert (f"/roles/{role.id}/", duty.id) in links
    for topic in HANDBOOK.topics:
        assert squash(topic.name) in text and squash(topic.name_en) in text
        assert (f"/topics/{topic.id}/", "") in links
        assert all(squash(alias) in text for alias in topic.aliases if alias.isascii())


def test_glossary_is_linked_from_the_home_page_and_the_nav(site):
    assert ("/glossary/", "") in load(site, "/").internal_links()
    assert ("/glossary/", "") in load(site, "/roles/finance/").internal_links()


def test_searching_a_topic_does_not_land_on_the_glossary(site):
    """The glossary repeats every name: only its introduction is in the search index."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("glossary/")] == ["glossary/"]


class Paragraphs(HTMLParser):
    """The role page's duty headings and the paragraphs after each: (heading id, [(class, lang, text), ...])."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.duties: dict[str, list[tuple[str, str, str]]] = {}
        self._heading, self._open = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h2", "h3"):
            self._heading = a.get("id") if tag == "h3" else None
            if self._heading:
                self.duties[self._heading] = []
        elif tag == "p" and self._heading:
            self._open = [a.get("class") or "", a.get("lang") or "", ""]

    def handle_endtag(self, tag):
        if tag == "p" and self._open:
            self.duties[self._heading].append(tuple(self._open))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[2] += data


@pytest.mark.parametrize("role", HANDBOOK.roles, ids=lambda r: r.id)
def test_each_duty_shows_its_english_description_under_the_chinese(site, role):
    """Cross-border staff read what a duty is about in English, set apart as English for screen readers."""
    html = (site / "roles" / role.id / "index.html").read_text(encoding="utf-8")
    duties = Paragraphs(html).duties
    for duty in role.duties:
        title_en, chinese, english = duties[duty.id][:3]
        assert title_en == ("hb-en", "en", duty.title_en)
        assert squash(chinese[2]) == squash(duty.description) and chinese[1] != "en"
        assert "hb-en" in english[0].split() and english[1:] == ("en", duty.description_en)
