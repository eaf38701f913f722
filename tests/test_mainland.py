"""The Simplified edition in mainland words (OpenCC tw2sp and the data's reviewed exceptions), and a search that
treats both wordings, and both scripts, as one word."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from handbook.data.load import read_sources
from handbook.data.problems import DataError
from handbook.edition.convert import EDITION
from handbook.data.mainland import Mainland

from .conftest import FIXTURE, build_site

# Taiwan usage a mainland reader would notice, in either script: 著 where the mainland writes 着 (隨著, 跟著,
# 寫著; 著 stays in 著作, 著名, 显著 …), and Taiwan's words for print, link, search, refresh, contact, capture, account.
TAIWAN = re.compile(r"列印|[連连]結|[連连]结|搜[尋寻]|重新整理|[聯联][絡络]人|[擷撷]取|[帳帐][號号]"
                    r"|(?<![显顯昭卓土名巨原拙编編论論专專])著(?![作名称稱述者])")
SKIP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
KEPT = re.compile(r"<(?!html\b)(\w+)\b[^>]*\slang=\"zh-(?:Hant|TW|HK)\"[^>]*>.*?</\1\s*>", re.S)  # the switch's own label
SHOWN_ATTRS = re.compile(r"""\s(?:title|aria-label|alt|placeholder|content)="([^"]*)\"""")


def taiwan_usage(html: str) -> list[str]:
    """Each Taiwan usage in what a page shows (its text and the attributes readers see), with some context."""
    html = KEPT.sub(" ", SKIP.sub(" ", html))
    shown = re.sub(r"<[^>]*>", " ", html) + " " + " ".join(SHOWN_ATTRS.findall(html))
    return [shown[max(0, m.start() - 6):m.end() + 4] for m in TAIWAN.finditer(shown)]


@pytest.mark.parametrize("traditional, mainland", [
    ("請重新整理頁面後再列印", "请刷新页面后再打印"),
    ("隨著訂單增加,跟著流程走,上面寫著負責人", "随着订单增加,跟着流程走,上面写着负责人"),
    ("點下方連結,在搜尋框輸入", "点下方链接,在搜索框输入"),
    ("供應商的聯絡人", "供应商的联系人"),
    ("顯著的著作", "显著的著作"),  # 著 stays where the mainland keeps it
])
def test_taiwan_wording_becomes_mainland_wording(traditional, mainland):
    assert Mainland().convert(traditional) == mainland
    assert not taiwan_usage(mainland)


def test_a_listed_exception_is_written_as_listed_and_the_rest_still_converts():
    plain, reviewed = Mainland(), Mainland({"帳": "账", "指標": "指标"})
    assert plain.convert("官方帳號的成效指標") != "官方账号的成效指标"  # what the exceptions are for
    assert reviewed.convert("官方帳號的成效指標,請重新整理") == "官方账号的成效指标,请刷新"


def test_search_pairs_name_the_words_the_two_wordings_spell_differently():
    pairs = Mainland({"帳": "账"}).pairs(["請重新整理頁面後再列印", "隨著訂單增加", "用帳號登入", "庫存不足"])
    assert {("重新整理", "刷新"), ("列印", "打印"), ("随著", "随着"), ("帐号", "账号")} <= set(pairs.items())
    assert all(len(word) >= 2 for word in pairs)  # a word, never a lone character (列 is not 打)
    assert not any("库存" in word for word in pairs)  # characters alone are the fold's business


# Reviewed exceptions as a company would list them: 帳 is 账 on the mainland (tw2sp writes 帐), 指標 stays 指标.
EXCEPTIONS = """words:
  - traditional: 帳
    simplified: 账
    why: 大陸規範字
  - traditional: 指標
    simplified: 指标
    why: 不是指针
"""
TAIWAN_TEXT = "隨著訂單增加,跟著流程寫著的順序列印出貨單,點連結或用搜尋框,重新整理後找聯絡人,擷取原文,登入帳號。"


@pytest.fixture(scope="module")
def taiwan_site(tmp_path_factory) -> Path:
    """The handbook with Taiwan wording in a duty's own words and in a process step (the document's quoted text
    and the handbook's own converted alike)."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(FIXTURE, data, dirs_exist_ok=True)
    (data / "simplified.yaml").write_text(EXCEPTIONS, encoding="utf-8")
    roles = yaml.safe_load((data / "roles.yaml").read_text(encoding="utf-8"))
    text = (data / "roles.yaml").read_text(encoding="utf-8")
    description = roles["roles"][0]["duties"][0]["description"]
    assert text.count(description) >= 1
    (data / "roles.yaml").write_text(text.replace(description, description + TAIWAN_TEXT, 1), encoding="utf-8")
    out = tmp_path_factory.mktemp("taiwan-site")
    result = build_site(out, data)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_no_simplified_page_speaks_taiwanese(taiwan_site):
    """Every page of the Simplified edition, and what its search shows, in mainland words."""
    traditional = "".join(p.read_text(encoding="utf-8") for p in taiwan_site.glob("roles/*/index.html"))
    assert len(taiwan_usage(traditional)) >= 8  # the Traditional pages do say it (the scan can fail)
    pages = sorted((taiwan_site / EDITION).rglob("*.html"))
    assert len(pages) > 10
    found = {p.relative_to(taiwan_site).as_posix(): usage for p in pages
             if (usage := taiwan_usage(p.read_text(encoding="utf-8")))}
    assert not found
    index = json.loads((taiwan_site / EDITION / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if taiwan_usage(doc["title"] + " " + doc["text"])]


def test_the_edition_writes_the_datas_exceptions(taiwan_site):
    words = yaml.safe_load(EXCEPTIONS)["words"]
    edition = "".join(p.read_text(encoding="utf-8") for p in (taiwan_site / EDITION / "roles").rglob("*.html"))
    original = "".join(p.read_text(encoding="utf-8") for p in (taiwan_site / "roles").rglob("*.html"))
    used = [w for w in words if w["traditional"] in original]
    assert used, "the test data uses some listed word"
    for word in used:
        assert word["simplified"] in edition, word


def write_exceptions(data: Path, body: str) -> list:
    (data / "simplified.yaml").write_text(body, encoding="utf-8")
    try:
        read_sources(data)
    except DataError as error:
        return error.problems
    return []


@pytest.mark.parametrize("name, body, line, says", [
    ("fine", "words:\n  - traditional: 帳號\n    simplified: 账号\n    why: 大陸寫法\n", None, ""),
    ("no file entries", "words: []\n", None, ""),
    ("twice", "words:\n  - traditional: 帳號\n    simplified: 账号\n    why: 一\n"
              "  - traditional: 帳號\n    simplified: 帐号\n    why: 二\n", 5, "line 2"),
    ("not a word", "words:\n  - traditional: 帳 號\n    simplified: 账号\n    why: 一\n", 2, "traditional"),
    ("latin", "words:\n  - traditional: 帳號\n    simplified: account\n    why: 一\n", 3, "simplified"),
    ("no reason", "words:\n  - traditional: 帳號\n    simplified: 账号\n", 2, "why"),
])
def test_the_exception_list_is_checked(data_copy, name, body, line, says):
    problems = write_exceptions(data_copy, body)
    if line is None:
        assert not problems
        return
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file.endswith("simplified.yaml") and problem.line == line
    assert says in problem.en + problem.field + (problem.expected or ""), problem


def test_the_exception_list_is_optional(data_copy):
    (data_copy / "simplified.yaml").unlink(missing_ok=True)
    assert read_sources(data_copy)["simplified"].data == {"words": []}
