"""Counts and stage names in the site's prose come from the data: with a ninth role and a sixth, later stage,
every sentence that says how many roles there are or how far onboarding goes still holds."""

from __future__ import annotations

import html
import re
from pathlib import Path

from handbook.model import load as load_handbook
from handbook.site.numerals import chinese, english

from .conftest import add_live_streaming, build_site
from .htmlpage import Page

STAGE = """  - id: month-6
    name: "第六個月"
    name_en: "Month 6"
"""
STEP = """  month-6:
    - id: half-year-review
      do: "和主管一起回顧半年的工作。"
      why: "半年是檢視崗位分工的好時機。"
      checkpoint: "回顧紀錄交主管。"
"""
# how many roles the handbook has: "八個核心崗位", "八大崗位", "the eight core e-commerce roles" (not "two roles")
ZH_COUNT = re.compile(r"([零一二三四五六七八九十百千萬]+)(?:個核心|大核心|大)崗位")
EN_COUNT = re.compile(r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                      r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|[0-9][0-9,]*) core (?:e-commerce )?"
                      r"roles\b", re.I)


def sentences(site: Path) -> dict[str, str]:
    """Each Traditional page's visible text and meta description."""
    out = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("zh-Hans/", "assets/")):
            continue
        page = Page(path, site)
        out[rel] = html.unescape(page.meta.get("description", "")) + "\n" + page.text
    return out


def check_prose(site: Path, data: Path | None = None) -> None:
    h = load_handbook(data)
    first, last = h.stages[0].name, h.stages[-1].name
    quoted = [" ".join(t.split()) for t in (h.introduction, h.closing)]  # the document's own words, quoted as is
    texts = {page: " ".join(text.split()) for page, text in sentences(site).items()}
    for page, text in texts.items():
        for words in quoted:
            texts[page] = texts[page].replace(words, "")
    counted = 0
    for page, text in texts.items():
        for match in ZH_COUNT.finditer(text):
            assert match.group(1) == chinese(len(h.roles)), f"{page}: {match.group()} (roles: {len(h.roles)})"
            counted += 1
        for match in EN_COUNT.finditer(text):
            assert match.group(1).lower() == english(len(h.roles)), f"{page}: {match.group()}"
            counted += 1
        for match in re.finditer(r"到(第[^\s,,。、的要]{1,6})", text):  # "…到第90天": how far onboarding goes
            assert match.group(1) in (last, *(s.name for s in h.stages)), f"{page}: {match.group()}"
            if "從" + first in text[max(0, match.start() - 20):match.start()]:
                assert match.group(1) == last, f"{page}: {match.group()} is not the last stage, {last}"
    assert counted >= 2, "the home page says how many roles there are, in Chinese and English"
    home = texts["index.html"]
    assert f"{chinese(len(h.roles))}個核心崗位" in home and f"{english(len(h.roles))} core" in home
    assert f"從{first}到{last}" in home
    for role in h.roles:
        assert f"從{first}到{last}" in texts[f"onboarding/{role.id}/index.html"]
    # the review sentences name the stage whose steps review the measures
    for path in h.paths:
        review = path.review_stage
        if review:
            assert f"{review.name}的檢視" in texts[f"onboarding/{path.role.id}/index.html"]
            assert f"新人{review.name}和主管" in texts[f"roles/{path.role.id}/index.html"]


def test_prose_states_the_datas_counts_and_stages(site):
    check_prose(site)


def test_a_ninth_role_and_a_sixth_stage_keep_every_sentence_true(data_copy, tmp_path):
    add_live_streaming(data_copy)
    onboarding = data_copy / "onboarding.yaml"
    text = onboarding.read_text(encoding="utf-8")
    assert "\ncompany:\n" in text
    text = text.replace("\ncompany:\n", "\n" + STAGE + "\ncompany:\n" + STEP, 1)
    onboarding.write_text(text, encoding="utf-8")
    h = load_handbook(data_copy)
    assert len(h.roles) == len(load_handbook().roles) + 1 and h.stages[-1].id == "month-6"
    out = tmp_path / "site"
    result = build_site(out, data_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    check_prose(out, data_copy)
    assert "九個崗位" in sentences(out)["index.html"]
