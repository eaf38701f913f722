"""Knowledge checks drawn from the data: /api/quiz.json against its schema and against the model, and the
questions on each path page, answered in the browser, in both editions.  On the fixture data."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from handbook import urls
from handbook.model import load, quiz

from .conftest import FIXTURE
from .htmlpage import load as load_page

HANDBOOK = load(FIXTURE)


@pytest.fixture(scope="module")
def exported(site):
    document = json.loads((site / "api" / "quiz.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api" / "quiz.schema.json").read_text(encoding="utf-8"))
    return document, schema


def test_the_export_validates_against_its_schema(exported):
    document, schema = exported
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    broken = {**document, "questions": [{**document["questions"][0], "answer": None}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_every_role_gets_at_least_five_questions_of_every_kind(exported):
    document, _ = exported
    for role in HANDBOOK.roles:
        mine = [q for q in document["questions"] if q["role"] == role.id]
        assert len(mine) >= 5, role.id
        assert {q["kind"] for q in mine} == {quiz.ACCOUNTABLE, quiz.NEXT_STEP, quiz.MEASURE}, role.id
        assert len({q["question"] for q in mine}) == len(mine)


def test_every_answer_agrees_with_the_data(exported):
    document, _ = exported
    names = {r.name: r for r in HANDBOOK.roles}
    measures = {m.name: m for m in HANDBOOK.measures}
    for q in document["questions"]:
        role = HANDBOOK.role(q["role"])
        assert q["answer"] in q["choices"] and q["choices"].index(q["answer"]) == q["answer_index"]
        assert len(set(q["choices"])) == len(q["choices"]) >= 2
        if q["kind"] == quiz.ACCOUNTABLE:
            topic = HANDBOOK.topic_by_id[q["topic"]]
            assert topic in HANDBOOK.topics_of_role(role), "a topic the role works on"
            assert names[q["answer"]].id == topic.accountable.duty.role_id, "the answer is the topic's A role"
            assert all(names[c].id != topic.accountable.duty.role_id for c in q["choices"] if c != q["answer"])
            assert q["link"].endswith(f"/topics/{topic.id}/")
        elif q["kind"] == quiz.NEXT_STEP:
            process = next(p for p in HANDBOOK.processes if p.name in q["question"])
            step = next(s for s in process.steps if f"「{s.do}」" in q["question"])
            assert step.duty.role_id == role.id, "a step this role does"
            after = process.steps[step.number]
            assert q["answer"] == after.do
            assert q["link"].endswith(f"/processes/{process.id}/#{after.id}")
        else:
            duty = next(d for d in role.duties if f"「{d.title}」" in q["question"])
            moved = HANDBOOK.measures_moved_by(duty)
            assert measures[q["answer"]] in moved
            assert all(measures[c] not in moved for c in q["choices"] if c != q["answer"])
            assert q["link"].endswith(f"/roles/{role.id}/#{duty.id}")


def test_questions_follow_the_data_when_it_changes():
    """A topic's A moved to another role: the question's answer moves with it."""
    role = HANDBOOK.paths[0].role
    first = next(q for q in quiz.questions(HANDBOOK, role) if q.kind == quiz.ACCOUNTABLE)
    topic = first.topic
    other = next(a for a in topic.duties if a.duty.role_id != topic.accountable.duty.role_id)
    swapped = tuple(dataclasses.replace(a, letter="R") if a.letter == "A" else
                    dataclasses.replace(a, letter="A") if a is other else a for a in topic.duties)
    changed = dataclasses.replace(topic, duties=swapped)
    h = dataclasses.replace(HANDBOOK, topics=tuple(changed if t.id == topic.id else t for t in HANDBOOK.topics),
                            _topics_of={})  # the indexes are built anew
    again = next(q for q in quiz.questions(h, role) if q.topic and q.topic.id == topic.id)
    assert again.choices[again.answer] == HANDBOOK.role(other.duty.role_id).name


def test_each_path_page_shows_its_questions_at_the_stage_the_data_names(site):
    for role in HANDBOOK.roles:
        page = load_page(site, f"/onboarding/{role.id}/")
        asked = [a for tag, a in page.tags if tag == "fieldset" and "data-hb-answer" in a]
        assert len(asked) == len(quiz.questions(HANDBOOK, role)) >= 5, role.id
    html = (site / "onboarding" / HANDBOOK.roles[0].id / "index.html").read_text(encoding="utf-8")
    start = html.index(f'data-hb-stage="{HANDBOOK.quiz_stage}"')
    end = html.find("data-hb-stage=", start + 20)
    assert start < html.index("data-hb-quiz") < (end if end > 0 else len(html)), "inside the stage the data names"


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_answering_in_the_browser_says_right_or_links_the_explanation(page, site_url, edition):
    role = HANDBOOK.roles[0]
    page.goto(site_url + f"{edition}onboarding/{role.id}/")
    questions = page.locator("[data-hb-quiz] fieldset[data-hb-answer]")
    assert questions.count() >= 5
    first, second = questions.nth(0), questions.nth(1)
    right = int(first.get_attribute("data-hb-answer"))
    first.locator("input[type=radio]").nth(right).check()
    assert first.locator(".hb-quiz-right").is_visible() and not first.locator(".hb-quiz-wrong").is_visible()
    wrong = (int(second.get_attribute("data-hb-answer")) + 1) % second.locator("input[type=radio]").count()
    second.locator("input[type=radio]").nth(wrong).check()
    link = second.locator(".hb-quiz-wrong a")
    assert link.is_visible()
    expected = quiz.questions(HANDBOOK, role)[1]
    where = urls.built(urls.source(expected.explains, expected.process))
    target = page.evaluate("h => { const u = new URL(h, location.href); return u.pathname + u.hash; }",
                           link.get_attribute("href"))
    assert target == "/" + edition + where, "the explanation, in the same edition"
    if edition:
        assert "题" in page.locator("[data-hb-quiz]").inner_text(), "the Simplified edition asks in Simplified"
