"""Shared fixtures: the fixture handbook built once per session, a local server, and Chromium.

Which data a test reads (issue 23: any data `make check` accepts is a valid handbook):

- Behaviour tests run on FIXTURE (tests/fixtures/ecommerce/), a frozen copy of the e-commerce data. This module
  sets HANDBOOK_DATA to it for the whole session, so `handbook.data.load.load()`, `build_site()`, the `site` and
  `flat_site` fixtures, `data_copy` and every `python -m handbook` / `mkdocs` subprocess follow it. Never read
  ROOT / "data" in a behaviour test: use FIXTURE (or `data_copy` to break a private copy). The fixture may name its
  records (/roles/finance/, return-to-refund): it does not change when data/ does. To test other shapes of data,
  write them under tests/fixtures/<name>/ and pass them as `build_site(out, data=...)` or HANDBOOK_DATA.
- Tests of the repository's own files against data/ (SHIPPED: CODEOWNERS and schema comments in step, data/ passes
  `make check` and builds) read SHIPPED explicitly and must pass for any organisation's valid data.
- Tests of this company's shipped content (the 64 duties word for word against the source document, the refunds
  story) are marked `@pytest.mark.content` and read SHIPPED. They skip, saying why, when data/ is not the
  e-commerce handbook (its `handbook.title` in data/roles.yaml, the identity field, is not ECOMMERCE_TITLE) — e.g.
  after another organisation replaced data/. `pytest -m "not content"` runs the behaviour suite alone.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "ecommerce"  # frozen copy of the e-commerce data: what behaviour tests read
SHIPPED = ROOT / "data"  # the repository's own data: only content tests and the repository's own-files tests read it
ECOMMERCE_TITLE = "電商崗位職責手冊"  # data/roles.yaml handbook.title when data/ is this company's handbook
os.environ["HANDBOOK_DATA"] = str(FIXTURE)  # set before any test module loads the handbook at import time
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def build_site(out: Path, data: Path | None = None, extra_env: dict | None = None,
               args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of this repository into `out`, optionally from another data directory
    (`args`: more `mkdocs build` options, such as --no-directory-urls)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if data is not None:
        env["HANDBOOK_DATA"] = str(data)
    return subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(out), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def add_live_streaming(data: Path) -> None:
    """Add a ninth role, 直播運營 (live-streaming), with one duty in the promotions topic, to the data in `data`:
    a team lead's data-only change (journey 7)."""
    roles = data / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + """
  - id: live-streaming
    name: 直播運營
    name_en: Live-streaming Operations
    summary: "策劃並執行直播帶貨。"
    purpose: "直播運營負責直播間的策劃與執行。"
    owners: ["@ecommerce-handbook/live-streaming"]
    reviewed: 2026-11-29
    duties:
      - id: live-promotions
        title: 直播促銷
        title_en: Live-stream promotions
        description: "策劃直播間的促銷活動,提升轉化率。"
        description_en: "Plan promotions in the live-stream room to raise the conversion rate."
""", encoding="utf-8")
    topics = data / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    anchor = "    duties:\n      - duty: platform-operations/content-planning\n"
    assert anchor in text, "platform-operations/content-planning comes first in the promotions topic"
    topics.write_text(text.replace(anchor, "    duties:\n      - duty: live-streaming/live-promotions\n"
                                           "        raci: R\n        basis: document\n"
                                           + anchor.removeprefix("    duties:\n")), encoding="utf-8")


def shipped_title() -> str | None:
    """data/roles.yaml's handbook.title, read without the loader (a content test must not fail on other data)."""
    try:
        data = yaml.safe_load((SHIPPED / "roles.yaml").read_text(encoding="utf-8"))
        return data["handbook"]["title"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None


def pytest_collection_modifyitems(config, items) -> None:
    title = shipped_title()
    if title == ECOMMERCE_TITLE:
        return
    skip = pytest.mark.skip(reason=f"content test of the e-commerce handbook: data/ is {title!r}, "
                                   f"not {ECOMMERCE_TITLE!r} (the behaviour tests run on tests/fixtures/ecommerce)")
    for item in items:
        if item.get_closest_marker("content"):
            item.add_marker(skip)


def shared_build(tmp_path_factory, name: str, args: tuple[str, ...] = ()) -> Path:
    """A strict build of the fixture handbook made once for the whole run: with pytest-xdist, the first worker
    that asks builds it (under a lock) in the run's shared temporary folder, and the others read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the run's workers
    out, done = root / f"shared-{name}", root / f"shared-{name}.built"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = build_site(out, args=args)
            assert result.returncode == 0, result.stderr[-4000:]
            done.touch()
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The fixture handbook (FIXTURE), built once with --strict."""
    return shared_build(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def flat_site(tmp_path_factory) -> Path:
    """The fixture handbook built as the pull-request preview is: without directory URLs (roles/<id>.html)."""
    return shared_build(tmp_path_factory, "flat-site", ("--no-directory-urls",))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the fixture data (FIXTURE) to break."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


class Server:
    def __init__(self, directory: Path):
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
        handler.log_message = lambda *args: None
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.fixture(scope="session")
def site_url(site):
    server = Server(site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A 390 px tab for layout tests: it never loads the search index, which they don't need."""
    context = browser.new_context(viewport=PHONE, locale="zh-TW")
    tab = context.new_page()
    tab.route("**/search/search_index.json", lambda route: route.abort())
    yield tab
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    tab = context.new_page()
    yield tab
    context.close()
