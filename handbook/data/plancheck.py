"""Checks of the onboarding plan's dates that no one field shows: stages due in order, a quiz at a real stage,
a meeting someone else attends."""

from __future__ import annotations

from handbook.data.problems import show
from handbook.data.yamlsource import Source
from handbook.kinds.plan import HIRE, MEETING


def check_plan(c, onboarding: Source) -> None:
    """`c` is references.Checker; only values the shape checks accepted are looked at."""
    data = onboarding.data if isinstance(onboarding.data, dict) else {}
    stages = [s for s in data.get("stages") or [] if isinstance(s, dict)] if isinstance(data.get("stages"), list) else []
    last, last_at = 1, None
    for i, stage in enumerate(stages):
        due = stage.get("due")
        if not isinstance(due, int) or isinstance(due, bool):
            continue
        if due < last:
            c.report(onboarding, ("stages", i, "due"),
                     f"階段「{show(stage.get('id'))}」在第 {due} 天到期,比前一個階段(第 {last} 天)還早:階段要依時間順序排列。",
                     f"Stage '{show(stage.get('id'))}' is due on day {due}, before the stage above it (day {last}): "
                     "stages are listed in the order they fall due.",
                     expected=f"≥ {last}", found=str(due),
                     hint=f"改成第 {last} 天以後,或把這個階段移到第 {last_at} 行的階段前面 / "
                          f"make it day {last} or later, or move it above the stage on line {last_at}")
        else:
            last, last_at = due, onboarding.where(("stages", i, "due"))[0]
    quiz = data.get("quiz")
    stage_ids = {s.get("id") for s in stages if isinstance(s.get("id"), str)}
    if isinstance(quiz, dict) and isinstance(quiz.get("stage"), str) and stage_ids and quiz["stage"] not in stage_ids:
        c.unknown(onboarding, ("quiz", "stage"), "階段", "stage", quiz["stage"], stage_ids, "data/onboarding.yaml stages")
    for base, by_stage in _step_lists(data):
        for stage_id, steps in by_stage.items():
            for k, step in enumerate(steps if isinstance(steps, list) else []):
                if not isinstance(step, dict) or step.get("kind") != MEETING:
                    continue
                by = step.get("by", [HIRE])
                if isinstance(by, list) and all(p == HIRE for p in by):
                    c.report(onboarding, base + (stage_id, k, "by" if "by" in step else "kind"),
                             "會面至少要有新人以外的一個人(manager 或 buddy),行事曆檔才知道是和誰見面。",
                             "A meeting needs someone besides the new hire (manager or buddy), so the calendar "
                             "file can say whom it is with.", expected="by: [hire, manager]", found=show(by),
                             hint="在 by 加上 manager 或 buddy / add manager or buddy to by")


def _step_lists(data: dict):
    """(path, {stage id: steps}) for the company-wide steps and each role's path."""
    if isinstance(data.get("company"), dict):
        yield ("company",), data["company"]
    for i, path in enumerate(data.get("paths") if isinstance(data.get("paths"), list) else []):
        if isinstance(path, dict) and isinstance(path.get("stages"), dict):
            yield ("paths", i, "stages"), path["stages"]
