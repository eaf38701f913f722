"""The cross-view rules (handbook/data/crossview.py): topics, processes, measures and gaps tell one story.

Each rule has a table of small handbooks made here, not today's content: one that passes, and for each
contradiction a change that `make check` must refuse with the file, line, field and both languages.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from handbook.model import load
from handbook.data.problems import DataError

from .conftest import ROOT


def duty(i: str, title: str, description: str) -> dict:
    return {"id": i, "title": title, "title_en": title, "description": description, "description_en": description}


BASE = {
    "roles": {
        "handbook": {"title": "小店手冊", "title_en": "Small shop handbook", "introduction": "引言。", "closing": "結語。"},
        "roles": [
            {"id": "service", "name": "客服", "name_en": "Service", "summary": "客服。", "purpose": "服務客戶。",
             "owners": ["@shop/service"], "reviewed": "2026-01-01",
             "duties": [duty("returns", "退貨管理", "協助客戶完成退貨流程。"), duty("replies", "回覆", "及時回覆客戶。")]},
            {"id": "store", "name": "倉庫", "name_en": "Store", "summary": "倉庫。", "purpose": "收發貨。",
             "owners": ["@shop/store"], "reviewed": "2026-01-01",
             "duties": [duty("receive", "收貨", "檢驗退回的商品並入庫。")]},
            {"id": "money", "name": "財務", "name_en": "Money", "summary": "財務。", "purpose": "管錢。",
             "owners": ["@shop/money"], "reviewed": "2026-01-01",
             "duties": [duty("pay", "付款", "處理合作伙伴的付款。"), duty("books", "記賬", "負責收入和支出的核算。")]},
        ],
    },
    "topics": {
        "groups": [{"id": "work", "name": "工作", "name_en": "Work"}],
        "topics": [
            {"id": "refunds", "name": "退款", "name_en": "Refunds", "group": "work", "description": "退款。",
             "description_basis": "handbook", "aliases": ["退錢"],
             "duties": [
                 {"duty": "service/returns", "raci": "A", "basis": "handbook", "reason": "只有客服面對客戶。"},
                 {"duty": "store/receive", "raci": "R", "basis": "document"},
                 {"duty": "money/pay", "raci": "R", "basis": "gap", "reason": "原文沒寫誰付,暫放財務。",
                  "gap": "who-pays"},
                 {"duty": "money/books", "raci": "I", "basis": "handbook", "reason": "入賬要知道。"},
             ]},
            {"id": "replies", "name": "回覆", "name_en": "Replies", "group": "work", "description": "回覆。",
             "description_basis": "document", "aliases": ["答覆"],
             "duties": [{"duty": "service/replies", "raci": "A", "basis": "document"}]},
            {"id": "books", "name": "賬目", "name_en": "Books", "group": "work", "description": "賬目。",
             "description_basis": "document", "aliases": ["記帳"],
             "duties": [{"duty": "money/books", "raci": "A", "basis": "document"}]},
        ],
    },
    "gaps": {"gaps": [{"id": "who-pays", "question": "誰付退款?", "question_en": "Who pays refunds?",
                       "said": "原文沒寫。", "matters": "退款頁。", "topics": ["refunds"], "duties": ["money/pay"]}]},
    "measures": {"measures": [
        {"id": "refund-days", "name": "退款天數", "name_en": "Refund days", "formula": {"expression": "申請到到賬的天數"},
         "unit": "天", "direction": "lower", "source": "退貨單", "cadence": "每週", "owner": "money/books",
         "accountable": "service/returns", "moved_by": ["service/returns", "store/receive", "money/pay"]},
    ]},
    "processes": {"processes": [
        {"id": "refund-flow", "name": "退款流程", "name_en": "Refund flow", "trigger": "客戶要退貨。", "topics": ["refunds"],
         "steps": [
             {"id": "take", "duty": "service/returns", "do": "受理退貨。", "hands_on": "退貨單", "basis": "document",
              "because": "退貨管理:「協助客戶完成退貨流程」。"},
             {"id": "check", "duty": "store/receive", "do": "檢驗並入庫。", "hands_on": "檢驗結果", "basis": "document",
              "because": "收貨:「檢驗退回的商品並入庫」。", "measures": ["refund-days"]},
             {"id": "pay", "duty": "money/pay", "do": "把錢退給客戶。", "hands_on": "到賬的退款", "basis": "gap",
              "because": "原文沒寫誰付。", "gap": "who-pays"},
         ]},
    ]},
    "onboarding": {
        "stages": [{"id": "day-1", "name": "第一天", "name_en": "Day 1"}],
        "company": {"day-1": [{"id": "hello", "do": "讀手冊。", "why": "先知道。", "checkpoint": "讀完。"}]},
        "paths": [{"role": "service", "measures": [{"measure": "refund-days", "review": "看自己的案子。"}],
                   "stages": {"day-1": [{"id": "first", "do": "受理一單。", "why": "學。", "duties": ["returns"],
                                         "measures": ["refund-days"], "checkpoint": "受理了。"}]}}],
    },
}


def write(data: dict, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for file, content in data.items():
        text = yaml.safe_dump(json.loads(json.dumps(content)), allow_unicode=True, sort_keys=False, width=10**9)
        (directory / f"{file}.yaml").write_text(text, encoding="utf-8")


def problems(data: dict, tmp_path: Path) -> list:
    write(data, tmp_path)
    try:
        load(tmp_path)
    except DataError as error:
        return error.problems
    return []


def topic(data: dict, topic_id: str) -> dict:
    return next(t for t in data["topics"]["topics"] if t["id"] == topic_id)


def letter(data: dict, topic_id: str, ref: str) -> dict:
    return next(a for a in topic(data, topic_id)["duties"] if a["duty"] == ref)


def step(data: dict, step_id: str) -> dict:
    return next(s for s in data["processes"]["processes"][0]["steps"] if s["id"] == step_id)


@dataclass
class Case:
    name: str
    change: Callable[[dict], None]
    file: str  # the file the problem is reported in
    field: str  # words of the field path the problem names
    en: str  # words of the English message
    zh: str  # words of the Chinese message
    value: str = ""  # the line the problem points at holds this text


def drop_letter(ref: str, topic_id: str = "refunds") -> Callable[[dict], None]:
    def change(data: dict) -> None:
        topic(data, topic_id)["duties"] = [a for a in topic(data, topic_id)["duties"] if a["duty"] != ref]
    return change


def set_in(getter, **values) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = getter(data)
        for key, value in values.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
    return change


# (a) a duty doing a process step holds R or A on a topic its process lists
def add_booking_step(data: dict) -> None:
    data["processes"]["processes"][0]["steps"].append(
        {"id": "book", "duty": "money/books", "do": "入賬。", "hands_on": "賬", "basis": "handbook", "because": "入賬。"})


STEP_CASES = [
    Case("a step's duty only informed on the topic", add_booking_step,
         "processes.yaml", "book → duty", "neither does (R) nor answers for (A)", "不執行(R)也不當責(A)", "money/books"),
    Case("a step's duty absent from the process's topics", drop_letter("store/receive"),
         "processes.yaml", "check → duty", "neither does (R) nor answers for (A)", "不執行(R)也不當責(A)",
         "store/receive"),
]

# (b) a measure names the duty accountable for its number: the A of the work it measures
MEASURE_CASES = [
    Case("the accountable duty is the one keeping the definition", set_in(
        lambda d: d["measures"]["measures"][0], accountable="money/books"),
        "measures.yaml", "refund-days → accountable", "is not the accountable (A) duty", "不是這個指標衡量的工作的當責",
        "money/books"),
    Case("the accountable duty does the work but is not its A", set_in(
        lambda d: d["measures"]["measures"][0], accountable="store/receive"),
        "measures.yaml", "refund-days → accountable", "service/returns(refunds)", "當責的是別人", "store/receive"),
    Case("the accountable duty does not exist", set_in(lambda d: d["measures"]["measures"][0], accountable="service/return"),
         "measures.yaml", "refund-days → accountable", "has no duty 'return'", "沒有職責", "service/return"),
]

# (c) what the document does not support is handbook or gap, and a gap is linked from every view resting on it
BASIS_CASES = [
    Case("a consulted letter said to be the document's", set_in(
        lambda d: letter(d, "refunds", "money/books"), basis="document", reason=None),
        "topics.yaml", "money/books → basis", "seldom whom it asks (C) or tells (I)", "很少寫要問誰"),
    Case("a consulted letter quoting words its duty does not have", set_in(
        lambda d: letter(d, "refunds", "money/books"), basis="document", reason="原文說「事先問財務」。"),
        "topics.yaml", "money/books → basis", "seldom whom it asks (C) or tells (I)", "很少寫要問誰"),
    Case("an A chosen between roles said to be the document's", set_in(
        lambda d: letter(d, "refunds", "service/returns"), basis="document", reason=None),
        "topics.yaml", "service/returns → basis", "choosing which answers for it (A)", "在崗位之間選誰當責"),
    Case("a document step that approves", set_in(lambda d: step(d, "take"), do="受理並批准退貨。"),
         "processes.yaml", "take → basis", "no power to approve", "沒有給它批准的權力"),
    Case("a gap letter naming no gap", set_in(lambda d: letter(d, "refunds", "money/pay"), gap=None),
         "topics.yaml", "money/pay → basis", "name the open question", "要寫 gap:"),
    Case("a gap step naming no gap", set_in(lambda d: step(d, "pay"), gap=None),
         "processes.yaml", "pay → basis", "name the open question", "要寫 gap:"),
    Case("a step naming a gap that does not exist", set_in(lambda d: step(d, "pay"), gap="who-approves"),
         "processes.yaml", "pay → gap", "There is no open question 'who-approves'", "找不到待釐清問題"),
    Case("a document step naming a gap", set_in(lambda d: step(d, "check"), gap="who-pays"),
         "processes.yaml", "check → basis", "yet says the document's own words support it", "依據卻是 document"),
    Case("the gap does not name the topic of the letter resting on it",
         set_in(lambda d: d["gaps"]["gaps"][0], topics=None),
         "gaps.yaml", "who-pays → id", "does not list the letter that depends on it", "沒有列出依賴它的這個字母"),
    Case("the gap does not name the duty of the step resting on it",
         set_in(lambda d: d["gaps"]["gaps"][0], duties=["service/returns"]),
         "gaps.yaml", "who-pays → id", "does not list the step that depends on it", "沒有列出依賴它的這一步"),
    Case("a gap letter without a reason", set_in(lambda d: letter(d, "refunds", "money/pay"), reason=None),
         "topics.yaml", "money/pay", "needs a reason", "要寫 reason"),
]


def test_the_small_handbook_tells_one_story(tmp_path):
    assert problems(copy.deepcopy(BASE), tmp_path) == []


@pytest.mark.parametrize("case", STEP_CASES + MEASURE_CASES + BASIS_CASES, ids=lambda c: c.name)
def test_make_check_refuses_each_contradiction(case: Case, tmp_path):
    data = copy.deepcopy(BASE)
    case.change(data)
    found = problems(data, tmp_path)
    mine = [p for p in found if p.file.endswith(case.file) and case.field in p.field and case.en in p.en + p.expected + p.found]
    assert mine, "\n\n".join(p.format() for p in found)
    problem = mine[0]
    assert case.zh in problem.zh + problem.expected, problem.format()
    assert problem.line > 0 and problem.expected and problem.hint, problem.format()
    if case.value:
        line = (tmp_path / case.file).read_text(encoding="utf-8").splitlines()[problem.line - 1]
        assert case.value in line, (line, problem.format())


def test_a_letter_the_duty_words_support_may_be_the_documents(tmp_path):
    """Another organisation's document may say whom a duty consults: quoting those words is the evidence."""
    data = copy.deepcopy(BASE)
    data["roles"]["roles"][2]["duties"][1]["description"] = "負責收入和支出的核算,退款前先問它。"
    letter(data, "refunds", "money/books").update(raci="C", basis="document", reason="職責寫「退款前先問它」。")
    assert problems(data, tmp_path) == []


def test_a_measure_answers_to_whoever_becomes_the_topics_a(tmp_path):
    """Moving a topic's A moves the measures that answer to it: check says which, and passes once they follow."""
    data = copy.deepcopy(BASE)
    letter(data, "refunds", "service/returns").update(raci="R")
    letter(data, "refunds", "store/receive").update(raci="A", basis="handbook", reason="倉庫說了算。")
    found = problems(data, tmp_path)
    assert [p.field for p in found] == ["measures → refund-days → accountable"], [p.format() for p in found]
    assert "store/receive(refunds)" in found[0].expected
    data["measures"]["measures"][0]["accountable"] = "store/receive"
    assert problems(data, tmp_path) == []


def test_make_check_prints_the_contradiction(tmp_path):
    """What a contributor sees from `make check`: where, what, expected and a hint, in Chinese and English."""
    data = copy.deepcopy(BASE)
    step(data, "take")["do"] = "受理並批准退貨。"
    write(data, tmp_path)
    result = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=ROOT, capture_output=True, text=True,
                            env={"HANDBOOK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    out = result.stderr
    assert "processes.yaml:" in out and "take → basis" in out
    assert "沒有給它批准的權力" in out and "no power to approve" in out and "建議 hint:" in out


# ---------------------------------------------------------------- content tests of this company's handbook (data/)

@pytest.fixture(scope="module")
def shipped():
    from .conftest import SHIPPED
    return load(SHIPPED)


@pytest.mark.content
def test_who_pays_a_refund_has_one_answer_in_every_view(shipped):
    """The refunds topic, both refund processes and the gaps page name the same duty and the same open question."""
    topic = shipped.topic_by_id["returns-refunds"]
    pays = [s for p in shipped.processes if topic in p.topics for s in p.steps if s.id == "pay-refund"]
    assert len(pays) >= 2, "a return-to-refund path and a refund-only / before-shipping path"
    for step in pays:
        letter = next(a for a in topic.duties if a.duty == step.duty)
        assert letter.letter in ("A", "R") and letter.basis in ("handbook", "gap")
        assert step.gap and letter.gap and step.gap.id == letter.gap.id
        assert step.gap.id in {g.id for g in shipped.gaps_of(topic)}, "the topic page links the gap"


@pytest.mark.content
def test_the_measures_answer_to_the_roles_that_do_the_work(shipped):
    roles = {m.accountable.role_id for m in shipped.measures}
    assert len(roles) >= 5, roles
    finance = {d.ref for d in shipped.role("finance").duties}
    assert all(m.accountable.role_id == "finance" for m in shipped.measures
               if set(d.ref for d in m.moved_by) <= finance), "finance answers for the measures only finance moves"
    names = {n for m in shipped.measures for n in m.names}
    for wanted in ("GMV", "退貨率", "庫存周轉天數", "發貨及時率", "客單價", "筆單價", "ROAS"):
        assert wanted in names, wanted


@pytest.mark.content
def test_the_cross_role_work_a_shop_runs_weekly_has_a_process(shipped):
    ids = {p.id for p in shipped.processes}
    assert len(ids) >= 11
    assert {"stock-replenishment", "refund-before-shipping", "supplier-return", "courier-claim",
            "big-sale-readiness"} <= ids
    launch = [s.id for s in shipped.process_by_id["new-product-launch"].steps]
    assert launch.index("set-price") < launch.index("order-from-supplier") < launch.index("inspect-goods")
    assert launch.index("create-sku") < launch.index("inspect-goods") and launch.index("write-copy") < launch.index("go-live")
