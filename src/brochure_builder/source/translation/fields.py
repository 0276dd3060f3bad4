"""Which values of a brochure a translator translates, found by walking the content schema.

A field is text when its type is ``str`` (alone, optional or in a list), its name is not one
of the settings in ``textfields.NOT_TEXT``, and it is neither held to a pattern (an id, a
language tag) nor marked ``NotProse`` (a colour name, a code: ``schema.Code``); a new text field in ``content.py`` is thus
translatable without a change here. Each text gets a context: the kind of the block it
belongs to (or the top-level key) and the field names down to it, without list indices,
e.g. ``stats.items.value`` or ``cover.pillars``.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..content import Brochure
from ..schema import NotProse
from ..textfields import NOT_TEXT
from ..yamlsource import DocPath

BRAND = "brand"
"""Context prefix of the brand file's texts (its name, drawn beside the logo)."""
FOLLOWS = {"highlight": "label"}
"""Settings that repeat the text of another field of the same block (a chart's highlight names
one of its labels): they are not translated themselves but take that field's translation."""
FOLLOWED_FIELDS = {"label": ("data", "series", "categories")}
"""Where the texts a following setting may repeat are, in its block: a point's label, a
series' name, a category."""


@dataclass(frozen=True)
class TextField:
    path: DocPath
    text: str
    context: str
    follows: str | None = None
    """For a setting in ``FOLLOWS``: the name of the field whose translation it takes."""


def text_fields(data: Any, model: type[BaseModel] = Brochure, prefix: str = "") -> Iterator[TextField]:
    """Every text of ``data`` (plain data, as read from YAML) that ``model`` says is text."""
    yield from _model(model, data, (), prefix)


def _model(model: type[BaseModel], data: Any, path: DocPath, context: str) -> Iterator[TextField]:
    if not isinstance(data, dict):
        return
    if "kind" in model.model_fields:  # a block: its context starts at its kind
        context = str(model.model_fields["kind"].default)
    for name, info in model.model_fields.items():
        if name in NOT_TEXT or _is_code_field(info):
            continue
        where, inner = (*path, name), f"{context}.{name}" if context else name
        if name in FOLLOWS:
            if isinstance(data.get(name), str):
                yield TextField(where, data[name], inner, FOLLOWS[name])
        elif name in data:
            yield from _value(info.annotation, data[name], where, inner)
        elif isinstance(info.default, str):  # an English default the reader sees ("Sources")
            yield from _value(info.annotation, info.default, where, inner)
        elif (default := _default_text(model, name, data)) is not None:  # the rank chart's axis title
            yield TextField(where, default, inner)


def _default_text(model: type[BaseModel], name: str, data: dict[str, Any]) -> str | None:
    """The English text a field left out shows for this kind of block (``DEFAULT_TEXTS``)."""
    setting, value, text = getattr(model, "DEFAULT_TEXTS", {}).get(name, ("", None, ""))
    return text if setting and data.get(setting) == value else None


def _value(annotation: Any, value: Any, path: DocPath, context: str) -> Iterator[TextField]:
    if _is_code(annotation):
        return
    annotation = _plain(annotation)
    if annotation is str:
        if isinstance(value, str) and value.strip():
            yield TextField(path, value, context)
    elif get_origin(annotation) is list:
        (item,) = get_args(annotation)
        for index, element in enumerate(value if isinstance(value, list) else []):
            yield from _value(item, element, (*path, index), context)
    elif (member := _member_for(annotation, value)) is not None:
        yield from _value(member, value, path, context)
    else:
        model = _model_of(annotation, value)
        if model is not None:
            yield from _model(model, value, path, context)


def _member_for(annotation: Any, value: Any) -> Any:
    """The member of a union of text and other values that a str or a list value takes (a
    table cell is text or a number; a table's total is a row of cells or ``true``)."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return None
    members = [_plain(member) for member in get_args(annotation)]
    if isinstance(value, str) and str in members:
        return str
    if isinstance(value, list):
        return next((member for member in members if get_origin(member) is list), None)
    return None


def _is_code(annotation: Any) -> bool:
    """Whether ``annotation`` (or the type it makes optional) is marked ``NotProse``."""
    if get_origin(annotation) is Annotated:
        return any(isinstance(item, NotProse) for item in annotation.__metadata__) or _is_code(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        return len(members) == 1 and _is_code(members[0])
    return False


def _plain(annotation: Any) -> Any:
    """``X`` for ``X | None`` and ``Annotated[X, ...]``."""
    if get_origin(annotation) is Annotated:
        return _plain(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _plain(members[0])
    return annotation


def _model_of(annotation: Any, value: Any) -> type[BaseModel] | None:
    """The model ``value`` is validated against: the annotation, or the member of a union of
    blocks whose ``kind`` it names."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType) and isinstance(value, dict):
        for member in map(_plain, get_args(annotation)):
            if isinstance(member, type) and issubclass(member, BaseModel) and "kind" in member.model_fields:
                if member.model_fields["kind"].default == value.get("kind"):
                    return member
    return None


def _is_code_field(info: FieldInfo) -> bool:
    """A string held to a pattern (an id, a language tag) or marked ``NotProse`` is a name or a
    code, not text (pydantic moves a field's own ``Annotated`` metadata here)."""
    return any(getattr(item, "pattern", None) or isinstance(item, NotProse) for item in info.metadata)
