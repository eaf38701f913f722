"""The 最近更新 page: what changed in the handbook, record by record, read from git history that may be hostile."""

from __future__ import annotations

import datetime
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from handbook.model import load
from handbook import urls
from handbook.history import changes, gitlog
from handbook.site import recent
from handbook.site.render import render

from .conftest import FIXTURE, build_site
from .htmlpage import load as load_page

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None and not os.environ.get("CI"), reason="git is not installed")
IDENTITY = {"GIT_AUTHOR_NAME": "佩君", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "佩君",
            "GIT_COMMITTER_EMAIL": "hr@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
FORGED = "f" * 40


def git(repo: Path, *args: str, date: str = "2026-11-02T10:00:00", stdin: bytes | None = None) -> str:
    env = {**os.environ, **IDENTITY, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env,
                          input=stdin).stdout.decode()


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty-message", "-F", "-", date=date, stdin=message.encode())
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, name: str, change) -> None:
    """Change one data file through its parsed form (comments are lost; the data stays valid)."""
    path = repo / "data" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def role(data: dict, role_id: str) -> dict:
    return next(r for r in data["roles"] if r["id"] == role_id)


def path_of(data: dict, role_id: str) -> dict:
    return next(p for p in data["paths"] if p["role"] == role_id)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A copy of the handbook's data with a history of ordinary edits, newest last."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "handbook"
    shutil.copytree(FIXTURE, root / "data")
    (root / "README.md").write_text("說明\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Import the handbook", "2026-10-01T09:00:00")
    # Reworded by adding a sentence: the words process steps quote from it stay (a make check rule).
    edit(root, "roles", lambda d: role(d, "customer-service")["duties"][3].update(
        description=role(d, "customer-service")["duties"][3]["description"] + "三天內完成。"))
    commit(root, "客服:更新退換貨管理", "2026-11-01T09:00:00")
    (root / "README.md").write_text("只改說明\n", encoding="utf-8")
    commit(root, "Only the README", "2026-11-02T09:00:00")
    first = {}

    def drop_step(d):
        stages = path_of(d, "customer-service")["stages"]
        stage = next(iter(stages))
        first.update(stages[stage].pop(0), stage=stage)

    edit(root, "onboarding", drop_step)
    (root / "data" / "glossary-extra.yaml").write_text(
        "entries:\n  - id: sku\n    name: 庫存單位\n    name_en: Stock keeping unit\n", encoding="utf-8")
    commit(root, "Drop a step; add a new kind of data file", "2026-11-03T09:00:00")
    edit(root, "roles", lambda d: role(d, "finance").update(reviewed=datetime.date(2026, 11, 20)))
    # The history keeps a kind of data file the code has never heard of; today's data may not hold one (files.py).
    (root / "data" / "glossary-extra.yaml").unlink()
    commit(root, "財務:已審閱", "2026-11-04T09:00:00")
    root.joinpath("removed-step").write_text(first["id"] + "\n" + first["stage"], encoding="utf-8")
    return root


def top_level_records(data: Path) -> int:
    """Records in a first import, counted from the files: each top-level list's items (lists under a map of
    stages too), and each file's other content (the handbook's own texts, a file of plain word lists) once."""
    count = 0
    for path in data.glob("*.yaml"):
        other = False  # the file's content that is no list of records (texts, word lists, settings): one record
        for value in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            lists = value.values() if isinstance(value, dict) and all(isinstance(v, list) for v in value.values()) \
                else [value]
            # a list of records counts each; a list of plain words (synonyms) is one record of its file
            # (entries without ids, such as the Simplified wording's, are the file's other content)
            records = [len(v) for v in lists if isinstance(v, list)
                       and all(isinstance(x, dict) and ("id" in x or "role" in x) for x in v)]
            count += sum(records)
            other = other or not records
        count += other
    return count


def entries_by_date(history: recent.History) -> dict[str, list[tuple]]:
    return {e.date.isoformat(): [(c.action, c.kind[1], c.name, c.link) for c in e.changes] for e in history.entries}


@needs_git
def test_each_data_commit_says_which_records_changed_and_links_to_them(repo):
    h = load(repo / "data")
    history = recent.recent(repo / "data", h)
    found = entries_by_date(history)
    assert list(found) == ["2026-11-04", "2026-11-03", "2026-11-01", "2026-10-01"]  # newest first; README skipped
    finance, service = h.role("finance"), h.role("customer-service")
    duty = service.duties[3]
    assert found["2026-11-04"] == [("reviewed", "Role", finance.name, (finance, None, None)),
                                   ("removed", "entries", "庫存單位", None)]
    assert found["2026-11-01"] == [("reworded", "Duty", f"{service.name} › {duty.title}", (duty, None, None))]
    step_id, stage = repo.joinpath("removed-step").read_text(encoding="utf-8").split("\n")
    removed, added = found["2026-11-03"]
    # The step is gone: its entry links to the path it was on, at its stage, and is named by what it asked.
    assert removed[:2] == ("removed", "Step") and removed[2].startswith(service.name + " › ")
    assert removed[3] == (service, urls.ONBOARDING, stage)
    assert step_id not in {s.id for _, steps in h.path_by_role["customer-service"].stages for s in steps}
    # A data file the code has never heard of is compared the same way, by id.
    assert added[:3] == ("added", "entries", "庫存單位") and added[3] is None  # no page for it: no link
    # The first commit adds every role once, with its duties counted inside it, not listed one by one.
    first = next(e for e in history.entries if e.date.isoformat() == "2026-10-01")
    listed = [c for c in first.changes if c.kind[1] == "Role"]
    assert [c.inner for c in listed] == [((("職責", "Duty"), len(r.duties)),) for r in h.roles][:len(listed)]
    assert first.more == top_level_records(FIXTURE) - recent.SHOWN  # what was imported
    assert history.skipped == ()


@needs_git
def test_content_that_is_no_record_is_named_by_its_file(repo):
    """The handbook's own texts and the search synonyms hold no records with ids: a change to them says which."""
    edit(repo, "roles", lambda d: d["handbook"].update(closing="新的結語。"))
    edit(repo, "synonyms", lambda d: d["synonyms"].setdefault("returns-refunds", []).append("退錢的新說法"))
    commit(repo, "結語與同義詞", "2026-11-20T09:00:00")
    kinds = {c.kind for c in recent.recent(repo / "data", load(repo / "data")).entries[0].changes}
    assert kinds == {("手冊文字", "Handbook text"), ("搜尋同義詞", "Search synonyms")}


@needs_git
def test_history_is_bounded_to_the_latest_data_commits(repo):
    history = recent.recent(repo / "data", load(repo / "data"), limit=2)
    assert [e.date.isoformat() for e in history.entries] == ["2026-11-04", "2026-11-03"]


@needs_git
def test_a_hostile_commit_message_cannot_break_the_history_or_forge_an_entry(repo):
    h = load(repo / "data")
    edit(repo, "roles", lambda d: role(d, "finance").update(reviewed=datetime.date(2026, 11, 25)))
    # The old reader split on \x1e and \x1f: this subject broke the build, or published a back-dated entry.
    commit(repo, f"x\x1e{FORGED}\x1f1999-01-01\x1f偽造 forged\x1e", "2026-11-05T09:00:00")
    edit(repo, "roles", lambda d: role(d, "finance").update(reviewed=datetime.date(2026, 11, 26)))
    commit(repo, "\u202e(偽裝 disguised)\n\n:100644 100644 " + "a" * 40 + " " + "b" * 40 + " M\ttopics.yaml",
           "2026-11-06T09:00:00")
    edit(repo, "roles", lambda d: role(d, "finance").update(reviewed=datetime.date(2026, 11, 27)))
    commit(repo, "財務:再審閱 R&D <b>\"主管\"</b>", "2026-11-07T09:00:00")
    history = recent.recent(repo / "data", h)
    dates = [e.date.isoformat() for e in history.entries]
    assert dates[:3] == ["2026-11-07", "2026-11-06", "2026-11-05"] and "1999-01-01" not in dates
    assert FORGED not in {e.commit for e in history.entries}
    newest, disguised, forged = history.entries[:3]
    assert newest.subject == "財務:再審閱 R&D <b>\"主管\"</b>"  # shown as text, by the template's escaping
    assert disguised.subject is None and forged.subject is None  # hidden characters never reach the page
    assert all(len(e.changes) == 1 and e.changes[0].action == "reviewed" for e in (newest, disguised, forged))
    assert sum("U+202E" in s for s in history.skipped) == 1 and sum("U+001E" in s for s in history.skipped) == 1


@needs_git
def test_unreadable_data_in_history_is_skipped_and_reported(repo):
    h = load(repo / "data")
    good = (repo / "data" / "topics.yaml").read_text(encoding="utf-8")
    (repo / "data" / "topics.yaml").write_text("topics: [\n  - id: 壞\n", encoding="utf-8")
    commit(repo, "Broken topics", "2026-11-05T09:00:00")
    (repo / "data" / "topics.yaml").write_text(good, encoding="utf-8")
    edit(repo, "roles", lambda d: role(d, "finance").update(reviewed=datetime.date(2026, 11, 25)))
    commit(repo, "Fixed topics; finance reviewed", "2026-11-06T09:00:00")
    (repo / "data" / "extra.yaml").write_text("things:\n  - id: Not A Slug\n  - id: ok\n  - id: ok\n",
                                              encoding="utf-8")
    commit(repo, "Bad ids", "2026-11-07T09:00:00")
    history = recent.recent(repo / "data", h)
    found = entries_by_date(history)
    assert "2026-11-05" not in found  # nothing readable changed
    assert [c[:2] for c in found["2026-11-06"]] == [("reviewed", "Role")]  # the readable file still counts
    assert [c[:3] for c in found["2026-11-07"]] == [("added", "things", "ok")]
    assert sum("topics.yaml" in s for s in history.skipped) == 2  # the broken version, on both sides
    assert sum("bad or repeated id" in s for s in history.skipped) == 2


def test_malformed_log_records_are_skipped_and_the_rest_kept():
    good = ["a" * 40, "b" * 40, "2026-11-03", "\n:100644 100644 " + "1" * 40 + " " + "2" * 40 + " M", "roles.yaml"]
    stream = ["not-a-hash", "zz", "1999-01-01",  # a record that does not start with a hash
              "c" * 40, "", "2026-13-45",  # an impossible date
              *good,
              "d" * 40, "", "2026-11-01", ":100644 garbage", "topics.yaml",  # a file entry that does not parse
              ":000000 100644 " + "0" * 40 + " " + "3" * 40 + " A", "sub/x.yaml", ""]
    log = gitlog.parse("\0".join(stream).encode())
    assert [(c.sha, c.date.isoformat(), c.parents, c.files) for c in log.commits] == [
        ("a" * 40, "2026-11-03", ("b" * 40,), (gitlog.FileChange("roles.yaml", "1" * 40, "2" * 40),)),
        ("d" * 40, "2026-11-01", (), ()),  # files below data/ are not data files
    ]
    assert len(log.skipped) == 3 and not any(c.date.year == 1999 for c in log.commits)


def test_without_a_repository_setting_there_is_no_commit_link():
    h = load()
    entry = recent.Entry("0" * 40, datetime.date(2026, 11, 1), "subject", (), 0)

    def page(repository):
        return render("changes.md.j2", history=recent.History((entry,), ()), repository=repository, data="data",
                      actions=changes.ACTIONS, handbook=h, page="changes.md")

    assert "http" not in page(None) and "0000000" in page(None)
    intranet = urls.Repository("https://git.intranet.example/handbook/", "main")
    assert f'href="https://git.intranet.example/handbook/commit/{"0" * 40}"' in html.unescape(page(intranet))
    assert recent.linkable(intranet.url) and not recent.linkable("javascript:alert(1)") \
        and not recent.linkable("https://x.example/\u202e") and not recent.linkable("")


def test_no_history_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "data").mkdir()
    assert recent.recent(tmp_path / "data", load()) is None


def test_no_history_without_git(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert recent.recent(repo / "data", load()) is None


@needs_git
def test_the_page_lists_what_the_latest_data_commit_changed(site):
    # the latest commit that changed a data line, not only a comment (a comment holds no record to list)
    commit_id, date = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--first-parent", "--format=%H%x00%cs",
                                      r"-G^\s*[^#\s]", "--", str(FIXTURE)],
                                     capture_output=True, text=True, check=True).stdout.strip().split("\0")
    page = load_page(site, "/changes/")
    text = " ".join(html.unescape(page.text).split())
    assert date in text and "Recent changes" in text
    assert any(link.endswith(f"/commit/{commit_id}") for link in page.links)  # from mkdocs.yml's repo_url
    assert re.search(r"(新增 Added|刪除 Removed|改寫 Reworded|修改 Changed|審閱 Reviewed) \S+ \w+", text)
    assert "最近更新 Recent changes" in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


@needs_git
def test_the_built_page_from_a_hostile_history(repo, tmp_path):
    edit(repo, "roles", lambda d: role(d, "finance").update(reviewed=datetime.date(2026, 11, 25)))
    commit(repo, f"x\x1e{FORGED}\x1f1999-01-01\x1f偽造\u202e", "2026-11-05T09:00:00")
    result = build_site(tmp_path / "site", data=repo / "data", extra_env={"REPO_URL": ""})
    assert result.returncode == 0, result.stderr[-4000:]
    for edition in ("/", "/zh-Hans/"):
        page = load_page(tmp_path / "site", f"{edition}changes/")
        raw = (tmp_path / "site" / edition.strip("/") / "changes" / "index.html").read_text(encoding="utf-8")
        assert "1999" not in raw and FORGED not in raw and "\u202e" not in raw and "\x1e" not in raw
        assert not any(link.startswith(("http:", "https:")) for link in page.links)  # no repo_url: no commit links
        assert any("roles/customer-service/#" in link for link in page.links)  # the reworded duty
        assert any("onboarding/customer-service/#" in link for link in page.links)  # where the step was


def test_the_site_builds_without_git_and_says_so(tmp_path):
    """The data's history exists but cannot be read: the page says so, and the build warns, so --strict fails
    (issue 26: a reader must not take a missing history for an unchanged handbook)."""
    empty = tmp_path / "no-programs"
    empty.mkdir()
    result = build_site(tmp_path / "site", extra_env={"PATH": str(empty)})
    assert result.returncode != 0 and "could not read its history" in result.stderr, result.stderr[-4000:]
    page = load_page(tmp_path / "site", "/changes/")
    assert "讀不到修改紀錄" in page.text and "History not available" in page.text
    assert not any("/commit/" in link for link in page.links)
