"""Checks that span records and files: unique ids and names, and references that must exist.

Shape checks (spec.py) run first; these skip what is malformed, so one
mistake is reported once, and run even when shapes are wrong elsewhere, so a
contributor sees every mistake in one run.
"""

from __future__ import annotations

from handbook.data import wording
from handbook.data.editorial import check_letters, check_quote, duty_texts, tag_anchor
from handbook.data.fold import fold
from handbook.data.plancheck import check_plan
from handbook.data.problems import show
from handbook.data.reporting import Checker, ids, readable, records
from handbook.data.spec import closest
from handbook.data.yamlsource import Source


def check_roles(c: Checker, roles: Source) -> dict[str, set[str]]:
    """Unique role and duty ids; returns role id -> its duty ids for the other files."""
    items = records(roles.data, "roles")
    c.unique(roles, items, ("roles",), "崗位", "role")
    c.same_names(roles, items, ("roles",), "崗位", "role")
    duties_by_role: dict[str, set[str]] = {}
    for i, role in enumerate(items):
        if not isinstance(role, dict) or not isinstance(role.get("id"), str):
            continue
        duties = records(role, "duties")
        c.unique(roles, duties, ("roles", i, "duties"), "職責", "duty")
        c.same_names(roles, duties, ("roles", i, "duties"), "職責", "duty", ("title", "title_en"))
        duties_by_role.setdefault(role["id"], set()).update(
            d["id"] for d in duties if isinstance(d, dict) and isinstance(d.get("id"), str))
    return duties_by_role


def check_all(sources: dict[str, Source], sound: dict[str, bool]) -> list[Problem]:
    """Every cross-record problem the data lets us see.

    Ids are checked in every file that could be read; references into another
    file only when that file passed its shape checks, so one broken file does
    not make every reference to it look wrong.
    """
    c = Checker()
    duties = check_roles(c, sources["roles"])
    trusted = duties if sound["roles"] else None
    check_topics(c, sources["topics"], sources["roles"] if sound["roles"] and sound["topics"] else None, trusted)
    measures = check_measures(c, sources["measures"], trusted)
    topic_ids = ids(sources["topics"], "topics") if sound["topics"] else None
    processes = check_processes(c, sources["processes"], trusted, topic_ids, measures if sound["measures"] else None)
    check_onboarding(c, sources["onboarding"], trusted, measures if sound["measures"] else None,
                     processes if sound["processes"] else None)
    check_plan(c, sources["onboarding"])
    check_gaps(c, sources["gaps"], topic_ids, trusted)
    if "synonyms" in sources:
        check_synonyms(c, sources["synonyms"], sources["topics"] if sound["topics"] else None)
    if "simplified" in sources:
        wording.check_simplified(c, sources["simplified"])
    return c.problems


def check_duty_ref(c: Checker, source: Source, path: tuple, ref, duties_by_role: dict[str, set[str]] | None) -> bool:
    """Whether `ref` (role-id/duty-id) names an existing duty; reports it with the closest id when not."""
    if not isinstance(ref, str) or "/" not in ref or duties_by_role is None:
        return False
    role_id, duty_id = ref.split("/", 1)
    if role_id not in duties_by_role:
        c.unknown(source, path, "崗位", "role", role_id, duties_by_role, "data/roles.yaml")
        return False
    if duty_id not in duties_by_role[role_id]:
        near = closest(duty_id, duties_by_role[role_id])
        c.report(source, path, f"崗位「{role_id}」沒有職責「{show(duty_id)}」。",
                 f"The role '{role_id}' has no duty '{show(duty_id)}'.",
                 expected=f"{role_id} 的職責 id / a duty id of {role_id}", found=show(ref),
                 hint=f"是不是 did you mean「{role_id}/{near}」?" if near else "、".join(sorted(duties_by_role[role_id])))
        return False
    return True


def check_names(c: Checker, source: Source, key: str, what_zh: str, what_en: str) -> None:
    """No name or alias (after folding Simplified/Traditional, case and width) points to two records."""
    owner: dict[str, str] = {}
    for i, item in enumerate(records(source.data, key)):
        if not isinstance(item, dict):
            continue
        named = [("name",), ("name_en",)] + [("aliases", j) for j in range(len(records(item, "aliases")))]
        for sub in named:
            value = item.get(sub[0]) if len(sub) == 1 else item["aliases"][sub[1]]
            if not readable(value):
                continue
            word, here = fold(value.strip()), str(item.get("id"))
            if word in owner and owner[word] != here:
                c.report(source, (key, i) + sub,
                         f"「{show(value)}」已經是{what_zh}「{show(owner[word])}」的名稱或別名(繁簡視為相同);"
                         f"一個詞只能指向一個{what_zh}。",
                         f"'{show(value)}' is already the name or an alias of {what_en} '{show(owner[word])}' "
                         f"(Traditional and Simplified count as the same); a word can point to one {what_en} only.",
                         expected=f"不重複的名稱 / a name no other {what_en} uses", found=show(value),
                         hint=f"從其中一個{what_zh}刪掉它 / remove it from one of the two")
            else:
                owner.setdefault(word, here)


def check_measures(c: Checker, measures: Source, duties_by_role: dict[str, set[str]] | None) -> dict[str, set[str]]:
    """Ids, names, formulas and duties of the catalogue; returns measure id -> the duty refs that own, answer for
    or move it."""
    items = records(measures.data, "measures")
    c.unique(measures, items, ("measures",), "成效指標", "measure")
    check_names(c, measures, "measures", "成效指標", "measure")
    found: dict[str, set[str]] = {}
    for i, m in enumerate(items):
        if not isinstance(m, dict):
            continue
        formula = m.get("formula")
        if isinstance(formula, dict):
            ratio = [k for k in ("numerator", "denominator") if formula.get(k) is not None]
            has_expression = formula.get("expression") is not None
            if (len(ratio) == 2) == has_expression or len(ratio) == 1:
                c.report(measures, ("measures", i, "formula"),
                         "公式要嘛寫分子和分母(numerator、denominator),要嘛只寫一個算式(expression)。",
                         "A formula is either a numerator and a denominator, or one expression.",
                         expected="numerator + denominator,或 or expression", found="、".join(
                             k for k in ("numerator", "denominator", "expression") if formula.get(k) is not None)
                         or "(沒有 / none)")
        wanted = [(("measures", i, key), m[key]) for key in ("owner", "accountable") if key in m]
        wanted += [(("measures", i, "moved_by", j), ref) for j, ref in enumerate(records(m, "moved_by"))]
        refs = {ref for path, ref in wanted if check_duty_ref(c, measures, path, ref, duties_by_role)}
        if isinstance(m.get("id"), str):  # None: a duty it names is wrong, said above; who moves it is unknown
            found[m["id"]] = refs if len(refs) == len({ref for _, ref in wanted}) else None
    return found


def check_processes(c: Checker, processes: Source, duties_by_role: dict[str, set[str]] | None,
                    topic_ids: set[str] | None, measures: dict[str, set[str]] | None) -> set[str]:
    """Ids, names, steps' duties, topics and measures; a step based on the document quotes (tests check the words
    are its duty's: a duty's description may change, and the contributor changing it is told by the tests). Returns the ids."""
    items = records(processes.data, "processes")
    c.unique(processes, items, ("processes",), "流程", "process")
    check_names(c, processes, "processes", "流程", "process")
    for i, process in enumerate(items):
        if not isinstance(process, dict):
            continue
        for j, topic in enumerate(records(process, "topics")):
            if isinstance(topic, str) and topic_ids is not None and topic not in topic_ids:
                c.unknown(processes, ("processes", i, "topics", j), "主題", "topic", topic, topic_ids,
                          "data/topics.yaml")
        steps = records(process, "steps")
        c.unique(processes, steps, ("processes", i, "steps"), "步驟", "step")
        for k, step in enumerate(steps):
            if not isinstance(step, dict):
                continue
            path = ("processes", i, "steps", k)
            ref = step.get("duty")
            check_duty_ref(c, processes, path + ("duty",), ref, duties_by_role)
            for m, measure in enumerate(records(step, "measures")):
                if isinstance(measure, str) and measures is not None and measure not in measures:
                    c.unknown(processes, path + ("measures", m), "成效指標", "measure", measure, measures,
                              "data/measures.yaml")
            check_quote(c, processes, path, step)
    return ids(processes, "processes")


def check_synonyms(c: Checker, synonyms: Source, topics: Source | None) -> None:
    """Each synonym points to one topic only, after folding (退錢 and 退钱, ＫＯＬ and kol are one word): not
    listed under two topics, and not another topic's name or alias; with `topics`, the topic ids exist."""
    names: dict[str, str] = {}  # folded name or alias → its topic id
    if topics is not None:
        for topic in records(topics.data, "topics"):
            if isinstance(topic, dict) and isinstance(topic.get("id"), str):
                for name in [topic.get("name"), topic.get("name_en")] + records(topic, "aliases"):
                    if isinstance(name, str) and name.strip():
                        names.setdefault(fold(name.strip()), topic["id"])
    by_topic = synonyms.data.get("synonyms") if isinstance(synonyms.data, dict) else None
    if not isinstance(by_topic, dict):
        return
    seen: dict[str, tuple[str, int]] = {}  # folded word → (topic id, line) where it was first listed
    for topic_id, words in by_topic.items():
        if topics is not None and names and topic_id not in names.values():
            c.unknown(synonyms, ("synonyms", topic_id), "主題", "topic", topic_id, set(names.values()),
                      "data/topics.yaml", key=True)
        for j, word in enumerate(words if isinstance(words, list) else []):
            if not isinstance(word, str) or not word.strip():
                continue
            key, path = fold(word.strip()), ("synonyms", topic_id, j)
            other = names.get(key)
            if other is not None and other != topic_id:
                c.report(synonyms, path, f"「{show(word)}」已經是主題「{other}」的名稱或別名;一個詞只能指向一個主題。",
                         f"'{show(word)}' is already a name or alias of topic '{other}'; a word can point to one "
                         "topic only.", expected="別的主題沒有用過的詞 / a word no other topic uses", found=show(word),
                         hint=f"刪掉這一行,或把它從主題「{other}」移走 / remove this line, or move it from '{other}'")
            elif key in seen and seen[key][0] != topic_id:
                first_topic, line = seen[key]
                c.report(synonyms, path, f"「{show(word)}」在第 {line} 行已經指向主題「{first_topic}」(簡繁、全半形、大小寫"
                         "都算同一個詞);一個詞只能指向一個主題。",
                         f"'{show(word)}' already points to topic '{first_topic}' on line {line} (Simplified and "
                         "Traditional, full- and half-width, upper and lower case count as one word); a word can point "
                         "to one topic only.", expected="只在一個主題下出現 / under one topic only", found=show(word),
                         hint="從其中一個主題刪掉它 / remove it from one of the two topics")
            else:
                seen.setdefault(key, (topic_id, synonyms.where(path)[0]))


def check_topics(c: Checker, topics: Source, roles: Source | None, duties_by_role: dict[str, set[str]] | None) -> None:
    """Groups, aliases, duty references and letters; with `roles`, also that every duty has a topic and that a
    duty the document words as assisting is accountable only with a reason."""
    texts = duty_texts(roles) if roles is not None else {}
    groups = records(topics.data, "groups")
    c.unique(topics, groups, ("groups",), "分組", "group")
    c.same_names(topics, groups, ("groups",), "分組", "group")
    group_ids = {g["id"] for g in groups if isinstance(g, dict) and isinstance(g.get("id"), str)}
    items = records(topics.data, "topics")
    c.unique(topics, items, ("topics",), "主題", "topic")
    covered: set[str] = set()
    used_groups: set[str] = set()
    word_owner: dict[str, tuple[str, int]] = {}  # folded name, English name or alias -> (topic id, index)
    tag_owner: dict[str, tuple[str, int]] = {}  # the tags page's anchor of a topic name -> (name, line)
    for i, topic in enumerate(items):
        if not isinstance(topic, dict):
            continue
        group = topic.get("group")
        used_groups.add(group)
        if isinstance(group, str) and group_ids and group not in group_ids:
            c.unknown(topics, ("topics", i, "group"), "分組", "group", group, group_ids, "data/topics.yaml groups")
        named = [(("topics", i, "name"), topic.get("name")), (("topics", i, "name_en"), topic.get("name_en"))]
        named += [(("topics", i, "aliases", j), alias) for j, alias in enumerate(records(topic, "aliases"))]
        for path, word in named:
            if not readable(word):
                continue
            key = fold(word.strip())
            if key in word_owner and word_owner[key][1] != i:
                other = word_owner[key][0]
                c.report(topics, path, f"「{show(word)}」已經是主題「{show(other)}」的名稱或別名(不分繁簡、全半形、大小寫);"
                         "一個詞只能指向一個主題。",
                         f"'{show(word)}' is already the name or an alias of topic '{show(other)}' (ignoring script, "
                         "width and case); a word can point to one topic only.",
                         expected="不重複的別名 / an alias no other topic uses", found=show(word),
                         hint="從其中一個主題刪掉它 / remove it from one of the two topics")
            else:
                word_owner.setdefault(key, (str(topic.get("id")), i))
        name = topic.get("name")
        if readable(name):
            anchor = tag_anchor(name)
            if anchor in tag_owner:
                other, line = tag_owner[anchor]
                c.report(topics, ("topics", i, "name"),
                         f"主題名稱「{show(name)}」和第 {line} 行的「{show(other)}」只差標點或大小寫,在標籤頁會變成同一個標籤。",
                         f"The topic name '{show(name)}' differs from '{show(other)}' on line {line} only in "
                         "punctuation, spaces or case, so both get one entry on the tags page.",
                         expected="和其他主題名稱不只差標點 / a name that differs in more than punctuation",
                         found=f"{show(name)} → #{anchor}", hint="換一個名稱 / choose another name")
            else:
                tag_owner[anchor] = (name, topics.where(("topics", i, "name"))[0])
        assignments = records(topic, "duties")
        seen_here: set[str] = set()
        for j, assignment in enumerate(assignments):
            ref = assignment.get("duty") if isinstance(assignment, dict) else None
            if not isinstance(ref, str) or "/" not in ref:
                continue
            path = ("topics", i, "duties", j, "duty")
            role_id, duty_id = ref.split("/", 1)
            if ref in seen_here:
                c.report(topics, path, f"職責「{show(ref)}」在這個主題裡列了兩次。",
                         f"The duty '{show(ref)}' is listed twice in this topic.", found=show(ref),
                         hint="只留一項,用一個字母 / keep one entry with one letter")
                continue
            seen_here.add(ref)
            if duties_by_role is None:
                continue
            if role_id not in duties_by_role:
                c.unknown(topics, path, "崗位", "role", role_id, duties_by_role, "data/roles.yaml")
            elif duty_id not in duties_by_role[role_id]:
                near = closest(duty_id, duties_by_role[role_id])
                c.report(topics, path, f"崗位「{role_id}」沒有職責「{show(duty_id)}」。",
                         f"The role '{role_id}' has no duty '{show(duty_id)}'.",
                         expected=f"{role_id} 的職責 id / a duty id of {role_id}", found=show(ref),
                         hint=f"是不是 did you mean「{role_id}/{near}」?" if near else
                         "、".join(sorted(duties_by_role[role_id])))
            else:
                covered.add(ref)
        check_letters(c, topics, i, topic, texts)
    for i, g in enumerate(groups):
        if items and isinstance(g, dict) and isinstance(g.get("id"), str) and g["id"] not in used_groups:
            c.report(topics, ("groups", i, "id"), "這個分組還沒有任何主題,導覽裡的它會連到首頁。",
                     "This group has no topics yet, so its entry in the navigation would lead to the home page.",
                     expected=f"至少一個主題寫 group: {g['id']} / at least one topic with group: {g['id']}",
                     found="(沒有主題 / no topic)", hint="加上主題,或刪掉這個分組 / add a topic or remove the group")
    if not items or roles is None:
        return
    for i, role in enumerate(records(roles.data, "roles")):
        if not isinstance(role, dict) or not isinstance(role.get("id"), str):
            continue
        for j, duty in enumerate(records(role, "duties")):
            if isinstance(duty, dict) and isinstance(duty.get("id"), str) and \
                    f"{role['id']}/{duty['id']}" not in covered:
                c.report(roles, ("roles", i, "duties", j, "id"), "這個職責還不屬於任何主題,讀者從主題頁找不到它。",
                         "This duty belongs to no topic, so readers cannot reach it from a topic page.",
                         expected=f"data/topics.yaml 裡某個主題列出 {role['id']}/{duty['id']}",
                         found="(沒有主題 / no topic)",
                         hint=f"在 data/topics.yaml 的主題 duties 下加上 - duty: {role['id']}/{duty['id']}(再寫 raci 和 basis)"
                                  f" / add - duty: {role['id']}/{duty['id']} with its raci and basis under a topic's duties")


def check_gaps(c: Checker, gaps: Source, topic_ids: set[str] | None, duties_by_role: dict[str, set[str]] | None) -> None:
    """Gap ids are unique and the topics and duties they name exist."""
    items = records(gaps.data, "gaps")
    c.unique(gaps, items, ("gaps",), "待釐清問題", "gap")
    for i, gap in enumerate(items):
        if not isinstance(gap, dict):
            continue
        for j, topic_id in enumerate(records(gap, "topics")):
            if topic_ids is not None and isinstance(topic_id, str) and topic_id not in topic_ids:
                c.unknown(gaps, ("gaps", i, "topics", j), "主題", "topic", topic_id, topic_ids, "data/topics.yaml")
        for j, ref in enumerate(records(gap, "duties")):
            if duties_by_role is None or not isinstance(ref, str) or "/" not in ref:
                continue
            role_id, duty_id = ref.split("/", 1)
            if role_id not in duties_by_role:
                c.unknown(gaps, ("gaps", i, "duties", j), "崗位", "role", role_id, duties_by_role, "data/roles.yaml")
            elif duty_id not in duties_by_role[role_id]:
                c.unknown(gaps, ("gaps", i, "duties", j), f"{role_id} 的職責", f"duty of {role_id}", duty_id,
                          duties_by_role[role_id], "data/roles.yaml")


def check_onboarding(c: Checker, onboarding: Source, duties_by_role: dict[str, set[str]] | None,
                     measures: dict[str, set[str]] | None = None, processes: set[str] | None = None) -> None:
    """Stages, step and measure ids; with `duties_by_role`, also the roles and duties steps point to; with
    `measures` and `processes` (from their files), the measures and processes paths and steps name."""
    data = onboarding.data
    stages = records(data, "stages")
    c.unique(onboarding, stages, ("stages",), "階段", "stage")
    c.same_names(onboarding, stages, ("stages",), "階段", "stage")
    stage_ids = {s["id"] for s in stages if isinstance(s, dict) and isinstance(s.get("id"), str)}

    def check_steps(base: tuple, by_stage, role_id: str | None, measure_ids: set[str]) -> None:
        if not isinstance(by_stage, dict):
            return
        seen: dict[str, int] = {}
        for stage_id, steps in by_stage.items():
            if stage_ids and stage_id not in stage_ids:
                c.unknown(onboarding, base + (stage_id,), "階段", "stage", stage_id, stage_ids,
                          "data/onboarding.yaml stages", key=True)
            for k, step in enumerate(steps if isinstance(steps, list) else []):
                if not isinstance(step, dict):
                    continue
                path = base + (stage_id, k)
                step_id = step.get("id")
                if isinstance(step_id, str):
                    if step_id in seen:
                        c.report(onboarding, path + ("id",), f"步驟 id「{show(step_id)}」重複了(第 {seen[step_id]} 行已經用過)。",
                                 f"The step id '{show(step_id)}' is used twice (already on line {seen[step_id]}).",
                                 expected="路徑裡每個步驟 id 只用一次 / each step id once per path", found=show(step_id))
                    else:
                        seen[step_id] = onboarding.where(path + ("id",))[0]
                for m, duty_id in enumerate(records(step, "duties")):
                    if role_id and duties_by_role is not None and isinstance(duty_id, str) and \
                            duty_id not in duties_by_role.get(role_id, ()):
                        c.unknown(onboarding, path + ("duties", m), f"{role_id} 的職責", f"duty of {role_id}",
                                  duty_id, duties_by_role.get(role_id, ()), "data/roles.yaml")
                for m, meet in enumerate(records(step, "meet")):
                    other = meet.get("role") if isinstance(meet, dict) else None
                    if isinstance(other, str) and duties_by_role is not None and other not in duties_by_role:
                        c.unknown(onboarding, path + ("meet", m, "role"), "崗位", "role", other, duties_by_role,
                                  "data/roles.yaml")
                    elif other == role_id:
                        c.report(onboarding, path + ("meet", m, "role"), "新人要認識的是其他崗位,不是自己的崗位。",
                                 "The roles to meet should be other roles, not the new hire's own.", found=show(other))
                for m, measure_id in enumerate(records(step, "measures") if role_id else ()):
                    if isinstance(measure_id, str) and measure_id not in measure_ids:
                        c.unknown(onboarding, path + ("measures", m), "成效指標", "measure", measure_id,
                                  measure_ids, "this path's measures")
                for m, process_id in enumerate(records(step, "processes")):
                    if isinstance(process_id, str) and processes is not None and process_id not in processes:
                        c.unknown(onboarding, path + ("processes", m), "流程", "process", process_id, processes,
                                  "data/processes.yaml")

    check_steps(("company",), data.get("company") if isinstance(data, dict) else None, None, set())
    paths = records(data, "paths")
    c.unique(onboarding, paths, ("paths",), "入職路徑的崗位", "path role", key="role")
    for i, path in enumerate(paths):
        if not isinstance(path, dict) or not isinstance(path.get("role"), str):
            continue
        role_id = path["role"]
        if duties_by_role is not None and role_id not in duties_by_role:
            c.unknown(onboarding, ("paths", i, "role"), "崗位", "role", role_id, duties_by_role, "data/roles.yaml")
            continue
        listed = records(path, "measures")
        c.unique(onboarding, listed, ("paths", i, "measures"), "成效指標", "measure", key="measure")
        for m, item in enumerate(listed):
            measure_id = item.get("measure") if isinstance(item, dict) else None
            if not isinstance(measure_id, str) or measures is None:
                continue
            where = ("paths", i, "measures", m, "measure")
            if measure_id not in measures:
                c.unknown(onboarding, where, "成效指標", "measure", measure_id, measures, "data/measures.yaml")
            elif duties_by_role is not None and measures[measure_id] is not None and \
                    not any(ref.split("/")[0] == role_id for ref in measures[measure_id]):
                c.report(onboarding, where, f"成效指標「{measure_id}」沒有任何 {role_id} 的職責會影響它。",
                         f"No duty of {role_id} moves the measure '{measure_id}'.",
                         expected=f"data/measures.yaml 裡 {measure_id} 的 moved_by 有 {role_id} 的職責 / "
                                  f"a duty of {role_id} in its moved_by",
                         found=show(measure_id),
                         hint=f"在 data/measures.yaml 的 {measure_id} moved_by 加上 {role_id}/<職責 id>,或換一個指標 / "
                              f"add {role_id}/<duty-id> to its moved_by, or pick another measure")
        measure_ids = {m["measure"] for m in listed if isinstance(m, dict) and isinstance(m.get("measure"), str)}
        check_steps(("paths", i, "stages"), path.get("stages"), role_id, measure_ids)
