"""The checks of data/moved.yaml: each old address leads somewhere real, and none hides a live page.

An entry's `from` is an id that no longer exists (a redirect page there would replace the live page); its `to`
exists now, in the same kind (a duty may move to another role).  Whether every id that disappeared has an entry
is a question about history, which `python -m handbook diff` answers.
"""

from __future__ import annotations

from handbook.data.problems import Problem
from handbook.data.reporting import Checker, records
from handbook.data.spec import closest
from handbook.data.yamlsource import Source

FILE = {"role": "roles", "duty": "roles", "topic": "topics", "process": "processes", "measure": "measures"}


def live_ids(sources: dict[str, Source], sound: dict[str, bool]) -> dict[str, set[str] | None]:
    """Each kind's ids in the data now (a duty as role-id/duty-id); None for a kind whose file is broken."""
    found: dict[str, set[str] | None] = {}
    for kind, key in FILE.items():
        if not sound.get(key):
            found[kind] = None
            continue
        items = [x for x in records(sources[key].data, key) if isinstance(x, dict) and isinstance(x.get("id"), str)]
        if kind == "duty":
            found[kind] = {f"{r['id']}/{d['id']}" for r in items for d in records(r, "duties")
                           if isinstance(d, dict) and isinstance(d.get("id"), str)}
        else:
            found[kind] = {x["id"] for x in items}
    return found


def check(sources: dict[str, Source], sound: dict[str, bool]) -> list[Problem]:
    moved = sources.get("moved")
    if moved is None or not sound.get("moved"):
        return []
    c, live, seen = Checker(), live_ids(sources, sound), {}
    where = {kind: f"data/{key}.yaml" for kind, key in FILE.items()}
    for i, entry in enumerate(records(moved.data, "moved")):
        kind, old, new = entry.get("kind"), entry.get("from"), entry.get("to")
        ids = live.get(kind)
        duty = kind == "duty"
        for field, value in (("from", old), ("to", new)):
            if isinstance(value, str) and ("/" in value) != duty:
                c.report(moved, ("moved", i, field),
                         f"{kind} 的 id {'要' if duty else '不能'}寫成「崗位 id/職責 id」。",
                         f"A {kind} id is {'written' if duty else 'not written'} as 'role-id/duty-id'.",
                         expected="崗位 id/職責 id / role-id/duty-id" if duty else "一個 id / one id", found=value,
                         hint="職責連同它的崗位一起寫 / write a duty with its role" if duty else
                         "只有 kind: duty 才寫崗位 / only kind: duty names a role")
        if (kind, old) in seen:
            c.report(moved, ("moved", i, "from"), f"「{old}」已經在第 {seen[kind, old]} 行寫過了。",
                     f"'{old}' is already listed on line {seen[kind, old]}.", expected="每個舊 id 一條 / one entry per old id",
                     found=old, hint="刪掉其中一條 / remove one of them")
        elif isinstance(old, str):
            seen[kind, old] = moved.where(("moved", i, "from"))[0]
        if ids is None:
            continue
        if old in ids:
            c.report(moved, ("moved", i, "from"),
                     f"{where[kind]} 裡還有「{old}」,轉址會蓋掉它現在的頁面。",
                     f"'{old}' still exists in {where[kind]}; a redirect would replace its live page.",
                     expected="已經改名或刪除的 id / an id that was renamed or removed", found=old,
                     hint="它沒有搬走就刪掉這一條 / remove this entry if it has not moved")
        if isinstance(new, str) and new not in ids:
            near = closest(new, ids)
            c.report(moved, ("moved", i, "to"), f"{where[kind]} 裡沒有「{new}」,舊網址會帶到不存在的地方。",
                     f"There is no '{new}' in {where[kind]}; the old address would lead nowhere.",
                     expected=f"{where[kind]} 裡現在的 id / an id in {where[kind]} now", found=new,
                     hint=f"是不是 did you mean「{near}」?" if near else
                     "再改名時,也把舊的紀錄改指到最新的 id / when renaming again, point older entries at the newest id")
    return c.problems
