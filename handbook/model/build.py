"""Build the model from the checked data files: nothing is built until every check has passed."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
from pathlib import Path

from handbook.data import yamlsource
from handbook.data.load import read_sources
from handbook.model import identity
from handbook.kinds.plan import HIRE, TASK, Due, Schedule
from handbook.model.records import (Assignment, Duty, Gap, Handbook, Measure, Meeting, Moved, OnboardingPath,
                                    PathMeasure, Process, ProcessStep, Role, Section, Step, Topic)


def load(directory: Path | None = None) -> Handbook:
    """The checked handbook model."""
    return build(read_sources(directory))


def build(sources: dict[str, yamlsource.Source]) -> Handbook:
    roles_src = sources["roles"]
    data = roles_src.data
    role_lines = spans(roles_src, "roles")
    roles = []
    for i, r in enumerate(data["roles"]):
        duties = tuple(Duty(role_id=r["id"], id=d["id"], title=d["title"], title_en=d["title_en"],
                            description=d["description"], description_en=d["description_en"]) for d in r["duties"])
        reviewed = r["reviewed"] if isinstance(r["reviewed"], datetime.date) else \
            datetime.date.fromisoformat(r["reviewed"])
        roles.append(Role(id=r["id"], name=r["name"], name_en=r["name_en"], summary=r["summary"], purpose=r["purpose"],
                          owners=tuple(r["owners"]), reviewed=reviewed, duties=duties, lines=role_lines[i]))
        for d in duties:  # a duty and its role refer to each other: the frozen duty gets its role once, here
            object.__setattr__(d, "role", roles[-1])
    role_by_id = {r.id: r for r in roles}

    def duty(ref: str) -> Duty:
        role_id, duty_id = ref.split("/", 1)
        return role_by_id[role_id].duty(duty_id)

    # A gap names topics by id, and letters and steps name gaps: the gaps hold the topics' ids until both exist.
    gap_data = sources["gaps"].data["gaps"]
    gap_by_id = {g["id"]: Gap(id=g["id"], question=g["question"], question_en=g["question_en"], said=g["said"],
                              matters=g["matters"], duties=tuple(duty(ref) for ref in g.get("duties") or []),
                              term=g.get("term") or "") for g in gap_data}

    t = sources["topics"].data
    topic_lines = spans(sources["topics"], "topics")
    topics = tuple(
        Topic(id=x["id"], name=x["name"], name_en=x["name_en"], group=x["group"], description=x["description"],
              aliases=tuple(x["aliases"]),
              duties=tuple(sorted((Assignment(duty=duty(a["duty"]), letter=a["raci"], basis=a["basis"],
                                              reason=a.get("reason") or "", gap=gap_by_id.get(a.get("gap")))
                                    for a in x["duties"]),
                                  key=lambda a: a.rank)),
              lines=topic_lines[i], description_basis=x["description_basis"])
        for i, x in enumerate(t["topics"]))
    topic_by_id = {topic.id: topic for topic in topics}
    groups = tuple(Section(id=g["id"], name=g["name"], name_en=g["name_en"]) for g in t["groups"])


    measure_by_id = {}
    for m in sources["measures"].data["measures"]:
        formula = m["formula"]
        measure_by_id[m["id"]] = Measure(
            id=m["id"], name=m["name"], name_en=m["name_en"], aliases=tuple(m.get("aliases") or ()),
            numerator=formula.get("numerator"), denominator=formula.get("denominator"),
            expression=formula.get("expression"), unit=m["unit"], direction=m["direction"], source=m["source"],
            cadence=m["cadence"], owner=duty(m["owner"]), moved_by=tuple(duty(ref) for ref in m["moved_by"]),
            accountable=duty(m["accountable"]), note=m.get("note") or "")

    process_lines = spans(sources["processes"], "processes")
    processes = tuple(
        Process(id=x["id"], name=x["name"], name_en=x["name_en"], aliases=tuple(x.get("aliases") or ()),
                trigger=x["trigger"], topics=tuple(topic_by_id[t] for t in x["topics"]),
                steps=tuple(ProcessStep(id=s["id"], number=n, duty=duty(s["duty"]), do=s["do"], hands_on=s["hands_on"],
                                        basis=s["basis"], because=s["because"],
                                        measures=tuple(measure_by_id[m] for m in s.get("measures") or ()),
                                        gap=gap_by_id.get(s.get("gap")))
                            for n, s in enumerate(x["steps"], 1)), lines=process_lines[i])
        for i, x in enumerate(sources["processes"].data["processes"]))
    process_by_id = {x.id: x for x in processes}

    o = sources["onboarding"].data
    stages = tuple(Section(id=s["id"], name=s["name"], name_en=s["name_en"]) for s in o["stages"])

    def steps_by_stage(by_stage: dict, role: Role | None):
        return tuple(
            (stage, tuple(
                Step(id=s["id"], do=s["do"], why=s["why"], checkpoint=s["checkpoint"],
                     duties=tuple(role.duty(d) for d in s.get("duties") or []) if role else (),
                     meet=tuple(Meeting(role=role_by_id[m["role"]], learn=m["learn"]) for m in s.get("meet") or []),
                     measures=tuple(measure_by_id[m] for m in s.get("measures") or []),
                     processes=tuple(process_by_id[x] for x in s.get("processes") or []),
                     by=tuple(dict.fromkeys(s.get("by") or [HIRE])), kind=s.get("kind") or TASK)
                for s in by_stage[stage.id]))
            for stage in stages if by_stage.get(stage.id))

    plan = o.get("schedule")
    schedule = Schedule(days_off=tuple(dict.fromkeys(plan["days_off"])), count=plan["count"],
                        meetings_at=plan.get("meetings_at") or Schedule.meetings_at,
                        meeting_minutes=plan.get("meeting_minutes") or Schedule.meeting_minutes) if plan else Schedule()
    due, day = {}, 1
    for s in o["stages"]:  # a stage without its own day falls due with the one before it
        day = s.get("due") or day
        due[s["id"]] = Due(day=day, count=s.get("count") or schedule.count)

    paths = []
    path_lines = spans(sources["onboarding"], "paths")
    for i, p in enumerate(o["paths"]):
        role = role_by_id[p["role"]]
        measures = []
        for m in p["measures"]:
            measure = measure_by_id[m["measure"]]
            moving = tuple(d for d in (*measure.moved_by, measure.accountable, measure.owner) if d.role_id == role.id)
            measures.append(PathMeasure(measure=measure, review=m["review"], duties=tuple(dict.fromkeys(moving))))
        paths.append(OnboardingPath(role=role, measures=tuple(measures), stages=steps_by_stage(p["stages"], role),
                                    lines=path_lines[i]))
    order = {r.id: i for i, r in enumerate(roles)}
    h = data["handbook"]
    gaps = tuple(dataclasses.replace(gap_by_id[g["id"]], topics=tuple(topic_by_id[tid] for tid in g.get("topics") or []))
                 for g in gap_data)
    synonyms = sources["synonyms"].data["synonyms"] if "synonyms" in sources else {}
    wording = sources["simplified"].data["words"] if "simplified" in sources else []
    return Handbook(identity=identity.from_data(h), introduction=h["introduction"], closing=h["closing"],
                    roles=tuple(roles), groups=groups, topics=topics, stages=stages,
                    company_steps=steps_by_stage(o["company"], None),
                    paths=tuple(sorted(paths, key=lambda p: order[p.role.id])),
                    measures=tuple(measure_by_id.values()), processes=processes, gaps=gaps,
                    synonyms={topic_id: tuple(words) for topic_id, words in synonyms.items()},
                    schedule=schedule, due=due, quiz_stage=(o.get("quiz") or {}).get("stage"),
                    moved=tuple(Moved(m["kind"], m["from"], m.get("to")) for m in sources["moved"].data["moved"]),
                    mainland={w["traditional"]: w["simplified"] for w in wording})


def spans(source: yamlsource.Source, key: str) -> list[tuple[int, int]]:
    """First and last data line of each item of a top-level list, for edit links to the exact lines."""
    if not source.data[key]:  # nothing listed (perhaps a file left out, which has no lines at all)
        return []
    data_lines = sorted({mark[0] for mark in source.marks.values()})
    starts = [source.where((key, i))[0] for i in range(len(source.data[key]))]
    ends = starts[1:] + [data_lines[-1] + 1]
    return [(start, data_lines[bisect.bisect_left(data_lines, end) - 1]) for start, end in zip(starts, ends)]
