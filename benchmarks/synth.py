"""Synthetic handbooks of any size, grown from the real data, for the benchmark.

Role i is a copy of real role i mod 8 in team i // 8 (ids get a `-t<team>`
suffix from the second team on), with its eight duties and its onboarding
path; meetings stay inside the team.  Topics are the real ones and are
shared: every copy of a duty joins the topics of the original, so a topic
page, a duty's partners and a role's collaborators all grow with the data.
This is the hard case for page size; real companies rarely share more.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _read(data: Path, key: str) -> dict:
    return yaml.safe_load((data / f"{key}.yaml").read_text(encoding="utf-8"))


def _write(out: Path, key: str, content: dict) -> None:
    text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)
    (out / f"{key}.yaml").write_text(text, encoding="utf-8")


def generate(size: int, out: Path, source: Path = ROOT / "data") -> Path:
    """Write roles.yaml, topics.yaml, onboarding.yaml, measures.yaml and processes.yaml with `size` roles (and
    the real synonyms.yaml) into `out`; returns `out`."""
    roles_data, topics_data, onboarding = _read(source, "roles"), _read(source, "topics"), _read(source, "onboarding")
    originals = roles_data["roles"]
    if size < len(originals):
        raise ValueError(f"size must be at least {len(originals)}, the real number of roles")

    def role_id(original: str, team: int) -> str:
        return original if team == 0 else f"{original}-t{team + 1}"

    copies = [(i // len(originals), originals[i % len(originals)]) for i in range(size)]
    roles = []
    for team, role in copies:
        clone = copy.deepcopy(role)
        clone["id"] = role_id(role["id"], team)
        if team:
            clone["name"] = f"{role['name']} {team + 1}"
            clone["name_en"] = f"{role['name_en']} {team + 1}"
        roles.append(clone)
    roles_data["roles"] = roles

    teams = {team for team, _ in copies}
    present = {(team, role["id"]) for team, role in copies}
    for topic in topics_data["topics"]:  # each team's copy does the work; the first team's A stays the one A
        topic["duties"] = [_copy(a, f"{role_id(r, team)}/{d}", team)
                           for team in sorted(teams) for a in topic["duties"]
                           for r, d in [a["duty"].split("/", 1)] if (team, r) in present]

    paths = {p["role"]: p for p in onboarding["paths"]}
    new_paths = []
    for team, role in copies:
        if role["id"] not in paths:
            continue
        path = copy.deepcopy(paths[role["id"]])
        path["role"] = role_id(role["id"], team)
        for steps in path["stages"].values():
            for step in steps:
                for meeting in step.get("meet") or []:
                    meeting["role"] = role_id(meeting["role"], team if (team, meeting["role"]) in present else 0)
        new_paths.append(path)
    onboarding["paths"] = new_paths

    # Measures are moved by every team's copy of a duty (and the other teams' copies of the owning duty, whose
    # paths review it too: the first team's copy keeps the definition); processes keep the original teams' duties.
    measures = _read(source, "measures")
    for measure in measures["measures"]:
        owner_role, owner_duty = measure["owner"].split("/", 1)
        moved = [f"{role_id(r, team)}/{d}" for team in sorted(teams)
                 for r, d in (ref.split("/", 1) for ref in measure["moved_by"]) if (team, r) in present]
        copies_of_owner = [f"{role_id(owner_role, team)}/{owner_duty}" for team in sorted(teams)
                           if team and (team, owner_role) in present]
        measure["moved_by"] = list(dict.fromkeys(moved + copies_of_owner))

    out.mkdir(parents=True, exist_ok=True)
    if (source / "synonyms.yaml").exists():  # the same topics: the real synonyms apply as they are
        _write(out, "synonyms", _read(source, "synonyms"))
    _write(out, "roles", roles_data)
    _write(out, "topics", topics_data)
    _write(out, "onboarding", onboarding)
    _write(out, "measures", measures)
    _write(out, "processes", _read(source, "processes"))
    if (source / "gaps.yaml").exists():  # the gaps name the first team's duties, which keep their letters' gaps
        _write(out, "gaps", _read(source, "gaps"))
    return out


def _copy(assignment: dict, ref: str, team: int) -> dict:
    """A team's copy of a letter: the first team's is the original; another team's does the work (R for an A) as
    the handbook's judgement, without the original's open question (which names the original duty only)."""
    if not team:
        return {**assignment, "duty": ref}
    copied = {k: v for k, v in assignment.items() if k != "gap"}
    copied.update(duty=ref, raci="R" if assignment["raci"] == "A" else assignment["raci"])
    if copied.get("basis") == "gap":
        copied["basis"] = "handbook"
    return copied
