"""`make serve` while the data is broken: the browser shows the problems the terminal shows, and the page
reloads by itself when the data is fixed (journey: a contributor edits YAML beside the live preview)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from handbook.model import load as load_handbook
from handbook.data.problems import DataError

from .conftest import MKDOCS, ROOT

WAIT_MS = 180_000  # a rebuild on a loaded machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def problems(data) -> list:
    with pytest.raises(DataError) as caught:
        load_handbook(data)
    return caught.value.problems


@pytest.fixture
def serve(data_copy, tmp_path):
    """`mkdocs serve` as `make serve` runs it, on a free port, reading the data from `data_copy`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_DATA": str(data_copy), "SITE_URL": url}
    env.pop("HANDBOOK_SERVING", None)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"], cwd=ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def started() -> str:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")[-3000:]
            try:
                urllib.request.urlopen(url, timeout=5)
                return url
            except urllib.error.HTTPError:
                return url  # answering, if only with "not found"
            except OSError:
                time.sleep(0.5)
        pytest.fail("mkdocs serve did not start")

    yield started, tmp_path / "serve.log"
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    log.close()


def shows_problems(tab, found) -> None:
    """The page lists every problem with its file:line, field, what was expected and the hint."""
    body = tab.locator("body")
    for problem in found:
        for text in (f"{problem.file.rsplit('/', 1)[-1]}:{problem.line}", problem.field, problem.expected,
                     problem.hint):
            if text:
                body.filter(has_text=text).wait_for(timeout=WAIT_MS)


def test_live_preview_shows_data_problems_and_reloads_when_fixed(serve, data_copy, page):
    topics = data_copy / "topics.yaml"
    good = topics.read_text(encoding="utf-8")
    duty = next(t for t in load_handbook(data_copy).topics if t.duties).duties[0].duty
    broken = good.replace(f"duty: {duty.role_id}/{duty.id}\n", f"duty: {duty.role_id}/{duty.id}x\n", 1)
    assert broken != good
    topics.write_text(broken, encoding="utf-8")
    found = problems(data_copy)

    # Broken from the start: the preview still comes up, and any address shows the problems.
    started, log = serve
    url = started()
    page.goto(f"{url}roles/{duty.role_id}/")
    shows_problems(page, found)
    for problem in found:
        assert problem.field in log.read_text(encoding="utf-8")  # the terminal says the same

    # Fixed: the same tab turns into the role page by itself.
    topics.write_text(good, encoding="utf-8")
    page.locator("h1", has_text=load_handbook(data_copy).role(duty.role_id).name).wait_for(timeout=WAIT_MS)

    # Broken while serving: the open page reloads and shows the problems; fixed again, it comes back.
    topics.write_text(broken, encoding="utf-8")
    shows_problems(page, found)
    topics.write_text(good, encoding="utf-8")
    page.locator(f"h3#{duty.id}").wait_for(timeout=WAIT_MS)
