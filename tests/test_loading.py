from collections.abc import Callable
from pathlib import Path

import pytest

from brochure_builder import ContentError, load
from brochure_builder.source.content import BLOCK_MODELS, Chart, Paragraph

from .conftest import BUNDLED, MINIMAL


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load(path)
    return [str(p) for p in error.value.problems]


def test_bundled_brochure_is_valid() -> None:
    document = load(BUNDLED)
    assert document.brochure.meta.title.startswith("Lithuania")
    assert document.brand.fonts.family == "Lato"
    kinds = {b.kind for s in document.brochure.sections for b in s.blocks}
    assert {"paragraph", "cards", "stats", "chart", "timeline", "sources", "columns"} <= kinds


def test_minimal_brochure_is_valid(write_brochure: Callable[[str], Path]) -> None:
    document = load(write_brochure(MINIMAL))
    block = document.brochure.sections[0].blocks[0]
    assert isinstance(block, Paragraph) and block.text.startswith("Hello")


def test_missing_field_names_file_line_and_path(write_brochure: Callable[[str], Path]) -> None:
    path = write_brochure(MINIMAL.replace("  title: Small\n", "  subtitle: Small\n"))
    assert problems(path) == [f"{path}:5:1: cover.title: required but missing"]


def test_all_errors_of_a_file_are_reported_at_once(write_brochure: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("author: Tests", "author: Tests\n  colour: blue").replace(
        "kind: paragraph", "kind: paragraf"
    )
    found = problems(write_brochure(text))
    assert len(found) == 2
    assert ":4:3: meta.colour: unknown key 'colour'" in found[0]
    assert found[1].endswith(
        ":11:15: sections[0].blocks[0].kind: unknown block kind 'paragraf'; did you mean 'paragraph'?"
    )


def test_unknown_key_suggests_the_near_miss(write_brochure: Callable[[str], Path]) -> None:
    found = problems(write_brochure(MINIMAL.replace("heading: The end", "heading: The end\n  txt: x")))
    assert found[0].endswith("back_cover.txt: unknown key 'txt'; did you mean 'text'?")


def test_wrong_type_says_what_was_expected(write_brochure: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", """\
      - kind: chart
        chart: rank
        title: T
        alt: A
        source: S
        data:
          - { label: a, value: high }
""")
    found = problems(write_brochure(text))
    assert len(found) == 1
    assert ":16:32: sections[0].blocks[0].data[0].value: Input should be a valid number" in found[0]


def test_missing_asset_is_named_with_its_line(write_brochure: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", """\
      - kind: image
        path: ../assets/nope.png
        alt: nothing
""")
    found = problems(write_brochure(text))
    assert ":11:15: sections[0].blocks[0].path: file not found: ../assets/nope.png" in found[0]


@pytest.mark.parametrize(("written", "said"), [
    ("../assets/logos/lithuania-makr.svg", "; did you mean ../assets/logos/lithuania-mark.svg?"),
    ("../asset/logos/lithuania-mark.svg", "; there is no folder ../asset/logos"),
    ("../assets/logos/zzzz.svg", ""),
])
def test_a_path_not_found_says_what_is_near(write_brochure: Callable[[str], Path], written: str, said: str) -> None:
    """A misspelt name is answered with the close name of that folder, once, without '(found ...)'."""
    text = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", f"""\
      - kind: image
        path: {written}
        alt: nothing
""")
    found = problems(write_brochure(text))
    assert f"file not found: {written} (looked for " in found[0] and found[0].endswith(f"){said}"), found[0]
    assert "(found" not in found[0]


def test_asset_may_not_leave_the_project(write_brochure: Callable[[str], Path]) -> None:
    found = problems(write_brochure(MINIMAL.replace("brand: brand.yaml", "brand: ../../../etc/passwd")))
    assert "leaves the project folder" in found[0]


def test_section_colour_must_be_a_brand_colour(write_brochure: Callable[[str], Path]) -> None:
    found = problems(write_brochure(MINIMAL.replace("  - title: Only section", "  - title: Only section\n    colour: purple")))
    assert ":9:13: sections[0].colour: 'purple' is not a colour of the brand" in found[0]


def test_chart_highlight_must_be_a_label(write_brochure: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", """\
      - kind: chart
        chart: bar
        title: T
        alt: A
        source: S
        highlight: Nowhere
        data: [{ label: a, value: 1 }]
""")
    assert "highlight 'Nowhere' is not one of the labels" in problems(write_brochure(text))[0]


def test_brand_errors_point_into_the_brand_file(write_brochure: Callable[[str], Path], project: Path) -> None:
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("  primary: green", "  primary: greem"))
    found = problems(write_brochure(MINIMAL))
    assert found[0].startswith(f"{brand}:") and "roles.primary: 'greem' is not a colour" in found[0]


def test_every_block_kind_has_a_builder_and_every_chart_kind_a_drawer() -> None:
    from brochure_builder.charts.kinds import CHART_DRAWERS
    from brochure_builder.layout.blocks import BUILDERS

    assert set(BUILDERS) == set(BLOCK_MODELS.values())
    assert set(CHART_DRAWERS) == set(Chart.model_fields["chart"].annotation.__args__)
