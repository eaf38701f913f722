"""Read a YAML file into plain Python while remembering where every value is.

PyYAML silently keeps the last of two equal keys and reads YAML 1.1
(`no` is false), while editors read YAML 1.2.  This reader refuses
duplicate keys, anchors and aliases, and records each value's line,
column and raw text, so checks can name the exact place and show what
the contributor typed.  Anchors and aliases are refused from the parser's
events, before any node tree is built: no amount of them costs more than
one pass over the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.data import files
from handbook.data.problems import Problem, show

Path_ = tuple  # a path into the data: keys and list indexes


@dataclass
class Source:
    """One data file: its plain data and where each value came from."""

    name: str  # as shown in messages, e.g. data/roles.yaml
    data: object = None
    marks: dict = field(default_factory=dict)  # path -> (line, column, raw text or None, plain scalar?)
    broken: set = field(default_factory=set)  # paths already reported while reading; later checks skip them
    line_count: int = 0

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at path, or of its nearest parent."""
        while path not in self.marks and path:
            path = path[:-1]
        line, column, *_ = self.marks.get(path, (0, 0))
        return line, column

    def raw(self, path: Path_) -> tuple[str | None, bool]:
        _, _, raw, plain = self.marks.get(path, (0, 0, None, False))
        return raw, plain

    def label(self, path: Path_) -> str:
        """A readable field path: list items are named by their id where they have one."""
        parts, node = [], self.data
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                node = None
            if isinstance(step, int):
                ident = node.get("id") or node.get("role") or node.get("duty") if isinstance(node, dict) else None
                parts.append(str(ident) if isinstance(ident, str) and ident else f"#{step + 1}")
            else:
                parts.append(str(step))
        return " → ".join(parts)

    def key_where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key that introduces path (for unknown fields)."""
        line, column, *_ = self.marks.get(("key",) + path, self.marks.get(path, (0, 0)))
        return line, column


class _Reader:
    def __init__(self, source: Source):
        self.source = source
        self.found: list[tuple] = []
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def problem(self, node, path: Path_, zh: str, en: str, **kw) -> None:
        self.found.append((node.start_mark, path, zh, en, kw))

    def problems(self) -> list[Problem]:
        """What was found, with fields named once all the data is read (labels use ids further down)."""
        return [Problem(self.source.name, mark.line + 1, mark.column + 1, self.source.label(path), zh, en, **kw)
                for mark, path, zh, en, kw in self.found]

    def walk(self, node, path: Path_):
        if id(node) in self.seen or node.tag == "tag:yaml.org,2002:merge":
            self.problem(node, path, "不支援 YAML 錨點與別名(& 和 *)或合併鍵(<<)。",
                         "YAML anchors and aliases (& and *) and merge keys (<<) are not supported.",
                         hint="把內容直接寫出來 / write the content out in full")
            self.source.broken.add(path)
            return None
        self.seen.add(id(node))
        if node.tag != self.implicit_tag(node):
            tag = show(node.tag.replace("tag:yaml.org,2002:", "!!"))
            self.problem(node, path, f"不支援 YAML 標籤「{tag}」。", f"YAML tags such as '{tag}' are not supported.",
                         expected="沒有標籤的值 / a value without a tag", found=tag,
                         hint='刪掉標籤;文字請加引號 / remove the tag; put text in quotes: "…"')
            self.source.broken.add(path)
            return None
        mark = node.start_mark
        if isinstance(node, yaml.MappingNode):
            self.source.marks[path] = (mark.line + 1, mark.column + 1, None, False)
            result: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, path, "欄位名稱必須是簡單的文字。", "A field name must be plain text.",
                                 found=show(key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"))
                    continue
                key = key_node.value
                if key in result:
                    self.problem(key_node, path + (key,), f"欄位「{show(key)}」重複出現;YAML 只會保留最後一個。",
                                 f"The field '{show(key)}' appears twice here; "
                                 "YAML would silently keep only the last one.",
                                 expected="每個欄位只寫一次 / each field once", found=f"{show(key)} (again)",
                                 hint="刪掉或合併重複的那一行 / delete or merge the repeated line")
                    continue
                kmark = key_node.start_mark
                self.source.marks[("key",) + path + (key,)] = (kmark.line + 1, kmark.column + 1, key, True)
                result[key] = self.walk(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            self.source.marks[path] = (mark.line + 1, mark.column + 1, None, False)
            return [self.walk(item, path + (i,)) for i, item in enumerate(node.value)]
        plain = node.style is None
        self.source.marks[path] = (mark.line + 1, mark.column + 1, node.value, plain)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value  # e.g. 2026-13-40 or a 5000-digit number: keep the text, checks will complain

    def implicit_tag(self, node) -> str:
        """The tag YAML gives this node without an explicit `!tag`; any other tag was written by hand."""
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style
            return self.constructor.resolve(yaml.ScalarNode, node.value, (plain, not plain))
        return self.constructor.resolve(type(node), None, (True, False))



def _compose(text: str):
    """The node tree, by libyaml when built in (ten times faster on a big handbook).

    On any error, parse again in pure Python, whose messages name the offending
    character (a tab, say), so contributors see the same message either way.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            node = yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
        else:
            _plain_style_none(node)
            return node
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _more_nodes_than(text: str, most: int) -> bool:
    """Whether the YAML in `text` has more than `most` nodes, counted from the parser's events up to most + 1.

    Every node but the first starts at an indicator (a key's `:` or `?`, an item's `-`, a flow list's `[`, `{`
    or `,`), so a file with few of them is not parsed for this at all."""
    bound = 3 * (text.count(":") + text.count("?")) + 2 * sum(map(text.count, "-,[{")) + 2
    if bound <= most:
        return False
    count = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.NodeEvent):
                count += 1
                if count > most:
                    return True
    except yaml.YAMLError:
        return False  # composing stops at the same error and reports it with its place
    return False


_MAYBE_SHARED = re.compile(r"(?:^|[\s\[{,])[&*]\S", re.M)  # where an anchor or an alias could begin


def _anchors_and_aliases(name: str, text: str) -> list[Problem]:
    """Every anchor (&) and alias (*) in the file, found in the parser's events, which never expand an alias.

    A few lines of anchors and aliases, nested ten deep, stand for billions of values (an "alias
    bomb"), so they are refused here, before anything builds or walks the node tree, which would follow
    them.  A file with no `&` or `*` where a token can start (R&D is text) has neither and is read once.
    """
    if not _MAYBE_SHARED.search(text):
        return []
    found: list[Problem] = []
    # Per open mapping or list: [is a mapping, its field path, its current key or item number, at a key?,
    # the item's id]; fields are named as in other messages, list items by the id they had so far.
    stack: list[list] = []

    def here() -> tuple:
        if not stack:
            return ()
        mapping, path, position, at_key, ident = stack[-1]
        if mapping:
            return path if at_key else path + (position,)
        return path + (ident or f"#{position + 1}",)

    def finished() -> None:  # a whole node was read: the parent moves on to its next key, value or item
        if stack:
            frame = stack[-1]
            if frame[0]:
                frame[3] = not frame[3]
            else:
                frame[2], frame[4] = frame[2] + 1, None

    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                finished()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path = here()
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                mark, sign = event.start_mark, "*" if isinstance(event, yaml.AliasEvent) else "&"
                found.append(Problem(name, mark.line + 1, mark.column + 1, " → ".join(map(str, path)),
                                     "不支援 YAML 錨點與別名(& 和 *)或合併鍵(<<)。",
                                     "YAML anchors and aliases (& and *) and merge keys (<<) are not supported.",
                                     found=show(f"{sign}{event.anchor}"),
                                     hint="把內容直接寫出來 / write the content out in full"))
                if len(found) == 20:  # enough to show where; a bomb has thousands
                    break
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([isinstance(event, yaml.MappingStartEvent), path, 0, True, None])
                continue
            if isinstance(event, yaml.ScalarEvent) and stack and stack[-1][0]:
                frame = stack[-1]
                if frame[3]:
                    frame[2] = event.value
                elif frame[2] in ("id", "role") and len(stack) > 1 and not stack[-2][0]:
                    stack[-2][4] = event.value  # the list item this mapping is is named by its id
            finished()
    except yaml.YAMLError:
        return []  # composing stops at the same error and reports it with its place; anchors come next run
    return found


def _plain_style_none(root) -> None:
    """libyaml gives plain scalars the style "", PyYAML None: make them PyYAML's."""
    stack, seen = [root] if root is not None else [], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # a shared node (an alias): visited once, however often it is repeated
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)


def read(path: Path, name: str, allowed: tuple[Path, ...] = (), most: files.Limit = files.GROWS
         ) -> tuple[Source, list[Problem]]:
    """Read one YAML file, a regular file inside `allowed` (files.py); problems are returned, never raised."""
    try:
        raw = files.read_regular(path, name, allowed, most)
    except files.Refused as refused:
        return Source(name), [refused.problem]
    return parse(raw, name, most)


def parse(raw: bytes, name: str, most: files.Limit = files.GROWS) -> tuple[Source, list[Problem]]:
    """Read one YAML file's bytes (from disk, or from git history); problems are returned, never raised."""
    source = Source(name)
    if len(raw) > most.bytes:
        return source, [files.too_large(name, most, len(raw))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return source, [Problem(name, raw[: error.start].count(b"\n") + 1, 0, "", "檔案不是 UTF-8 編碼。",
                                "The file is not UTF-8 encoded.", hint="用 UTF-8 存檔 / save the file as UTF-8")]
    source.line_count = text.count("\n") + 1
    # YAML counts these as line breaks but editors do not, so every line number after one would be wrong.
    separator = re.search("[\x85\u2028\u2029]", text)
    if separator:
        return source, [_bad_character(name, text, separator.start())]
    if _more_nodes_than(text, most.nodes):  # refused before composing: a node costs far more than its bytes
        return source, [files.too_many_nodes(name, most)]
    try:
        shared = _anchors_and_aliases(name, text)
        if shared:  # refused before composing: composing or walking an alias bomb takes exponential time
            return source, shared
        node = _compose(text)
        reader = _Reader(source)
        source.data = reader.walk(node, ()) if node is not None else None
    except yaml.reader.ReaderError as error:  # a control character YAML refuses, anywhere in the file
        return source, [_bad_character(name, text, error.position)]
    except RecursionError:
        return source, [Problem(name, _too_deep(text), 0, "", "資料的層次太深,不像是手冊資料。",
                                "The data is nested far too deeply to be handbook data.",
                                hint="檢查這一行的括號 [ ] { } 和縮排 / check the brackets and indentation on this line")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        hint = "檢查縮排和冒號;含「: 」的文字請加引號 / check indentation and colons; put text containing ': ' in quotes"
        if "\\t" in str(error.problem) or "\t" in str(error.problem):
            hint = "YAML 只能用空格縮排,請把 Tab 換成空格 / YAML indents with spaces only: replace the tab with spaces"
        found = show(error.context or error.problem or "")
        start = error.context_mark
        if start and mark and start.line != mark.line:  # e.g. an unclosed [ or " several lines up
            found += f"(第 {start.line + 1} 行開始 / started on line {start.line + 1})"
        return source, [Problem(name, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, "",
                                "YAML 格式錯誤,檔案無法讀取。", f"YAML syntax error: {error.problem or error}.",
                                found=found, hint=hint)]
    except yaml.YAMLError as error:  # e.g. more than one document
        return source, [Problem(name, 0, 0, "", "YAML 格式錯誤,檔案無法讀取。", f"YAML error: {error}.")]
    if node is None:
        return source, [Problem(name, 1, 1, "", "檔案是空的。", "The file is empty.")]
    return source, reader.problems()


def _bad_character(name: str, text: str, position: int) -> Problem:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return Problem(name, line, column, "", "檔案裡有看不見的控制字元或換行字元(可能來自複製貼上)。",
                   "The file contains an invisible control or line-break character (often from copy and paste).",
                   found=f"U+{ord(text[position]):04X}", hint="刪掉它或重新輸入這段文字 / delete it or retype the text")


def _too_deep(text: str, limit: int = 100) -> int:
    """The line where nesting first passes `limit` levels, found by the event parser, which does not recurse."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > limit:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return 0


# Plain scalars that YAML 1.1 (PyYAML) or YAML 1.2 (editors) read as something other than text.
NOT_TEXT = re.compile(
    r"""^(?:
        ~|null|Null|NULL|
        y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|
        [-+]?(?:0|[1-9][0-9_]*)|0o?[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|
        [-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|
        [-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|
        [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?|
        [0-9]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    )$""",
    re.VERBOSE,
)
