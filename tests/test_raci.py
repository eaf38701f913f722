"""Who answers for a topic: one accountable duty per topic, checked on every change, shown first, honest about
where each letter comes from (issue: R/A/C/I letters)."""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from handbook.model import load as load_handbook
from handbook.data.editorial import ASSISTING

from .conftest import FIXTURE
from .htmlpage import load

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = load_handbook()


def check(data: Path) -> subprocess.CompletedProcess:
    """`make check` on a data directory."""
    env = {**os.environ, "HANDBOOK_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def topic_block(text: str, topic_id: str) -> tuple[int, int]:
    start = text.index(f"\n  - id: {topic_id}\n") + 1
    end = text.find("\n  - id: ", start)
    return start, len(text) if end < 0 else end


def set_letter(data: Path, topic_id: str, ref: str, letter: str, reason: str | None = None) -> None:
    """Give one duty of a topic another letter in data/topics.yaml, as a contributor would in the web editor."""
    path = data / "topics.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = topic_block(text, topic_id)
    block = text[start:end]
    new, count = re.subn(rf"(      - duty: {re.escape(ref)}\n        raci: )[RACI]\n",
                         lambda m: m[1] + letter + "\n" + (f'        reason: "{reason}"\n' if reason else ""), block)
    assert count == 1, f"{ref} is not listed in {topic_id}"
    path.write_text(text[:start] + new + text[end:], encoding="utf-8")


def line_of_topic(topic_id: str) -> int:
    text = (FIXTURE / "topics.yaml").read_text(encoding="utf-8")
    return text[: topic_block(text, topic_id)[0]].count("\n") + 1


def assisting(duty) -> bool:
    return any(word in duty.title + duty.description for word in ASSISTING)


# Topics picked by what they are, not by name: the first, the last, and the one with most duties.
PICKED = sorted({HANDBOOK.topics[0].id, HANDBOOK.topics[-1].id, max(HANDBOOK.topics, key=lambda t: len(t.duties)).id})


# ---------------------------------------------------------------- make check

@pytest.mark.parametrize("topic_id", PICKED)
def test_make_check_refuses_a_topic_with_no_accountable_duty(data_copy, topic_id):
    topic = HANDBOOK.topic_by_id[topic_id]
    set_letter(data_copy, topic_id, topic.accountable.duty.ref, "R")
    result = check(data_copy)
    assert result.returncode != 0
    out = result.stderr
    assert f"(line {line_of_topic(topic_id)})" in out and topic_id in out and "no accountable" in out
    for a in topic.duties:  # the candidates: every duty now marked R
        if a.letter in ("A", "R"):
            assert a.duty.ref in out, f"the message does not offer {a.duty.ref}"


@pytest.mark.parametrize("topic_id", [t.id for t in HANDBOOK.topics
                                      if any(a.duty.role_id != t.accountable.duty.role_id for a in t.duties)][:3])
def test_make_check_refuses_a_second_accountable_role_and_names_both(data_copy, topic_id):
    topic = HANDBOOK.topic_by_id[topic_id]
    other = next(a for a in topic.duties if a.duty.role_id != topic.accountable.duty.role_id)
    set_letter(data_copy, topic_id, other.duty.ref, "A")
    result = check(data_copy)
    assert result.returncode != 0
    out = result.stderr
    assert f"(line {line_of_topic(topic_id)})" in out and "2 roles" in out
    assert topic.accountable.duty.ref in out and other.duty.ref in out
    assert "data/topics.yaml:" in out or "topics.yaml:" in out


def test_make_check_refuses_two_accountable_duties_of_one_role(data_copy):
    topic, second = next((t, a) for t in HANDBOOK.topics for a in t.duties
                         if a.letter != "A" and a.duty.role_id == t.accountable.duty.role_id)
    set_letter(data_copy, topic.id, second.duty.ref, "A")
    result = check(data_copy)
    assert result.returncode != 0 and second.duty.ref in result.stderr and "exactly one" in result.stderr


def test_an_assisting_duty_is_accountable_only_with_a_written_reason(data_copy):
    """A duty the document words as assisting (協助, 配合, 支持) may be A only when the data says why."""
    topic, helper = next((t, a) for t in HANDBOOK.topics for a in t.duties
                         if a.letter != "A" and not a.reason and assisting(a.duty))
    set_letter(data_copy, topic.id, topic.accountable.duty.ref, "R")
    set_letter(data_copy, topic.id, helper.duty.ref, "A")
    result = check(data_copy)
    assert result.returncode != 0
    assert "assisting" in result.stderr and "reason" in result.stderr
    assert any(word in result.stderr for word in ASSISTING), "the message quotes the document's words"
    set_letter(data_copy, topic.id, helper.duty.ref, "A", reason="它是唯一確保整個流程的職責。")
    # Moving the A may leave a measure naming the old A as accountable (crossview.py says so); the assisting rule is met.
    assert "words this duty as assisting" not in check(data_copy).stderr


def test_the_documents_assisting_duties_that_answer_for_a_topic_say_why():
    answering = [(t, t.accountable) for t in HANDBOOK.topics if assisting(t.accountable.duty)]
    assert answering, "the data has assisting duties as A (returns and refunds, compliance)"
    assert all(a.reason.strip() for _, a in answering)


def test_every_judgement_says_why_and_every_description_has_a_basis():
    for topic in HANDBOOK.topics:
        assert topic.description_basis in ("document", "handbook")
        assert sum(a.letter == "A" for a in topic.duties) == 1, topic.id
        for a in topic.duties:
            assert a.basis in ("document", "handbook")
            assert a.basis == "document" or a.reason.strip(), f"{topic.id}: {a.duty.ref} judged without a reason"


# ---------------------------------------------------------------- topic pages

def article(site: Path, url: str) -> str:
    html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"): html.index("</article>")]


def test_every_topic_page_opens_with_whom_to_ask(site):
    for topic in HANDBOOK.topics:
        html = article(site, f"/topics/{topic.id}/")
        ask = re.search(r'<div class="hb-ask">(.*?)</div>', html, re.S)
        assert ask, f"{topic.id}: no answer box"
        assert html.index('class="hb-ask"') < html.index('id="roles"'), "the answer comes before the roles"
        role = HANDBOOK.role(topic.accountable.duty.role_id)
        links = re.findall(r'href="([^"]+)"', ask[1])
        assert "找誰" in ask[1] and "Ask" in ask[1]
        assert [l for l in links if "/roles/" in l or l.startswith("../../roles")] == \
            [f"../../roles/{role.id}/", f"../../roles/{role.id}/#{topic.accountable.duty.id}"]
        others = [r for r in HANDBOOK.roles if r.id != role.id]
        assert not any(f"roles/{r.id}/" in ask[1] for r in others), f"{topic.id}: another role in the answer"


def test_topic_pages_group_the_other_duties_by_letter_with_english_titles(site):
    for topic in HANDBOOK.topics:
        html = article(site, f"/topics/{topic.id}/")
        english = {html_lib.unescape(t).strip() for t in re.findall(r'<span[^>]*lang="en"[^>]*>([^<]*)</span>', html)}
        for a in topic.duties:
            assert f'#{a.duty.id}"' in html
            assert a.duty.title_en in english or any(a.duty.title_en in e for e in english), \
                f"{topic.id}: no English title for {a.duty.ref}"
        letters = [l for l in "RCI" if any(a.letter == l for a in topic.duties)]
        positions = [html.index(f'id="raci-{l.lower()}"') for l in letters]
        assert positions == sorted(positions), f"{topic.id}: R, C, I groups out of order"


def test_every_handbook_judgement_on_a_topic_page_is_marked(site):
    for topic in HANDBOOK.topics:
        html = article(site, f"/topics/{topic.id}/")
        marks = html.count('class="hb-judgement"')
        judged = sum(a.judgement for a in topic.duties) + (topic.description_basis == "handbook")
        assert marks == judged + 2, f"{topic.id}: {marks} marks for {judged} judgements (+2 in the legend: judgement, left open)"
        page = load(site, f"/topics/{topic.id}/")
        for a in topic.duties:
            if a.judgement:
                assert re.sub(r"\s", "", a.reason) in re.sub(r"\s", "", page.text), f"{topic.id}: reason not shown"


# ---------------------------------------------------------------- matrix

def test_the_matrix_has_one_accountable_letter_per_topic_row(site):
    html = (site / "matrix" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-topic="([a-z0-9-]+)">(.*?)</tr>', html, re.S)
    assert [t for t, _ in rows] == [t.id for t in HANDBOOK.topics]
    for topic_id, row in rows:
        topic = HANDBOOK.topic_by_id[topic_id]
        cells = re.findall(r'<td([^>]*)>(.*?)</td>', row, re.S)
        assert len(cells) == len(HANDBOOK.roles)
        accountable = [attrs for attrs, _ in cells if 'data-raci="A"' in attrs]
        assert len(accountable) == 1, f"{topic_id}: {len(accountable)} cells with data-raci=A"
        assert f'data-role="{topic.accountable.duty.role_id}"' in accountable[0]
        for (attrs, body), role in zip(cells, HANDBOOK.roles):
            assert f'data-role="{role.id}"' in attrs and f'data-topic="{topic_id}"' in attrs
            letter = HANDBOOK.letter(topic, role)
            assert (f'data-raci="{letter}"' in attrs) if letter else "data-raci" not in attrs
            for a in HANDBOOK.cell(topic, role):  # each letter links to a duty, with words for screen readers
                assert f'../roles/{role.id}/#' in body and 'class="hb-sr"' in body
    assert "當責" in html and "accountable" in html and "informed" in html  # the legend


# ---------------------------------------------------------------- map

def test_the_map_draws_only_who_answers_for_whose_work(site):
    html = (site / "map" / "index.html").read_text(encoding="utf-8")
    svg = html[html.index('<svg class="hb-map"'):]
    svg = svg[: svg.index("</svg>")]
    drawn = re.findall(r"<line [^>]*><title>([^<]+) → ([^<:：]+)[:：]", svg)
    pairs = {frozenset((a.id, b.id)) for a, b in combinations(HANDBOOK.roles, 2)}
    assert 0 < len({frozenset(p) for p in drawn}) < len(pairs)
    names = {r.name: r for r in HANDBOOK.roles}
    for a_name, r_name in drawn:  # every arrow: a topic where the first is A and the second does R work
        a, r = names[a_name], names[r_name]
        assert any(t.accountable.duty.role_id == a.id and any(x.letter == "R" for x in HANDBOOK.cell(t, r))
                   for t in HANDBOOK.topics), f"{a_name} → {r_name} has no meaning"
    widths = {float(w) for w in re.findall(r'<line [^>]*stroke-width="([0-9.]+)"', svg)}
    assert len(widths) > 1, "arrows are weighted by topics"
    assert "hover" not in html and "滑鼠" not in html
    listed = load(site, "/map/")
    for topic in HANDBOOK.topics:  # the text equivalent names every relation's topics
        if any(x.letter == "R" and x.duty.role_id != topic.accountable.duty.role_id for x in topic.duties):
            assert (f"/topics/{topic.id}/", "") in listed.internal_links()


# ---------------------------------------------------------------- gaps

def test_gaps_lists_what_the_document_leaves_open_with_a_way_to_answer(site):
    page = load(site, "/gaps/")
    text = re.sub(r"\s", "", page.text)
    assert "退款" in text and "總結" in text and "及時" in text
    promptly = [d for r in HANDBOOK.roles for d in r.duties if "及時" in d.description]
    assert len(promptly) >= 5
    links = page.internal_links()
    for duty in promptly:
        assert (f"/roles/{duty.role_id}/", duty.id) in links, f"{duty.ref} uses 及時 but is not listed"
    forms = [href for href in page.links if "issues/new" in href]
    assert len(forms) == len(HANDBOOK.gaps) >= 3
    template = re.search(r"template=([\w.-]+)", forms[0])[1]
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / template).is_file()
    refunds = load(site, "/topics/returns-refunds/")
    assert ("/gaps/", "refund-payer") in refunds.internal_links()


# ---------------------------------------------------------------- role pages

def doing_partners(role) -> dict[str, int]:
    """Independently: how many topics each other role does or answers for together with this one."""
    shared: dict[str, int] = {}
    for topic in HANDBOOK.topics:
        doing = {a.duty.role_id for a in topic.duties if a.letter in "AR"}
        if role.id in doing:
            for other in doing - {role.id}:
                shared[other] = shared.get(other, 0) + 1
    return shared


def test_role_pages_rank_only_roles_that_share_the_work(site):
    from handbook.site.pages import LIST_LIMIT
    for role in HANDBOOK.roles:
        html = article(site, f"/roles/{role.id}/")
        works = html[html.index('id="works-with"'):]
        listed = re.findall(r'<li><strong><a href="\.\./([a-z0-9-]+)/">', works)
        shared = doing_partners(role)
        expected = sorted(shared, key=lambda r: (-shared[r], [x.id for x in HANDBOOK.roles].index(r)))
        assert listed == expected[:LIST_LIMIT], role.id
        assert len(listed) < len(HANDBOOK.roles) - 1 or len(shared) == len(HANDBOOK.roles) - 1
        for duty in role.duties:  # each duty's topics carry this role's letter
            section = html[html.index(f'id="{duty.id}"'):]
            section = section[: section.find("<h3", 1) if "<h3" in section[1:] else len(section)]
            for topic, a in HANDBOOK.topics_of(duty):
                assert re.search(rf'topics/{topic.id}/"[^>]*>[^<]*</a>\s*<span class="hb-raci hb-raci-{a.letter.lower()}">',
                                 section), f"{duty.ref}: no letter for {topic.id}"
            withs = re.search(r'class="hb-with"(.*?)</div>', section, re.S)
            if withs:
                assert withs[1].count('class="hb-raci ') <= LIST_LIMIT
