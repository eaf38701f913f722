"""Links that never break: data/moved.yaml is checked, and a renamed id's old address still leads to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from handbook.data.load import read_sources
from handbook.data.problems import DataError

from .conftest import build_site


def rename(data: Path, old: str, new: str) -> None:
    """Rename an id everywhere the data names it (as a contributor's search-and-replace would)."""
    pattern = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    for path in data.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(new, text), encoding="utf-8")


def first_ids(data: Path) -> dict[str, str]:
    roles = yaml.safe_load((data / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    topics = yaml.safe_load((data / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    processes = yaml.safe_load((data / "processes.yaml").read_text(encoding="utf-8"))["processes"]
    measures = yaml.safe_load((data / "measures.yaml").read_text(encoding="utf-8"))["measures"]
    return {"role": roles[0]["id"], "duty": roles[0]["duties"][0]["id"], "other_role": roles[1]["id"],
            "other_duty": roles[1]["duties"][0]["id"], "topic": topics[0]["id"], "process": processes[0]["id"],
            "measure": measures[0]["id"]}


def write_moved(data: Path, entries: list[dict]) -> None:
    (data / "moved.yaml").write_text(yaml.safe_dump({"moved": entries}, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")


@pytest.fixture
def data(data_copy) -> Path:
    return data_copy


# (what the entry says, the field the problem is reported at, words the message must hold)
BAD = [
    (lambda i: {"kind": "role", "from": i["role"], "to": i["other_role"]}, "from", "still exists"),
    (lambda i: {"kind": "topic", "from": "old-topic", "to": "no-such-topic"}, "to", "no 'no-such-topic'"),
    (lambda i: {"kind": "duty", "from": "lonely-id", "to": f"{i['role']}/{i['duty']}"}, "from", "role-id/duty-id"),
    (lambda i: {"kind": "measure", "from": "old-measure", "to": f"{i['role']}/{i['duty']}"}, "to", "not written"),
    (lambda i: {"kind": "duty", "from": f"{i['role']}/gone", "to": f"{i['other_role']}/nope"}, "to", "no '"),
    (lambda i: {"kind": "page", "from": "a", "to": "b"}, "kind", "one of role, duty"),
]


@pytest.mark.parametrize("entry, field, words", BAD)
def test_a_moved_entry_that_would_mislead_is_a_check_problem(data, entry, field, words):
    ids = first_ids(data)
    write_moved(data, [entry(ids)])
    with pytest.raises(DataError) as caught:
        read_sources(data)
    problems = [p for p in caught.value.problems if p.file.endswith("moved.yaml")]
    assert problems, caught.value.report()
    assert any(p.field.endswith(field) and p.line >= 1 and words in (p.en + p.expected) for p in problems), \
        caught.value.report()


def test_a_repeated_old_id_is_a_check_problem(data):
    entry = {"kind": "process", "from": "retired-process"}
    write_moved(data, [entry, dict(entry)])
    with pytest.raises(DataError) as caught:
        read_sources(data)
    assert any("already listed on line" in p.en for p in caught.value.problems)


def test_good_entries_pass(data):
    ids = first_ids(data)
    rename(data, ids["topic"], "renamed-topic")
    write_moved(data, [{"kind": "topic", "from": ids["topic"], "to": "renamed-topic"},
                       {"kind": "process", "from": "retired-process"}])
    read_sources(data)


def redirect_target(page: Path) -> str:
    """Where a redirect page sends the reader: its refresh URL, which its link and script name too."""
    text = page.read_text(encoding="utf-8")
    found = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
    assert found, f"{page} is no redirect page"
    assert f'href="{found[1]}"' in text
    return found[1]


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "no-directory-urls"])
def test_renamed_ids_keep_their_old_addresses_in_both_editions(data, tmp_path, directory_urls):
    ids = first_ids(data)
    for kind in ("role", "topic", "process", "measure"):
        rename(data, ids[kind], f"new-{ids[kind]}")
    duty_new = f"new-{ids['duty']}"
    rename(data, ids["duty"], duty_new)
    gone = f"{ids['other_role']}/{ids['other_duty']}"  # an anchor that moved to another role's page
    write_moved(data, [
        *({"kind": kind, "from": ids[kind], "to": f"new-{ids[kind]}"} for kind in ("role", "topic", "process", "measure")),
        {"kind": "duty", "from": f"{ids['role']}/{ids['duty']}", "to": f"new-{ids['role']}/{duty_new}"},
        {"kind": "duty", "from": f"{ids['other_role']}/retired-duty"},
        {"kind": "duty", "from": f"{ids['other_role']}/handed-over", "to": f"new-{ids['role']}/{duty_new}"},
        {"kind": "process", "from": "retired-process"},
    ])
    out = tmp_path / "site"
    result = build_site(out, data=data, args=() if directory_urls else ("--no-directory-urls",))
    assert result.returncode == 0, result.stderr[-3000:]

    def page(path: str) -> str:  # a page's file, in the build mode: roles/x/ → roles/x/index.html or roles/x.html
        if path.endswith(".html"):
            return path
        return path + "index.html" if directory_urls else path.rstrip("/") + ".html"

    for edition in ("", "zh-Hans/"):
        site = out / edition
        old_new = {f"roles/{ids['role']}/": f"roles/new-{ids['role']}/",
                   f"onboarding/{ids['role']}/": f"onboarding/new-{ids['role']}/",
                   f"topics/{ids['topic']}/": f"topics/new-{ids['topic']}/",
                   f"processes/{ids['process']}/": f"processes/new-{ids['process']}/",
                   "processes/retired-process/": "processes/index.html"}
        for old, new in old_new.items():
            target = redirect_target(site / page(old))
            resolved = (site / page(old)).parent.joinpath(target.split("#")[0])
            resolved = resolved / "index.html" if target.endswith("/") else resolved
            assert resolved.resolve() == (site / page(new)).resolve(), (edition, old, target)
            assert "<title>" in resolved.read_text(encoding="utf-8")
        role_page = (site / page(f"roles/new-{ids['role']}/")).read_text(encoding="utf-8")
        # The duty's old anchor sits in its heading, beside the new one: /roles/<old>/#<old duty> still lands on it.
        heading = re.search(rf'<h3 id="{duty_new}">.*?</h3>', role_page, re.S)
        assert heading and f'id="{ids["duty"]}"' in heading[0]
        other = (site / page(f"roles/{ids['other_role']}/")).read_text(encoding="utf-8")
        assert re.search(r'<p id="retired-duty">[^<]*<code>', other)  # a removed duty's anchor says so
        handed = re.search(r'<p id="handed-over">.*?</p>', other, re.S)[0]  # a moved one links to where it went
        there = f"../new-{ids['role']}/" if directory_urls else f"new-{ids['role']}.html"
        assert f'href="{there}#{duty_new}"' in handed
        measures = (site / page("measures/")).read_text(encoding="utf-8")
        assert re.search(rf'<h2 id="new-{ids["measure"]}">.*?id="{ids["measure"]}"', measures)
