"""``include: FILE.yaml``: sections and blocks shared between brochures.

An item ``- include: shared/about-us.yaml`` in a ``sections`` or ``blocks`` list is replaced
by what that file holds: one section (or block), or a list of them. Includes are expanded in
the marked data before validation, so everything after (validation, glyph checks,
translations, mail merge) sees one document; every value keeps the file and the line it was
written on, so a problem inside an included file is reported there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError, Location
from .limits import MAX_NODES
from .schema import IncludedText, project_root, shown_path
from .yamlsource import MAX_FILE_BYTES, DocPath, MarkedDocument, read_yaml

INCLUDE_SITES = ("sections", "blocks")
"""The lists whose items may be ``include:`` items."""
MAX_INCLUDE_DEPTH = 8
"""Files including files, counted from the brochure."""
MAX_INCLUDED_BYTES = 2 * MAX_FILE_BYTES
"""All included files together (a file included twice counts twice)."""
YAML_SUFFIXES = (".yaml", ".yml")


def expand_includes(source: MarkedDocument, *, allow_outside: bool = False) -> MarkedDocument:
    """``source`` with every include item replaced by the file's content (``source`` itself
    when it has none)."""
    if not _has_includes(source.data):
        return source
    expansion = _Expansion(source, project_root(source.file.resolve()), allow_outside)
    data = expansion.node(source.data, source, (), (), (source.file.resolve(),), None)
    return MarkedDocument(source.file, data, expansion.marks, expansion.key_marks, origins=expansion.origins,
                          written=expansion.written)


def _has_includes(node: Any, site: str | None = None) -> bool:
    if isinstance(node, dict):
        return any(_has_includes(value, key) for key, value in node.items())
    if isinstance(node, list):
        return any((site in INCLUDE_SITES and _is_include(item)) or _has_includes(item) for item in node)
    return False


def _is_include(item: Any) -> bool:
    return isinstance(item, dict) and "include" in item


@dataclass
class _Expansion:
    top: MarkedDocument
    root: Path
    allow_outside: bool
    marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    origins: dict[DocPath, tuple[Path, DocPath]] = field(default_factory=dict)
    written: dict[DocPath, str] = field(default_factory=dict)
    """How each non-text value was written, at its place in the expanded document."""
    read: dict[Path, MarkedDocument] = field(default_factory=dict)
    folders: dict[Path, Path] = field(default_factory=dict)
    """The real folder of each included file, as it is named in messages."""
    included_bytes: int = 0
    values: int = 0

    def node(self, value: Any, src: MarkedDocument, here: DocPath, path: DocPath,
             chain: tuple[Path, ...], site: str | None) -> Any:
        """``value`` (at ``here`` in ``src``) copied to ``path`` in the expanded document."""
        self.values += 1
        if self.values > MAX_NODES:
            raise ContentError.at(src.locate(here), f"the brochure and its included files hold more than "
                                                    f"{MAX_NODES} values")
        if here in src.marks:
            self.marks[path] = src.marks[here]
        if here in src.written:
            self.written[path] = src.written[here]
        if isinstance(value, dict):
            copied = {}
            for key, item in value.items():
                if (*here, key) in src.key_marks:
                    self.key_marks[(*path, key)] = src.key_marks[(*here, key)]
                copied[key] = self.node(item, src, (*here, key), (*path, key), chain, key)
            return copied
        if isinstance(value, list):
            if site in INCLUDE_SITES:
                return self.spliced(value, src, here, path, chain)
            return [self.node(item, src, (*here, i), (*path, i), chain, None) for i, item in enumerate(value)]
        if isinstance(value, str) and src is not self.top:
            return IncludedText(value, self.folders[src.file])
        return value

    def spliced(self, items: list[Any], src: MarkedDocument, here: DocPath, path: DocPath,
                chain: tuple[Path, ...]) -> list[Any]:
        """A list whose include items are replaced by the items of the files they name."""
        result: list[Any] = []
        listed = [(item, (*here, index)) for index, item in enumerate(items)]
        for item, origin, there, inner in self._flattened(listed, src, chain):
            self._place(result, item, origin, there, path, inner)
        return result

    def _flattened(self, items: list[tuple[Any, DocPath]], src: MarkedDocument, chain: tuple[Path, ...]
                   ) -> Iterator[tuple[Any, MarkedDocument, DocPath, tuple[Path, ...]]]:
        """Each item with the file and place it comes from, include items opened (an included
        file may itself hold include items)."""
        for item, here in items:
            if not _is_include(item):
                yield item, src, here, chain
                continue
            included = self.included(item, src, here, chain)
            data = included.data
            parts: list[tuple[Any, DocPath]] = (
                [(part, (number,)) for number, part in enumerate(data)] if isinstance(data, list) else [(data, ())])
            yield from self._flattened(parts, included, (*chain, self.real(included)))

    def _place(self, result: list[Any], item: Any, src: MarkedDocument, here: DocPath, path: DocPath,
               chain: tuple[Path, ...]) -> None:
        where = (*path, len(result))
        if self._implied(where) != (src.file, here):
            self.origins[where] = (src.file, here)
        result.append(self.node(item, src, here, where, chain, None))

    def real(self, document: MarkedDocument) -> Path:
        return self.folders[document.file] / document.file.name

    def _implied(self, path: DocPath) -> tuple[Path, DocPath]:
        """Where ``path`` would be said to come from by the origins recorded so far."""
        return MarkedDocument(self.top.file, None, origins=self.origins).origin(path)

    def included(self, item: dict[str, Any], src: MarkedDocument, here: DocPath,
                 chain: tuple[Path, ...]) -> MarkedDocument:
        """The marked content of the file an include item names, after every check."""
        where = src.locate((*here, "include"))
        extra = sorted(key for key in item if key != "include")
        if extra:
            raise ContentError.at(src.locate((*here, extra[0]), key=True),
                                  f"an include item holds only 'include: FILE'; found also '{extra[0]}'")
        file = self._resolve(item["include"], src, where)
        if file in chain:
            cycle = " -> ".join(self._name(f) for f in (*chain[chain.index(file):], file))
            raise ContentError.at(where, f"include cycle: {cycle}")
        if len(chain) > MAX_INCLUDE_DEPTH:
            raise ContentError.at(where, f"included files may nest at most {MAX_INCLUDE_DEPTH} deep: "
                                         + " -> ".join(self._name(f) for f in (*chain, file)))
        self.included_bytes += file.stat().st_size
        if self.included_bytes > MAX_INCLUDED_BYTES:
            raise ContentError.at(where, f"the included files come to more than {MAX_INCLUDED_BYTES} bytes")
        if file not in self.read:
            self.read[file] = read_yaml(shown_path(file))
            self.folders[self.read[file].file] = file.parent
        document = self.read[file]
        if not isinstance(document.data, (dict, list)) or not document.data:
            raise ContentError.at(document.locate(()), "an included file holds one section or block (a "
                                                       "mapping) or a list of them")
        return document

    def _resolve(self, value: Any, src: MarkedDocument, where: Location) -> Path:
        """The file an include names: relative to the file that names it, inside the project."""
        if not isinstance(value, str) or not value.strip():
            raise ContentError.at(where, f"expected the path of a YAML file (found {value!r})")
        written = Path(value)
        if written.is_absolute() and not self.allow_outside:
            raise ContentError.at(where, "absolute paths are not allowed; give a path relative to this file")
        try:
            file = (src.file.resolve().parent / written).resolve()
        except (OSError, RuntimeError) as exc:  # a symbolic link that points at itself
            raise ContentError.at(where, f"'{value}' cannot be followed: {exc}") from None
        if not self.allow_outside and not file.is_relative_to(self.root.resolve()):
            raise ContentError.at(where, f"'{value}' leaves the project folder {self.root}")
        if file.suffix.lower() not in YAML_SUFFIXES:
            raise ContentError.at(where, f"'{value}': an included file is a YAML file (.yaml)")
        if not file.is_file():
            raise ContentError.at(where, f"file not found: {value} (looked for {file})")
        return file

    def _name(self, file: Path) -> str:
        root = self.root.resolve()
        return str(file.relative_to(root)) if file.is_relative_to(root) else str(file)



INCLUDE_SCHEMA = {
    "type": "object",
    "properties": {"include": {"type": "string", "format": "path",
                               "description": "a YAML file holding one item or a list of them"}},
    "required": ["include"],
    "additionalProperties": False,
}


def with_includes(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema whose ``sections`` and ``blocks`` lists also take ``include:`` items, so
    that editors accept them."""
    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for site in INCLUDE_SITES:
                listed = node.get("properties", {}).get(site)
                if isinstance(listed, dict) and listed.get("type") == "array":
                    listed["items"] = {"anyOf": [listed["items"], {"$ref": "#/$defs/Include"}]}
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    schema.setdefault("$defs", {})["Include"] = INCLUDE_SCHEMA
    return schema
