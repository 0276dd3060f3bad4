"""Property: whatever a mutated document says, the build ends in a PDF or in one of our errors."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brochure_builder import BrochureError
from brochure_builder.builder import build

BASE: dict[str, Any] = {
    "meta": {"title": "Property", "author": "Tests", "keywords": ["a"], "language": "en-GB"},
    "brand": "brand.yaml",
    "cover": {"title": "Cover", "subtitle": "Sub", "pillars": ["One", "Two"]},
    "sections": [
        {"title": "First", "kicker": "01", "blocks": [
            {"kind": "paragraph", "text": "Some **bold** text[^n]."},
            {"kind": "stats", "items": [{"value": "4th", "label": "Rank", "source": "ITU"}]},
            {"kind": "cards", "items": [{"title": "Card", "text": "Text"}]},
            {"kind": "chart", "chart": "bar", "title": "Bars", "alt": "Alt", "source": "S",
             "height": 40, "data": [{"label": "a", "value": 1}, {"label": "b", "value": 2}]},
            {"kind": "columns", "blocks": [{"kind": "bullets", "items": ["x", "y"]}]},
            {"kind": "sources", "items": [{"id": "n", "text": "A note"}]},
        ]},
    ],
    "back_cover": {"heading": "End", "text": "Bye"},
}

values = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=60), st.text(alphabet="<>&*_[]()^\\\"'\n\t\x00\x07ąčę✓\u202e", max_size=30),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["paragraph", "chart", "rank", "bottom", "../x.png", "/etc/passwd", "", "0", "-5"]),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


ALL_PATHS = _paths(BASE)[1:]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "extra"]))
            if action == "replace":
                parent[path[-1]] = draw(values)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue
    return document


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=mutated())
def test_mutated_documents_end_in_a_pdf_or_our_error(document: dict[str, Any], project: Path) -> None:
    source = project / "brochure" / "mutated.yaml"
    source.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    output = project / "out.pdf"
    try:
        result = build(source, output)
    except BrochureError as error:
        assert str(error)
    else:
        assert output.read_bytes().startswith(b"%PDF-") and result.pages >= 3
