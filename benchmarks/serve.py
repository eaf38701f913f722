"""How long `make serve` takes to show a one-duty edit of the data.

Starts `mkdocs serve` on a copy of data/ (HANDBOOK_DATA), edits one duty's
description in the copy and times until the served role page has the new
text: the wait a contributor sees between saving and the browser reloading.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from handbook import urls

ROOT = Path(__file__).resolve().parent.parent
# The first duty's description: the first `description: "` after the first `duties:` line (the handbook's own
# description, above the roles, is shown on the home page, not on the role page the bench reads).
_DESCRIPTION = re.compile(r'(^\s+duties:\n(?:.*\n)*?\s+description: ")', re.M)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at url contains text."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in _get(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout} s")


def _cpu(pid: int) -> float:
    """CPU seconds (user and system) the process has used: a rebuild's cost, whatever else the machine runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reload_seconds(repeat: int = 3, source: Path = ROOT / "data") -> list[float]:
    """Edit-to-served times of `repeat` one-duty edits of a copy of `source`."""
    return reloads(repeat, source)[0]


def reloads(repeat: int = 3, source: Path = ROOT / "data") -> tuple[list[float], list[float]]:
    """Edit-to-served times of `repeat` one-duty edits of a copy of `source`, and the server's CPU seconds for
    each (Linux: /proc)."""
    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(source, data)
        roles = data / "roles.yaml"
        role_id = re.search(r"^  - id: (\S+)", roles.read_text(encoding="utf-8"), re.M).group(1)
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "HANDBOOK_DATA": str(data), "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                                   "--livereload"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = base + urls.built(urls.role(role_id))
            _wait_for(url, "</html>", timeout=300)
            times, cpu = [], []
            for i in range(repeat):
                marker = f"BenchmarkEdit{i}x{time.time_ns()}"
                text = roles.read_text(encoding="utf-8")
                edited = _DESCRIPTION.sub(lambda m: m.group(1) + marker, text, count=1)
                time.sleep(0.5)  # let the watcher settle after the previous rebuild
                start, spent = time.monotonic(), _cpu(server.pid)
                roles.write_text(edited, encoding="utf-8")
                times.append(time.monotonic() - start + _wait_for(url, marker, timeout=300))
                cpu.append(_cpu(server.pid) - spent)
            return times, cpu
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    seconds = reload_seconds()
    print(f"serve reload: median {statistics.median(seconds):.2f} s of {', '.join(f'{s:.2f}' for s in seconds)}")
