"""Knowledge checks drawn from the model: questions that update themselves with every merged pull request.

Three kinds, each with one answer the data gives and wrong choices the data rules out:
who answers (A) for a topic the role works on; which step follows a process step the role does; which
measure a duty of the role moves.  The path pages show them (site) and /api/quiz.json exports them (outputs).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from handbook.model.records import Handbook, Measure, Process, Role, Topic

PER_ROLE = 6  # questions a role gets at most, taken in turn from each kind
CHOICES = 4  # the answer and at most three wrong ones
ACCOUNTABLE, NEXT_STEP, MEASURE = "accountable", "next-step", "measure"


@dataclass(frozen=True)
class Question:
    role: Role
    kind: str  # ACCOUNTABLE, NEXT_STEP or MEASURE
    number: int  # 1-based, within the role
    question: str
    question_en: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    explains: object  # what explains the answer: a topic, a process step (with `process`), a duty
    process: Process | None = None  # a process step's process (urls.source's `kind`)
    topic: Topic | None = None

    @property
    def id(self) -> str:
        return f"{self.role.id}-{self.number}"


def _ordered(seed: str, answer: str, wrong: list[str]) -> tuple[tuple[str, ...], int]:
    """The answer among at most CHOICES - 1 wrong choices, in an order that depends on the question only."""
    rng = random.Random(seed)
    picked = rng.sample(wrong, min(len(wrong), CHOICES - 1))
    choices = [answer, *picked]
    rng.shuffle(choices)
    return tuple(choices), choices.index(answer)


def _accountable(h: Handbook, role: Role) -> list[dict]:
    out = []
    for topic in h.topics_of_role(role):
        answer = h.role(topic.accountable.duty.role_id)
        # Wrong: the other roles involved in the topic first, then any other role, each named once.
        involved = [r.name for r, _ in h.roles_in(topic) if r.id != answer.id]
        others = [r.name for r in h.roles if r.id != answer.id and r.name not in involved]
        wrong = list(dict.fromkeys(involved + others))[:CHOICES - 1]
        if not wrong:
            continue
        out.append(dict(kind=ACCOUNTABLE, question=f"誰對「{topic.name}」當責(A),有問題找它?",
                        question_en=f"Who is accountable (A) for {topic.name_en}?", answer=answer.name,
                        wrong=[w for w in wrong if w != answer.name], explains=topic, topic=topic))
    return out


def _next_steps(h: Handbook, role: Role) -> list[dict]:
    out = []
    for process, steps in h.processes_of_role(role):
        for step in steps:
            _, after = process.neighbours(step)
            if after is None:
                continue
            wrong = [s.do for s in process.steps if s.do not in (after.do, step.do)]
            if not wrong:
                continue
            out.append(dict(kind=NEXT_STEP, question=f"「{process.name}」流程裡,「{step.do}」之後是哪一步?",
                            question_en=f"In {process.name_en}, which step comes after step {step.number}?",
                            answer=after.do, wrong=list(dict.fromkeys(wrong)), explains=after, process=process))
    return out


def _measures(h: Handbook, role: Role) -> list[dict]:
    out = []
    for duty in role.duties:
        moved = h.measures_moved_by(duty)
        if not moved:
            continue
        wrong = [m.name for m in h.measures if m not in moved]
        if not wrong:
            continue
        answer: Measure = moved[0]
        out.append(dict(kind=MEASURE, question=f"「{duty.title}」這項職責的工作會影響哪個成效指標?",
                        question_en=f"Which measure does the duty '{duty.title_en}' move?", answer=answer.name,
                        wrong=wrong, explains=duty))
    return out


def questions(h: Handbook, role: Role) -> list[Question]:
    """At most PER_ROLE questions for `role`, the kinds taken in turn so each kind is asked."""
    pools = [_accountable(h, role), _next_steps(h, role), _measures(h, role)]
    picked: list[dict] = []
    while len(picked) < PER_ROLE and any(pools):
        for pool in pools:
            if pool and len(picked) < PER_ROLE:
                picked.append(pool.pop(0))
    out = []
    for number, q in enumerate(picked, 1):
        choices, answer = _ordered(f"{role.id}/{q['question']}", q["answer"], q["wrong"])
        out.append(Question(role=role, kind=q["kind"], number=number, question=q["question"],
                            question_en=q["question_en"], choices=choices, answer=answer, explains=q["explains"],
                            process=q.get("process"), topic=q.get("topic")))
    return out


def stage(h: Handbook):
    """The stage whose end holds the questions: the one the data names, else the last."""
    return next((s for s in h.stages if s.id == h.quiz_stage), h.stages[-1])
