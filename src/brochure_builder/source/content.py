"""The content schema: what a brochure YAML file may say, as typed, frozen models.

Block kinds register themselves in ``BLOCK_MODELS``; the layout has a matching registry of
builders, so a new kind is one model here and one builder there.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import Field, model_validator

from .schema import AssetPath, Model, ScreenOptions

BLOCK_MODELS: dict[str, type[Model]] = {}
Placement = Literal["flow", "bottom"]
"""``bottom`` anchors a block to the foot of the page it lands on, as a designer would."""
CHART_KINDS = ("rank", "bar")

Text = Annotated[str, Field(min_length=1)]


def block_kind(cls: type[Model]) -> type[Model]:
    """Register a block model under the literal value of its ``kind`` field."""
    kind = cls.model_fields["kind"].default
    BLOCK_MODELS[kind] = cls
    return cls


@block_kind
class Heading(Model):
    kind: Literal["heading"] = "heading"
    text: Text
    level: Literal[2, 3] = 2


@block_kind
class Paragraph(Model):
    kind: Literal["paragraph"] = "paragraph"
    text: Text
    style: Literal["body", "lead"] = "body"


@block_kind
class Bullets(Model):
    kind: Literal["bullets"] = "bullets"
    items: list[Text] = Field(min_length=1)


@block_kind
class Quote(Model):
    kind: Literal["quote"] = "quote"
    place: Placement = "flow"
    text: Text
    attribution: str | None = None


class Stat(Model):
    value: Text
    label: Text
    source: Text


@block_kind
class Stats(Model):
    kind: Literal["stats"] = "stats"
    place: Placement = "flow"
    items: list[Stat] = Field(min_length=1, max_length=4)


class Card(Model):
    title: Text
    text: Text
    icon: AssetPath | None = None


@block_kind
class Cards(Model):
    kind: Literal["cards"] = "cards"
    items: list[Card] = Field(min_length=1, max_length=4)


MAX_RANK = 1000


class Point(Model):
    label: Text
    value: float = Field(allow_inf_nan=False)
    note: str | None = None


@block_kind
class Chart(Model):
    kind: Literal["chart"] = "chart"
    chart: Literal["rank", "bar"]
    title: Text
    alt: Text
    source: Text
    data: list[Point] = Field(min_length=1, max_length=24)
    highlight: str | None = None
    value_format: str = "{:g}"
    height: float = Field(default=70, gt=20, le=250, description="height in mm")

    @model_validator(mode="after")
    def _highlight_is_a_label(self) -> Chart:
        labels = [p.label for p in self.data]
        if self.highlight is not None and self.highlight not in labels:
            raise ValueError(f"highlight '{self.highlight}' is not one of the labels {labels}")
        return self

    @model_validator(mode="after")
    def _values_suit_the_kind(self) -> Chart:
        values = [p.value for p in self.data]
        if self.chart == "rank" and not all(v == int(v) and 1 <= v <= MAX_RANK for v in values):
            raise ValueError(f"a rank chart's values are ranks: whole numbers from 1 to {MAX_RANK}, got {values}")
        if self.chart == "bar" and min(values) < 0:
            raise ValueError(f"a bar chart's bars start at zero: values cannot be negative, got {values}")
        return self


@block_kind
class Image(Model):
    kind: Literal["image"] = "image"
    path: AssetPath
    alt: str
    decorative: bool = Field(default=False, description="decoration only: no alt text, not read aloud")
    caption: str | None = None
    width: float = Field(default=1.0, gt=0, le=1, description="fraction of the column width")
    align: Literal["left", "centre", "right"] = Field(
        default="left", description="where an image narrower than its column sits")

    @model_validator(mode="after")
    def _alt_or_decorative(self) -> Image:
        if self.decorative and self.alt.strip():
            raise ValueError("a decorative image has no alt text: give alt: \"\" with decorative: true")
        if not self.decorative and not self.alt.strip():
            raise ValueError("alt text is required: say what the image shows, or mark it decorative: true "
                             "with alt: \"\"")
        return self


@block_kind
class Callout(Model):
    kind: Literal["callout"] = "callout"
    place: Placement = "flow"
    title: str | None = None
    text: Text


class Milestone(Model):
    when: Text
    text: Text


@block_kind
class Timeline(Model):
    kind: Literal["timeline"] = "timeline"
    items: list[Milestone] = Field(min_length=1, max_length=12)


class SourceNote(Model):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")]
    text: Text


@block_kind
class Sources(Model):
    kind: Literal["sources"] = "sources"
    place: Placement = "flow"
    title: str = "Sources"
    items: list[SourceNote] = Field(min_length=1)


@block_kind
class PageBreak(Model):
    kind: Literal["page_break"] = "page_break"
    unless_space: float | None = Field(default=None, gt=0, description="mm left on the page")


@block_kind
class Columns(Model):
    kind: Literal["columns"] = "columns"
    count: Literal[2, 3] = 2
    blocks: list[Block] = Field(min_length=1)


if TYPE_CHECKING:  # the registry below, spelled out for the type checker
    Block = (Heading | Paragraph | Bullets | Quote | Stats | Cards | Chart | Image | Callout | Timeline
             | Sources | PageBreak | Columns)
else:
    Block = Annotated[Union[tuple(BLOCK_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007
Columns.model_rebuild()


class Meta(Model):
    title: Text
    subtitle: str | None = None
    author: Text
    subject: str = ""
    keywords: list[str] = []
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en-GB"
    date: datetime.date | None = Field(
        default=None, description="publication date (YYYY-MM-DD): the PDF's date; else the newest input file's")


class Cover(Model):
    kicker: str | None = None
    title: Text
    subtitle: str | None = None
    pillars: list[Text] = Field(default=[], max_length=4)


class Section(Model):
    title: Text
    kicker: str | None = None
    colour: str | None = None
    new_page: bool = True
    blocks: list[Block] = Field(min_length=1)


class BackCover(Model):
    heading: Text
    text: str | None = None
    note: str | None = None


class Brochure(Model):
    """A whole brochure: metadata, brand file, cover, sections and back cover."""

    meta: Meta
    brand: AssetPath
    cover: Cover
    sections: list[Section] = Field(min_length=1)
    back_cover: BackCover
    screen: ScreenOptions | None = None
