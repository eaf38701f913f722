"""The hostile catalogue, part two: data files that are not what they seem (issue 26).

Each case turns one file of a private copy of the data into something else, a link out of the
repository, a device, a pipe, a folder, a file under another name or a giant, and runs `python -m
handbook check` in a child with a memory cap and a timeout, as CI would.  The check must end within
seconds, name the file, say what it is and what to do, and print nothing of what a link points to.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from handbook.data import files
from handbook.data.load import FILES, data_file, read_sources
from handbook.data.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
SECRET = "TOPSECRET-7f3a: do-not-print-me\npassword: hunter2\n"  # a file outside the repository


def capped() -> None:  # the child may use 1 GB at most: reading /dev/zero fails fast instead of taking the host down
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def check(data: Path, timeout: float = 30) -> tuple[int, str, float]:
    start = time.perf_counter()
    try:
        child = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=ROOT, capture_output=True, text=True,
                               env={**os.environ, "HANDBOOK_DATA": str(data)}, timeout=timeout, preexec_fn=capped)
    except subprocess.TimeoutExpired:
        pytest.fail(f"make check did not end within {timeout} s")
    return child.returncode, child.stdout + child.stderr, time.perf_counter() - start


@dataclass
class Case:
    name: str
    file: str  # the data file the case breaks (a key of FILES)
    make: Callable[[Path, Path], None]  # (the file's path, a folder outside the repository) -> None
    says: tuple[str, ...]  # words the message about the file must hold
    never: tuple[str, ...] = ()  # text the output must not hold

    def __str__(self) -> str:
        return self.name


def link(target: Callable[[Path, Path], Path]) -> Callable[[Path, Path], None]:
    def make(path: Path, outside: Path) -> None:
        path.unlink()
        path.symlink_to(target(path, outside))
    return make


def secret_file(path: Path, outside: Path) -> Path:
    (outside / "secret.yaml").write_text(SECRET, encoding="utf-8")
    return outside / "secret.yaml"


def replace_with(build: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    def make(path: Path, outside: Path) -> None:
        path.unlink()
        build(path)
    return make


def one_letter_lines(size: int) -> Callable[[Path, Path], None]:
    """A word list of one-character lines (the hostile synonyms.yaml), `size` bytes long."""
    def make(path: Path, outside: Path) -> None:
        head = path.read_text(encoding="utf-8").split("\n", 1)[0]  # keep the top-level key: the rest is valid YAML
        line = "    - 字\n"
        body = head + "\n  x:\n" + line * (size // len(line.encode()) - 1)
        path.write_text(body if head.endswith(":") else "x:\n" + body, encoding="utf-8")
    return make


def nested(path: Path, outside: Path) -> None:
    """Under the size limit, over the node limit: one flow list of one-digit numbers."""
    most = files.limit(path.stem)
    count = min(most.nodes + 10, (most.bytes - path.stat().st_size) // 2 - 10)
    assert count > most.nodes, "the limits leave no room for this case"
    path.write_text(path.read_text(encoding="utf-8") + "extra: [" + "1," * count + "1]\n", encoding="utf-8")


def over_size(path: Path, outside: Path) -> None:
    with path.open("ab") as out:
        out.write(b"#" * (files.limit(path.stem).bytes - path.stat().st_size + 1))


CASES = [Case(f"link-to-dev-zero-{key}", key, link(lambda p, o: Path("/dev/zero")), ("link", "outside"))
         for key in FILES]
CASES += [
    Case("link-to-etc-passwd", "roles", link(lambda p, o: Path("/etc/passwd")), ("link", "outside"),
         never=("root:x:0:0", "/bin/bash", "daemon:")),
    Case("link-to-a-secret-outside", "topics", link(secret_file), ("link", "outside"),
         never=("TOPSECRET", "hunter2", "do-not-print")),
    Case("link-through-a-folder-outside", "gaps", link(lambda p, o: (o / "sub").mkdir() or secret_file(p, o / "sub")),
         ("link", "outside"), never=("TOPSECRET", "hunter2")),
    Case("dangling-link-for-an-optional-file", "gaps", link(lambda p, o: o / "nothing-here.yaml"),
         ("link", "outside")),
    Case("link-to-a-device-inside-a-link-chain", "synonyms",
         link(lambda p, o: (o / "chain.yaml").symlink_to("/dev/urandom") or o / "chain.yaml"), ("link", "outside")),
    Case("fifo", "synonyms", replace_with(lambda p: os.mkfifo(p)), ("not a regular file", "pipe")),
    Case("fifo-for-a-required-file", "roles", replace_with(lambda p: os.mkfifo(p)), ("not a regular file", "pipe")),
    Case("folder", "measures", replace_with(lambda p: p.mkdir()), ("not a regular file", "folder")),
    Case("30-mb-of-one-letter-lines", "synonyms", one_letter_lines(30_000_000), ("too large", "bytes")),
    Case("just-under-the-size-limit-in-one-letter-lines", "synonyms",
         one_letter_lines(files.limit("synonyms").bytes - 30_000), ("too many values",)),
    Case("over-the-node-limit-gaps", "gaps", nested, ("too many values",)),
    Case("over-the-node-limit-onboarding", "onboarding", nested, ("too many values",)),
] + [Case(f"one-byte-over-the-size-limit-{key}", key, over_size, ("too large", f"{files.limit(key).bytes:,}"))
     for key in ("roles", "synonyms")]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_data_file_that_is_not_a_data_file_is_refused_within_seconds(case: Case, data_copy: Path, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    path = data_copy / f"{case.file}.yaml"
    case.make(path, outside)
    code, output, seconds = check(data_copy)
    assert code == 1, output[-3000:]
    assert seconds < 15, f"{case}: the check took {seconds:.1f} s"
    assert len(output) < 20_000, f"{case}: the check printed {len(output):,} characters"
    assert f"{case.file}.yaml: (file)" in output, output[-3000:]
    block = output[output.index(f"{case.file}.yaml: (file)"):].split("\n\n")[0]
    for word in case.says:
        assert word in block, f"{case}: {word!r} missing from\n{block}"
    assert "Traceback" not in output and "MemoryError" not in output
    for text in case.never + ("TOPSECRET",):
        assert text not in output, f"{case}: the output shows the linked file's content ({text!r})"


def test_a_link_to_a_regular_file_inside_the_data_folder_is_read(data_copy: Path):
    """Links are not refused as such: one that stays inside the data folder is followed."""
    (data_copy / "kept").mkdir()
    (data_copy / "synonyms.yaml").rename(data_copy / "kept" / "words.txt")
    (data_copy / "synonyms.yaml").symlink_to(Path("kept") / "words.txt")
    sources = read_sources(data_copy)
    assert sources["synonyms"].data["synonyms"]


@pytest.mark.parametrize("rename, meant", [
    ("gaps.yml", "gaps.yaml"), ("Gaps.yaml", "gaps.yaml"), ("SYNONYMS.YML", "synonyms.yaml"),
    ("synonym.yaml", "synonyms.yaml"), ("topics.YAML", "topics.yaml"), ("proceses.yaml", "processes.yaml"),
])
def test_a_data_file_under_another_name_is_named_with_the_name_it_needs(rename: str, meant: str, data_copy: Path):
    """git mv data/gaps.yaml data/gaps.yml must not leave /gaps/ silently empty; one fault, one message."""
    (data_copy / meant).rename(data_copy / rename)
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith(rename) and "does not know this file" in problem.en
    assert f"did you mean「{meant}」" in problem.hint


@pytest.mark.parametrize("extra", ["notes.yaml", "backup.yml", "roles.yaml.yml", "old/notes.yaml"])
def test_any_other_yaml_file_in_the_data_folder_is_named(extra: str, data_copy: Path):
    (data_copy / extra).parent.mkdir(exist_ok=True)
    (data_copy / extra).write_text("notes: []\n", encoding="utf-8")
    (data_copy / "README.md").write_text("Not YAML: never named.\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith(extra) and "does not know this file" in problem.en
    assert "roles.yaml" in problem.expected


def test_a_data_file_in_a_folder_of_the_data_folder_is_named(data_copy: Path):
    """The handbook reads the top of the data folder only: data/2025/gaps.yaml would be silently ignored."""
    (data_copy / "2025").mkdir()
    (data_copy / "gaps.yaml").rename(data_copy / "2025" / "gaps.yaml")
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith("2025/gaps.yaml") and "top of the data folder" in problem.en
    assert "did you mean「gaps.yaml」" in problem.hint


def test_the_limits_fit_the_data():
    """The limits leave room: the data is far below them (the 1,000-role benchmark is about half)."""
    for key in FILES:
        path = data_file(key)
        if path.exists():
            assert path.stat().st_size * 10 < files.limit(key).bytes, key
