"""Read YAML safely, keeping the line and column of every value.

PyYAML composes the node graph; we construct plain Python data ourselves so that we can
record where each value came from, refuse duplicate keys and bound alias expansion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Location
from .files import FileRefused, read_limited
from .limits import (
    MAX_DEPTH,
    MAX_NODES,
    MAX_NUMBER_CHARS,
    MAX_TEXT_CHARS,
    MAX_TOTAL_CHARS,
    MAX_UNBROKEN_CHARS,
    MAX_YAML_BYTES,
)

MAX_FILE_BYTES = MAX_YAML_BYTES
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when PyYAML has it (twenty times faster), else the pure-Python loader."""
SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in
             ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
TIMESTAMP = "tag:yaml.org,2002:timestamp"
NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class MarkedDocument:
    """Plain data from a YAML file, with the position of every mapping, list and value."""

    file: Path
    data: Any
    marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    """Where each value starts."""
    key_marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    """Where the key of each mapping entry starts."""
    elsewhere: dict[DocPath, Location] = field(default_factory=dict)
    """Values that came from another file (a translation from a catalogue), and where."""
    origins: dict[DocPath, tuple[Path, DocPath]] = field(default_factory=dict)
    """Values that come from another file (an included one) or from another place in this
    one (after an include before them): the file and the path there, for the root of each
    such value; what lies below a root comes from the same file."""

    written: dict[DocPath, str] = field(default_factory=dict)
    """How each value YAML read as something other than text (a number, true, null) was
    written: a text field takes it as written (``1.10`` stays "1.10", ``no`` stays "no")."""

    def origin(self, path: DocPath) -> tuple[Path, DocPath]:
        """The file ``path`` comes from, and its path in that file."""
        if self.origins:
            for end in range(len(path), 0, -1):
                found = self.origins.get(path[:end])
                if found:
                    return found[0], (*found[1], *path[end:])
        return self.file, path

    def locate(self, path: DocPath, *, key: bool = False) -> Location:
        """Where ``path``'s value (or its key) is, or else its nearest ancestor."""
        if not key and path in self.elsewhere:
            return self.elsewhere[path]
        file, there = self.origin(path)
        if key and path in self.key_marks:
            line, column = self.key_marks[path]
            return Location(file, line, column, format_path(there))
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark:
                return Location(file, mark[0], mark[1], format_path(there))
        return Location(file, 0, 0, format_path(there))


def format_path(path: DocPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_yaml(file: Path) -> MarkedDocument:
    """Load one YAML file into a ``MarkedDocument`` or raise ``ContentError``."""
    text = _read_text(file)
    try:
        node = yaml.compose(text, Loader=COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        col, problem = _advice(text, line, col, str(exc.problem))
        raise ContentError.at(Location(file, line, col), f"not valid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentError.at(
            Location(file, line, column), f"control character U+{exc.character:04X} is not allowed in YAML"
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError.at(Location(file), f"not valid YAML: {exc}") from None
    if node is None:
        raise ContentError.at(Location(file), "the file is empty; expected a YAML mapping")
    builder = _Builder(file)
    data = builder.build(node, ())
    return MarkedDocument(file, data, builder.marks, builder.key_marks, written=builder.written)


LEADING_TAB = re.compile(r" *\t")
PLAIN_ENTRY = re.compile(r" *(?:- +)?(?P<key>[^\s:#'\"{}\[\]&*!|>%@`-][^:#]*?): +(?P<value>[^\s'\"\[{].*?)")


def _advice(text: str, line: int, column: int, problem: str) -> tuple[int, str]:
    """The column and words of a YAML syntax error, put plainly for the two mistakes people
    make most: a tab in the indentation, and an unquoted value holding ": "."""
    lines = text.splitlines()
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    tab = LEADING_TAB.match(written)
    if tab:
        return tab.end(), "tabs cannot indent YAML; use spaces"
    entry = PLAIN_ENTRY.fullmatch(written.rstrip())
    if "mapping values are not allowed" in problem and entry and ": " in entry["value"]:
        value = entry["value"].split(" #")[0].rstrip()  # a comment stays outside the quotes
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return column, (f"the value of '{entry['key']}' holds \": \", which YAML reads as the start of another "
                        f'key; if it is text, put it in quotes: {entry["key"]}: "{quoted}"')
    return column, problem


def _read_text(file: Path) -> str:
    try:
        raw = read_limited(file, MAX_FILE_BYTES, "brochure file")
    except FileRefused as exc:
        raise ContentError.at(Location(file), str(exc)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError.at(Location(file, line, 1), "is not UTF-8 text") from None


class _Builder:
    """Turns a composed YAML node graph into plain data with marks."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.marks: dict[DocPath, tuple[int, int]] = {}
        self.key_marks: dict[DocPath, tuple[int, int]] = {}
        self.written: dict[DocPath, str] = {}
        self.count = 0
        self.characters = 0
        self.open: set[int] = set()
        """The mappings and lists being built: one met again is inside itself."""
        self.scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: DocPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ContentError.at(
                self._loc(node, path), f"expands to more than {MAX_NODES} values (alias bomb?)"
            )
        if len(path) > MAX_DEPTH:
            raise ContentError.at(self._loc(node, path), f"values nest more than {MAX_DEPTH} levels deep")
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in SAFE_TAGS:
            raise ContentError.at(self._loc(node, path), f"the tag {node.tag} is not allowed here")
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self._value(node, path)
        if id(node) in self.open:
            raise ContentError.at(self._loc(node, path), "a recursive alias: this value contains itself")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _value(self, node: yaml.Node, path: DocPath) -> Any:
        """A scalar; dates and numbers too long to be sane stay the text they were written as."""
        written = str(node.value)
        if node.tag == TIMESTAMP or (node.tag in NUMBERS and len(written) > MAX_NUMBER_CHARS):
            value: Any = written  # no field is a date: a date is text; PyYAML refuses 2001-02-30
        else:
            value = self._scalar(node, path)
        if isinstance(value, str):
            self._count_text(node, path, value)
        else:
            self.written[path] = written
        return value

    def _count_text(self, node: yaml.Node, path: DocPath, text: str) -> None:
        if len(text) > MAX_TEXT_CHARS:
            raise ContentError.at(self._loc(node, path), f"is {len(text):,} characters long; a text may "
                                  f"have at most {MAX_TEXT_CHARS:,} (split it into several blocks)")
        longest = longest_run(text)
        if longest > MAX_UNBROKEN_CHARS:
            raise ContentError.at(self._loc(node, path), f"has {longest:,} characters with no space between them; "
                                  f"a text may run at most {MAX_UNBROKEN_CHARS:,} characters without one "
                                  "(a word or web address that long cannot be set in a line)")
        self.characters += len(text)
        if self.characters > MAX_TOTAL_CHARS:
            raise ContentError.at(self._loc(node, path), f"the file's texts expand to more than "
                                  f"{MAX_TOTAL_CHARS:,} characters (aliases count each time they are used)")

    def _mapping(self, node: yaml.MappingNode, path: DocPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        previous: yaml.Node | None = None
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentError.at(self._loc(key_node, path), "merge keys (<<) are not supported")
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError.at(self._loc(key_node, path), "keys must be text, not a list or a mapping")
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                hint, before = "", previous.value if isinstance(previous, yaml.ScalarNode) else ""
                if node.flow_style and isinstance(key, int) and not isinstance(key, bool) and before.isdigit():
                    hint = (f" (inside {{ }} a comma ends an entry: {before},{key_node.value} is read as {before} "
                            f"and a key {key_node.value}; write {before}.{key_node.value}, or quote it)")
                raise ContentError.at(self._loc(key_node, path), f"keys must be text, not {key!r}{hint}")
            if key in result:
                raise ContentError.at(self._loc(key_node, (*path, key)), f"duplicate key '{key}'")
            self.key_marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key))
            previous = value_node
        return result

    def _scalar(self, node: yaml.Node, path: DocPath) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise ContentError.at(self._loc(node, path), "expected a plain value here")
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise ContentError.at(self._loc(node, path), f"not allowed: {exc.problem}") from None
        except (ValueError, OverflowError) as exc:
            raise ContentError.at(self._loc(node, path), f"YAML cannot read {node.value!r}: {exc}") from None

    def _loc(self, node: yaml.Node, path: DocPath) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1, format_path(path))


_BREAKING_SPACE = re.compile(
    r"[^\S\u00a0\u2007\u202f]+"  # white space a line may break at (not the no-break spaces)
    r"|[\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\U00020000-\U0003ffff]")  # Chinese and Japanese: a line may break between any two characters
_LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
"""A link's address in inline markup: never set on a line (its text is)."""


def longest_run(text: str) -> int:
    """Characters of the longest stretch of ``text`` that no line may break inside, as it is
    set (a link's address is not; Chinese and Japanese break between characters). Linear."""
    return max(map(len, _BREAKING_SPACE.split(_LINK_TARGET.sub("]", text))), default=0)
