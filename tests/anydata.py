"""Small valid handbooks of other organisations, made up from a seed (property-style tests, tests/test_any_data.py).

Each differs from the e-commerce data in what a handbook may vary: how many roles, duties, topics, stages and
measures; the stages' names and ids; one process or none; the optional files (gaps, synonyms) and the optional
identity fields (short name, description, source document, credits, search examples) there or left out.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

TEAMS = ["甲", "乙", "丙", "丁", "戊", "己"]  # each role's words start with its own character: no name is shared
TASKS = [("排程", "Scheduling"), ("盤點", "Stocktaking"), ("報價", "Quoting"), ("驗收", "Acceptance"),
         ("記帳", "Bookkeeping")]
SUBJECTS = [("場地", "Venues"), ("器材", "Equipment"), ("合約", "Contracts"), ("訓練", "Training")]
STAGES = [("開工日", "Start day"), ("第一輪", "First round"), ("試用期", "Probation"), ("滿三月", "Three months"),
          ("滿半年", "Six months")]
SLUGS = ["start", "round-one", "probation", "three-months", "half-year"]
WORDS = [("準時率", "On-time rate"), ("完成量", "Output"), ("差錯數", "Errors")]



def letter(i: int, ref: str, doers: list[str], rng) -> dict:
    """A duty's letter: the topic's first duty answers for it (A), a duty doing a process step does the work (R),
    and what is not the document's own words is marked as the handbook's judgement, as make check asks."""
    code = "A" if i == 0 else "R" if ref in doers else rng.choice("RCI")
    return {"duty": ref, "raci": code, "basis": "document"} if code == "R" else \
        {"duty": ref, "raci": code, "basis": "handbook", "reason": "本手冊的判斷。"}

def handbook(seed: int) -> dict[str, dict]:
    """The data files (name → content) of one small handbook."""
    rng = random.Random(seed)
    teams = TEAMS[:rng.randint(1, 4)]
    roles, duty_refs = [], []
    for t, team in enumerate(teams):
        duties = []
        for zh, en in TASKS[:rng.randint(1, 3)]:
            duties.append({"id": f"{en.lower()}", "title": f"{team}組{zh}", "title_en": f"{en} ({team})",
                           "description": f"負責{team}組的{zh}工作。", "description_en": f"Does team {t}'s {en.lower()}."})
            duty_refs.append(f"team-{t}/{en.lower()}")
        roles.append({"id": f"team-{t}", "name": f"{team}組組長", "name_en": f"Team {t} lead",
                      "summary": f"帶領{team}組。", "purpose": f"{team}組組長帶領{team}組完成日常工作。",
                      "owners": [f"@org/team-{t}"], "reviewed": "2026-01-15", "duties": duties})
    identity = {"title": f"測試組織{seed}號手冊", "title_en": f"Test organisation {seed} handbook"}
    if rng.random() < 0.5:
        identity.update(short_name=f"手冊{seed}", description=f"測試組織{seed}號的崗位與入職。",
                        copyright=f"© 測試組織{seed}號", search_examples=[SUBJECTS[0][0], "venues"])
    if rng.random() < 0.5:
        identity["source"] = {"name": f"測試組織{seed}號職責說明", **({"url": "https://example.org/duties"}
                                                                   if rng.random() < 0.5 else {})}
    identity.update(introduction=f"這是測試組織{seed}號的手冊。", closing="有問題先查主題頁。")

    subjects = SUBJECTS[:rng.randint(1, min(4, len(duty_refs)))]
    topics = []
    for k, (zh, en) in enumerate(subjects):
        mine = duty_refs[k::len(subjects)]  # every duty in exactly one topic
        topics.append({"id": en.lower(), "name": f"{zh}事務", "name_en": f"{en} matters", "group": "work",
                       "description": f"和{zh}有關的工作。", "description_basis": "document",
                       "aliases": [f"{zh}問題"],
                       "duties": [letter(i, ref, duty_refs[:3], rng) for i, ref in enumerate(mine)]})

    measures = []
    for m, (zh, en) in enumerate(WORDS[:rng.randint(1, 3)]):
        measures.append({"id": f"measure-{m}", "name": f"{zh}", "name_en": en,
                         "formula": {"expression": f"每月的{zh}"}, "unit": "%", "direction": "higher",
                         "source": "月報", "cadence": "每月", "owner": duty_refs[0], "accountable": duty_refs[0],
                         "moved_by": list(duty_refs)})

    processes = []
    if len(duty_refs) >= 2 and rng.random() < 0.7:
        processes.append({"id": "intake", "name": "接案流程", "name_en": "Intake", "trigger": "收到一件新案子。",
                          "topics": [t["id"] for t in topics],
                          "steps": [{"id": f"step-{n}", "duty": ref, "do": f"第 {n + 1} 步處理案子。",
                                     "hands_on": "處理好的案子", "basis": "handbook", "because": "本手冊的判斷。"}
                                    for n, ref in enumerate(duty_refs[:3])]})

    count = rng.randint(1, len(STAGES))
    order = sorted(rng.sample(range(len(STAGES)), count))
    stages = [{"id": SLUGS[i], "name": STAGES[i][0], "name_en": STAGES[i][1]} for i in order]
    company = {stages[0]["id"]: [{"id": "welcome", "do": "和主管見面。", "why": "認識主管。", "checkpoint": "見過主管。",
                                  **({"processes": ["intake"]} if processes else {})}]}
    paths = []
    for role in roles[:max(1, len(roles) - rng.randint(0, 1))]:  # perhaps one role without a path
        paths.append({"role": role["id"], "measures": [{"measure": measures[0]["id"], "review": "和主管一起看。"}],
                      "stages": {stages[-1]["id"]: [{"id": "first-task", "do": "完成第一件工作。", "why": "上手。",
                                                     "duties": [role["duties"][0]["id"]], "checkpoint": "主管確認。",
                                                     "measures": [measures[0]["id"]]}]}})

    files = {"roles": {"handbook": identity, "roles": roles},
             "topics": {"groups": [{"id": "work", "name": "日常工作", "name_en": "Daily work"}], "topics": topics},
             "measures": {"measures": measures}, "onboarding": {"stages": stages, "company": company, "paths": paths}}
    if processes or rng.random() < 0.5:  # no process: an empty list, or no processes.yaml at all
        files["processes"] = {"processes": processes}
    if rng.random() < 0.5:
        files["synonyms"] = {"synonyms": {topics[0]["id"]: [f"{subjects[0][0]}的事"]}}
    return files


def write(directory: Path, seed: int) -> Path:
    directory.mkdir(parents=True)
    for name, content in handbook(seed).items():
        (directory / f"{name}.yaml").write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return directory
