"""Any data `make check` accepts is a valid handbook (issue 23).

- The repository's own data/, whichever organisation it belongs to, passes the check and the strict build.
- An adopter replaces data/ with another organisation's files (tests/fixtures/library: other counts, stage names
  and ids, one process, no gaps or synonyms file, a role without a path) in a copy of the repository: check,
  build, the repository's own-files tests pass, and no page but /changes/ (the old history) names the old company.
- Small generated handbooks (tests/anydata.py: other counts and stage names, one process or none, optional files
  and identity fields left out) check and build, and every page says what their data says.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.model import load as load_handbook

from . import anydata, linkcheck
from .conftest import ROOT, SHIPPED, build_site
from .htmlpage import load

LIBRARY = ROOT / "tests" / "fixtures" / "library"
# What only the e-commerce handbook says: the company's trade, the source document's "eight kinds of staff", the
# last stage of its onboarding. No page built from another organisation's data may say them.
OLD_COMPANY = re.compile(r"電商|电商|e-commerce|八大|第 ?90 ?天|第九十天", re.I)
NOT_COPIED = {".git", ".venv", ".venv-lock", "site", ".site-new", ".site-old", ".cache", "node_modules",
              ".pytest_cache"}
TEXT_FILES = (".html", ".json", ".csv", ".xml", ".txt", ".ics")


def test_the_shipped_data_passes_check_and_builds(tmp_path):
    """data/ as it is in this repository (this company's or an adopter's): the strict build succeeds."""
    result = build_site(tmp_path / "site", data=SHIPPED)
    assert result.returncode == 0, result.stderr[-4000:]
    for role in load_handbook(SHIPPED).roles:
        assert role.name in load(tmp_path / "site", f"/roles/{role.id}/").title


def without_handbook_data() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_DATA"}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=without_handbook_data(), capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def adopted(tmp_path_factory) -> Path:
    """A copy of this repository whose data/ another organisation replaced, as the README's adopter guide says
    (its files open with their schema comment, as data/'s do)."""
    root = tmp_path_factory.mktemp("adopted") / "handbook"
    shutil.copytree(ROOT, root, ignore=lambda folder, names: NOT_COPIED & set(names) if folder == str(ROOT) else ())
    git(root, "init", "-q", "-b", "main")  # a fork keeps the old company's history
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The e-commerce handbook")
    shutil.rmtree(root / "data")
    (root / "data").mkdir()
    for file in LIBRARY.glob("*.yaml"):
        text = file.read_text(encoding="utf-8").replace("$schema=../../../schemas/", "$schema=../schemas/", 1)
        (root / "data" / file.name).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Our library's handbook")
    (root / ".venv").symlink_to(ROOT / ".venv")  # this test's own, already installed
    return root


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "館長", "GIT_AUTHOR_EMAIL": "director@example.org", "GIT_COMMITTER_NAME":
           "館長", "GIT_COMMITTER_EMAIL": "director@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env, timeout=120)


def make(target: str, root: Path) -> subprocess.CompletedProcess:
    """`make <target>` as the adopter runs it (-o: the shared .venv is already installed)."""
    return run(["make", "--no-print-directory", "-o", ".venv/.installed", target], root)


@pytest.fixture(scope="session")
def adopted_site(adopted) -> Path:
    check = make("check", adopted)
    assert check.returncode == 0, check.stderr[-3000:]
    assert "5 roles, 17 duties" in check.stdout
    assert "已更新 updated: .github/CODEOWNERS" in check.stdout  # the files that follow data/ followed it
    build = make("build", adopted)
    assert build.returncode == 0, build.stderr[-4000:]
    return adopted / "site"


def built_files(site: Path):
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in TEXT_FILES and not rel.startswith("assets/"):
            yield rel, path.read_text(encoding="utf-8")


def test_no_page_but_the_history_names_the_old_company(adopted_site):
    history = (adopted_site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "客戶服務專員" in history  # the fork's history is there: the removed roles are named on /changes/ alone
    checked = 0
    for rel, text in built_files(adopted_site):
        if re.match(r"(zh-Hans/)?(changes/|feeds/)", rel):
            continue  # the repository's history (page and feeds): the old data was there (search leaves it out)
        found = OLD_COMPANY.search(text)
        assert not found, f"{rel}: …{text[max(0, found.start() - 60):found.end() + 60]}…"
        checked += 1
    assert checked > 50


def head_title(path: Path) -> str:
    """The page's own <title> (the first: an SVG's titles come later)."""
    return html.unescape(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)[1])


def test_every_title_and_the_home_heading_are_the_datas(adopted_site):
    h = load_handbook(LIBRARY)
    title = h.identity.title
    pages = [p for p in adopted_site.rglob("*.html") if not p.relative_to(adopted_site).as_posix().startswith("zh-Hans/")]
    assert len(pages) > 20
    for path in pages:
        head = head_title(path)
        assert head == title or head.endswith(f" - {title}"), f"{path}: <title>{head}"
    home = load(adopted_site, "/")
    h1 = next(i for i, (tag, _) in enumerate(home.tags) if tag == "h1")
    assert title in re.sub(r"\s+", "", home.text)
    assert title in (adopted_site / "index.html").read_text(encoding="utf-8").split("<h1", 1)[1].split("</h1>")[0]
    assert h1
    assert home.meta["description"].startswith(title)  # made from the data: it gives no description
    assert "md-copyright__highlight" not in (adopted_site / "index.html").read_text(encoding="utf-8")  # no credits line
    schema = json.loads((adopted_site / "api" / "roles.schema.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith(title)
    exported = json.loads((adopted_site / "api" / "roles.json").read_text(encoding="utf-8"))
    assert exported["handbook"]["title"] == title


def test_the_home_page_speaks_of_the_datas_stages_examples_and_processes(adopted_site):
    h = load_handbook(LIBRARY)
    home = re.sub(r"\s+", " ", load(adopted_site, "/").text)
    assert f"從{h.stages[0].name}到{h.stages[-1].name}" in home
    assert "".join(f"「{t.name}」" for t in h.topics[:3]) in home  # no search_examples: the first topics
    assert f"({h.processes[0].name})" in home
    assert h.introduction in home and "以下引自原文" not in home  # no source document: nothing credited to one
    measures = re.sub(r"\s+", " ", load(adopted_site, "/onboarding/circulation/").text)
    assert f"{h.stages[-1].name}看什麼" in measures or f"{h.stages[-1].name}看什麼" in \
        re.sub(r"\s+", " ", load(adopted_site, "/roles/circulation/").text)


def test_the_command_line_names_the_datas_handbook(adopted):
    help_text = run([sys.executable, "-m", "handbook", "--help"], adopted).stdout
    assert "河畔市立圖書館館員手冊" in help_text and not OLD_COMPANY.search(help_text)


def test_the_repositorys_own_tests_pass_on_the_adopted_data(adopted, adopted_site):
    """After `make check` (which brought CODEOWNERS and the issue templates in step), the tests of the repository's
    own files pass on the new data/ and the e-commerce company's content tests skip, saying why."""
    own_files = [f"tests/test_contributors.py::{name}" for name in (
        "test_schema_files_are_generated_from_the_shapes", "test_each_data_file_names_its_schema_on_its_first_line",
        "test_schemas_are_valid_and_the_real_data_passes_them",
        "test_check_passes_the_real_data_quickly_without_loading_the_site_builder",
        "test_codeowners_is_in_step_with_the_roles_owners", "test_every_roles_owners_review_changes_to_the_data")]
    result = run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *own_files,
                  "tests/test_site.py::test_all_64_duties_are_the_documents_text"], adopted)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "SKIPPED" in result.stdout and "content test of the e-commerce handbook" in result.stdout


def canonical(site: Path) -> str:
    """The address the site was built for: the home page's canonical link."""
    return re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8"))[1]


@pytest.mark.parametrize("seed", range(3))
def test_a_small_generated_handbook_checks_and_builds(seed, tmp_path):
    data = anydata.write(tmp_path / "data", seed)
    h = load_handbook(data)
    result = build_site(tmp_path / "site", data=data)
    assert result.returncode == 0, result.stderr[-4000:]
    site = tmp_path / "site"
    assert head_title(site / "index.html").endswith(h.identity.title)
    for role in h.roles:
        page = load(site, f"/roles/{role.id}/")
        assert head_title(site / "roles" / role.id / "index.html") == f"{role.name} - {h.identity.title}"
        assert all(duty.id in page.ids for duty in role.duties)
        onboarding = re.sub(r"\s+", " ", load(site, f"/onboarding/{role.id}/").text)
        for stage, *_ in h.onboarding(role):  # the stages with steps for this role, by the data's names
            assert f"{stage.name} · {stage.name_en}" in onboarding, (role.id, stage.name)
    for topic in h.topics:
        assert topic.name in load(site, f"/topics/{topic.id}/").title
    for process in h.processes:
        assert process.name in load(site, f"/processes/{process.id}/").title
    assert (site / "processes" / "index.html").exists() == bool(h.processes) or h.processes == ()
    for rel, text in built_files(site):
        if not re.match(r"(zh-Hans/)?changes/", rel):
            assert not OLD_COMPANY.search(text), rel
    report = linkcheck.check(site, canonical(site))
    assert report, "\n".join(report.problems[:20])
    if seed == 1:  # the pull-request preview's mode too: every link and anchor resolves from disk
        flat = tmp_path / "flat"
        result = build_site(flat, data=data, args=("--no-directory-urls",))
        assert result.returncode == 0, result.stderr[-4000:]
        report = linkcheck.check(flat, canonical(flat), from_disk=True)
        assert report, "\n".join(report.problems[:20])


def test_the_identity_is_text_wherever_it_is_printed(data_copy, tmp_path):
    """The title, description, credits, source and search examples are data: shown as written, never markup, in the
    header, every <title>, the meta description, the footer and the home page."""
    roles = data_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    hostile = {"title": '"R&D <b>手冊</b> {{ 1 }}"', "description": '"<script>alert(1)</script> & \\" quote"',
               "copyright": '"© <i>R&D</i> [x](javascript:alert(1))"', "short_name": '"*短* <u>名</u>"'}
    for key, value in hostile.items():
        text, found = re.subn(rf"^  {key}: .*$", f"  {key}: {value}", text, count=1, flags=re.M)
        assert found, key
    text = text.replace("    name: 電商行業八大員崗位職責\n", '    name: "<a href=x>原文</a>"\n    url: "https://example.org/a?b=1&c=2"\n', 1)
    roles.write_text(text, encoding="utf-8")
    h = load_handbook(data_copy)
    result = build_site(tmp_path / "site", data=data_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    role = (tmp_path / "site" / "roles" / h.roles[0].id / "index.html").read_text(encoding="utf-8")
    for page in (home, role):
        assert "<b>" not in page and "<i>" not in page and "<script>alert" not in page and "<u>" not in page
        assert "R&amp;D &lt;b&gt;手冊&lt;/b&gt;" in re.search(r"<title>(.*?)</title>", page, re.S)[1]
        assert 'href="javascript' not in page and "&amp;amp;" not in page  # escaped once, not twice
    assert html.unescape(load(tmp_path / "site", "/").meta["description"]) == h.identity.description
    assert '<a href="https://example.org/a?b=1&amp;c=2">' in home and "<a href=x>" not in home
    text_of_home = re.sub(r"\s+", " ", load(tmp_path / "site", "/").text)
    assert h.identity.title in text_of_home and h.identity.copyright in text_of_home


def test_pages_and_templates_name_no_company_and_no_stage():
    """What any organisation's site is made of (docs/, the templates, the theme overrides, mkdocs.yml) names no
    company, no source document and no onboarding stage: those come from the data."""
    stage = re.compile(r"第一週|第一天|第 ?\d+ ?天|Day \d+|Week \d+")
    sources = [ROOT / "mkdocs.yml", *(ROOT / "docs").rglob("*.md"), *(ROOT / "handbook" / "site" / "templates").rglob("*"),
               *(ROOT / "overrides").rglob("*.html")]
    for path in sources:
        if path.is_file():
            text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)  # not Jinja comments
            found = OLD_COMPANY.search(text) or stage.search(text) or re.search("《", text.replace("《{{", ""))
            assert not found, f"{path.relative_to(ROOT)}: {found[0]}"
