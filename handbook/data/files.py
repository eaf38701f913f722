"""What a data file really is: a regular file inside the data directory or the repository, of a sane size.

A data file can be a link (to /dev/zero, which never ends, or to /etc/passwd, whose lines a YAML error
would print into a public CI log), a FIFO that blocks forever, a device, or a 30 MB list of one-letter
lines that takes minutes to parse.  So a file is opened without following a link out, checked to be a
regular file before one byte is read, and read up to its limit plus one byte, never further; its YAML
is refused past a node count before anything is built from it.  Messages name the file and the limit,
never the file's content.

The limits come from the real data: the files that grow with the organisation (roles, topics,
onboarding, measures, processes) are about twice the size and four times the nodes of the
1,000-role benchmark handbook (`make bench`: onboarding.yaml 7 MB, 260,000 nodes); the lists people
write by hand (synonyms, gaps, moved ids) are about sixty times today's (16 KB, 1,200 nodes).
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from handbook.data.problems import Problem, show


@dataclass(frozen=True)
class Limit:
    bytes: int
    nodes: int  # YAML values (scalars, lists and mappings) in the file

    def shown(self) -> str:
        return f"{self.bytes:,} bytes"


GROWS = Limit(16_000_000, 1_000_000)  # a file with a record per role, duty or measure
WRITTEN = Limit(1_000_000, 50_000)  # a list written word by word: synonyms, open questions
LIMITS = {"synonyms": WRITTEN, "gaps": WRITTEN, "moved": WRITTEN}


def limit(key: str) -> Limit:
    """The limit of the data file `key` (roles → roles.yaml)."""
    return LIMITS.get(key, GROWS)


class Refused(Exception):
    """The file is not read: the problem says why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.en)
        self.problem = problem


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "資料夾", "a folder"
    if stat.S_ISFIFO(mode):
        return "管道(FIFO)", "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "裝置", "a device"
    if stat.S_ISSOCK(mode):
        return "socket", "a socket"
    return "特殊檔案", "a special file"


def read_regular(path: Path, name: str, allowed: tuple[Path, ...], most: Limit) -> bytes:
    """The bytes of the regular file at `path`, at most `most.bytes` of them; raises Refused otherwise.

    A link is followed only to a file inside one of the `allowed` folders (the data directory, the
    repository); the file itself is opened with O_NOFOLLOW, so nothing swapped in after the check is
    followed, and O_NONBLOCK, so a pipe cannot hang the check."""

    def refuse(zh: str, en: str, **kw) -> Refused:
        return Refused(Problem(name, 0, 0, "", zh, en, **kw))

    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise refuse("找不到這個檔案。", "The file is missing.", found="(沒有 / none)") from None
    except OSError as error:
        raise refuse("讀不到這個檔案。", "The file cannot be read.", found=error.strerror or "") from None
    target = path
    if stat.S_ISLNK(status.st_mode):
        target = Path(os.path.realpath(path))
        if not any(target.is_relative_to(folder) for folder in allowed):
            raise refuse("這個檔案是一個連結,指向資料夾和儲存庫以外的地方;手冊不讀外面的檔案。",
                         "The file is a link to something outside the data folder and the repository; the "
                         "handbook reads no file from outside.",
                         expected="資料夾裡一個普通的檔案 / a regular file in the data folder",
                         found=f"連結 link → {show(str(target), 120)}",
                         hint="刪掉連結,把內容存成一個普通檔案 / delete the link and save the content as a file")
    try:
        handle = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise refuse("讀不到這個檔案。", "The file cannot be read.",
                     found=f"{error.strerror or error}" + (f" ({show(str(target), 120)})" if target != path else "")
                     ) from None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            zh, en = _kind(status.st_mode)
            raise refuse(f"這不是一個普通的檔案,而是{zh};手冊只讀普通的文字檔。",
                         f"This is not a regular file but {en}; the handbook reads only regular text files.",
                         expected="一個普通的 YAML 檔案 / a regular YAML file", found=en,
                         hint="換成一個普通檔案 / replace it with a regular file")
        if status.st_size > most.bytes:
            raise Refused(too_large(name, most, status.st_size))
        chunks, left = [], most.bytes + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > most.bytes:  # it grew while being read
            raise Refused(too_large(name, most, len(raw), more=True))
        return raw
    finally:
        os.close(handle)


def too_large(name: str, most: Limit, size: int, more: bool = False) -> Problem:
    found = f"{'超過 more than ' if more else ''}{size:,} bytes"
    return Problem(
        name, 0, 0, "", f"檔案太大,不像是手冊資料:{Path(name).name} 最多 {most.shown()}。",
        f"The file is too large to be handbook data: {Path(name).name} may hold at most {most.shown()}.",
        expected=f"≤ {most.shown()}", found=found,
        hint="檢查是不是貼進了整份別的檔案 / check that no other file was pasted in whole")


def too_many_nodes(name: str, most: Limit) -> Problem:
    return Problem(name, 0, 0, "", f"檔案裡的值太多,不像是手冊資料:{Path(name).name} 最多 {most.nodes:,} 個 YAML 值。",
                   f"The file holds too many values to be handbook data: {Path(name).name} may hold at most "
                   f"{most.nodes:,} YAML values (items, fields and texts).",
                   expected=f"≤ {most.nodes:,} 個值 / values", found=f"超過 more than {most.nodes:,}",
                   hint="檢查是不是貼進了大量的行 / check that no long list of lines was pasted in")


def _yaml_files(directory: Path, most: int = 10_000) -> list[str]:
    """The .yaml and .yml files in `directory` and its folders (links to folders not followed), as paths
    relative to it; at most `most` entries are looked at, so a hostile tree cannot stall the check."""
    found, seen = [], 0
    for folder, folders, names in os.walk(directory, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        seen += len(names) + len(folders)
        base = Path(folder).relative_to(directory)
        found += [(base / name).as_posix() for name in names if name.casefold().endswith((".yaml", ".yml"))]
        if seen > most:
            break
    return sorted(found)


def unknown_files(directory: Path, known: list[str], shown: str) -> dict[str, Problem]:
    """Every .yaml or .yml file under `directory` the handbook does not read, by the known file it is probably
    meant to be (else by its own path): gaps.yml or Gaps.yaml would be silently empty on Linux (and found on
    macOS), and the handbook reads no folder inside the data folder."""
    found: dict[str, Problem] = {}
    stems = {Path(name).stem.casefold(): name for name in known}
    for entry in _yaml_files(directory):
        if entry in known:
            continue
        stem = Path(entry).stem.casefold()
        near = stems.get(stem) or stems.get(next(iter(difflib.get_close_matches(stem, stems, n=1, cutoff=0.8)), ""))
        nested = "/" in entry
        found[near if near and near not in found else entry] = Problem(
            f"{shown}/{entry}" if shown else entry, 0, 0, "",
            "手冊不認得這個檔案,不會讀它:它的內容不會出現在網站上。"
            + ("手冊只讀資料夾最上層的檔案。" if nested else "檔名要完全一致(包括大小寫和 .yaml)。"),
            "The handbook does not know this file and would not read it: nothing in it reaches the site. "
            + ("The handbook reads only the files at the top of the data folder." if nested else
               "File names must match exactly, including case and the .yaml ending."),
            expected="、".join(known), found=show(entry),
            hint=(f"是不是 did you mean「{near}」?把它移到資料夾最上層並改成這個檔名 / move it to the top of the data "
                  f"folder as {near}" if nested else f"是不是 did you mean「{near}」?改成這個檔名 / rename it to {near}")
            if near else "改成上面其中一個檔名,或把它移出資料夾 / rename it to one of these, or move it out of the folder")
    return found
