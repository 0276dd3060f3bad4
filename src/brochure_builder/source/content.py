"""The content schema: what a brochure YAML file may say, as typed, frozen models.

Block kinds register themselves in ``BLOCK_MODELS``; the layout has a matching registry of
builders, so a new kind is one model here and one builder there.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .chartdata import (
    CHART_KINDS as CHART_KINDS,
)
from .chartdata import (
    SINGLE_SERIES,
    ChartTable,
    count_problem,
    read_chart_table,
    value_problem,
)
from .formats import check_value_format
from .languages import check_language
from .limits import MAX_VALUE, MIN_IMAGE_WIDTH
from .photos import Aspect, Focus, Photo, alt_problem
from .schema import (
    IN_MM,
    BrandPath,
    ImagePath,
    Millimetres,
    Model,
    Number,
    ScreenOptions,
    Text,
    not_boolean,
    pattern,
    resolve_path,
)
from .tables import Table as Table  # registered below, beside the other kinds
from .yamlsource import DocPath

BLOCK_MODELS: dict[str, type[Model]] = {}
Placement = Literal["flow", "bottom"]
"""``bottom`` anchors a block to the foot of the page it lands on, as a designer would."""

def _plottable(value: float) -> float:
    if abs(value) > MAX_VALUE:
        raise ValueError(f"is beyond ±{MAX_VALUE:g}, more than a chart can show; give it in larger units "
                         "(thousands, millions)")
    return value


Value = Annotated[Number, AfterValidator(_plottable)]
"""A chart value: finite, not true or false, within ±``MAX_VALUE``."""


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
    icon: ImagePath | None = None


@block_kind
class Cards(Model):
    kind: Literal["cards"] = "cards"
    items: list[Card] = Field(min_length=1, max_length=4)


class Point(Model):
    label: Text
    value: Value
    note: str | None = None


def _whole_number_as_text(value: object) -> object:
    """Categories are labels; a year written as 2021 is read as the label "2021"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Category = Annotated[str, BeforeValidator(_whole_number_as_text), Field(min_length=1)]


class Series(Model):
    name: Text
    values: list[Value] = Field(min_length=1)


def _read_table(value: object, info: ValidationInfo) -> object:
    """``data_from``: the CSV file, resolved like an asset path and read at load."""
    if not isinstance(value, str | Path):
        return value
    kind = info.data.get("chart")
    if kind is None:  # the chart kind is wrong; that error says enough
        raise ValueError("cannot be read without a valid chart kind")
    return read_chart_table(resolve_path(Path(value), info, value), kind)  # value: knows an included file


DataFile = Annotated[ChartTable, BeforeValidator(_read_table),
                     WithJsonSchema({"type": "string", "description": "a CSV file next to the brochure"})]


@block_kind
class Chart(Model):
    DEFAULT_TEXTS: ClassVar[dict[str, tuple[str, str, str]]] = {
        "axis_label": ("chart", "rank", "Rank (1st is best)")}
    """Texts a reader sees when a field is left out, for one kind of chart (field: the setting,
    its value, the English text): translated with the brochure's texts (``translation/fields.py``)."""
    kind: Literal["chart"] = "chart"
    chart: Literal["rank", "bar", "line", "column", "stacked", "donut"]
    title: Text
    alt: Text
    source: Text
    data: list[Point] | None = Field(default=None, min_length=1,
                                     description="rank, bar and donut: items of label, value and note")
    categories: list[Category] | None = Field(default=None, min_length=1,
                                              description="line, column and stacked: the labels along the axis")
    series: list[Series] | None = Field(default=None, min_length=1,
                                        description="line, column and stacked: one value per category each")
    data_from: DataFile | None = Field(default=None, description="a CSV file instead of inline data")
    highlight: str | None = None
    value_format: Annotated[str, AfterValidator(check_value_format)] = Field(
        default="{:g}", description="one {} field for the number, with a format such as {:,.1f} km")
    stacking: Literal["absolute", "percent"] = Field(default="absolute", description="stacked: bars of 100%?")
    axis_label: str | None = Field(default=None, description=(
        "the value axis title (rank: \"Rank (1st is best)\", in the brochure's language or its catalogue's)"))
    height: Millimetres = Field(default=70, gt=20, le=250, description="height in mm")

    @field_validator("data")
    @classmethod
    def _data_suits_the_kind(cls, data: list[Point], info: ValidationInfo) -> list[Point]:
        if data is None:  # written as null: the model's check says what is missing
            return data
        kind = info.data.get("chart")
        if kind is not None and kind not in SINGLE_SERIES:
            raise ValueError(f"a {kind} chart takes categories and series, not data")
        if kind is not None:
            problem = count_problem(kind, points=len(data)) or value_problem(kind, [p.value for p in data])
            if problem:
                raise ValueError(problem)
        return data

    @field_validator("categories")
    @classmethod
    def _categories_suit_the_kind(cls, categories: list[str], info: ValidationInfo) -> list[str]:
        if categories is None:  # written as null: the model's check says what is missing
            return categories
        kind = info.data.get("chart")
        if kind in SINGLE_SERIES:
            raise ValueError(f"a {kind} chart takes data of label and value, not categories")
        problem = count_problem(kind or "", categories=len(categories))
        if problem:
            raise ValueError(problem)
        return categories

    @field_validator("series")
    @classmethod
    def _series_suit_the_kind(cls, series: list[Series], info: ValidationInfo) -> list[Series]:
        if series is None:  # written as null: the model's check says what is missing
            return series
        kind = info.data.get("chart")
        if kind in SINGLE_SERIES:
            raise ValueError(f"a {kind} chart takes data of label and value, not series")
        categories = info.data.get("categories")
        for index, one in enumerate(series):
            if categories is not None and len(one.values) != len(categories):
                raise ValueError(f"series[{index}] '{one.name}' has {len(one.values)} values "
                                 f"for {len(categories)} categories")
            problem = kind and value_problem(kind, one.values)
            if problem:
                raise ValueError(f"series[{index}] '{one.name}': {problem}")
        problem = count_problem(kind or "", series=len(series))
        if problem:
            raise ValueError(problem)
        return series

    @field_validator("highlight")
    @classmethod
    def _highlight_names_something(cls, highlight: str, info: ValidationInfo) -> str:
        kind = info.data.get("chart")
        names = _highlightable(kind, info.data)
        if names is not None and highlight not in names:
            what = "series" if kind == "line" else "categories" if kind in ("column", "stacked") else "labels"
            raise ValueError(f"highlight '{highlight}' is not one of the {what} {names}")
        return highlight

    @field_validator("stacking")
    @classmethod
    def _stacking_is_for_stacked(cls, stacking: str, info: ValidationInfo) -> str:
        if info.data.get("chart") not in ("stacked", None):
            raise ValueError("stacking applies to stacked charts only")
        return stacking

    @model_validator(mode="after")
    def _data_is_given_once(self) -> Chart:
        single = self.chart in SINGLE_SERIES
        inline = self.data is not None if single else self.series is not None or self.categories is not None
        if self.data_from is not None and inline:
            raise ValueError("give the data inline or in data_from, not both")
        if self.data_from is None and single and self.data is None:
            raise ValueError(f"a {self.chart} chart needs data (a list of label and value) or data_from")
        if self.data_from is None and not single and (self.series is None or self.categories is None):
            raise ValueError(f"a {self.chart} chart needs categories and series, or data_from")
        return self

    @property
    def points(self) -> list[Point]:
        """The data of a single-series chart, inline or from its CSV file."""
        if self.data_from is not None:
            return [Point(label=p.label, value=p.value, note=p.note) for p in self.data_from.points]
        return list(self.data or [])

    @property
    def labels(self) -> list[str]:
        """The categories of a multi-series chart, inline or from its CSV file."""
        return list(self.data_from.categories) if self.data_from is not None else list(self.categories or [])

    @property
    def all_series(self) -> list[Series]:
        if self.data_from is not None:
            return [Series(name=s.name, values=list(s.values)) for s in self.data_from.series]
        return list(self.series or [])


def _highlightable(kind: str | None, data: dict[str, Any]) -> list[str] | None:
    """What a highlight may name: a series of a line chart, a category of a column or stacked
    chart, a label of the others; None when the data did not validate."""
    table: ChartTable | None = data.get("data_from")
    if kind == "line":
        series = data.get("series") or (table.series if table else None)
        return [s.name for s in series] if series else None
    if kind in ("column", "stacked"):
        return data.get("categories") or (list(table.categories) if table else None)
    points = data.get("data") or (table.points if table else None)
    return [p.label for p in points] if points else None


block_kind(Table)


@block_kind
class Image(Model):
    kind: Literal["image"] = "image"
    path: ImagePath
    alt: str = Field(default="", description="what the picture shows (required unless decorative)")
    decorative: bool = Field(default=False, description="decoration only: no alt text, not read aloud")
    caption: str | None = None
    credit: str | None = Field(default=None, description="who made the picture: printed small under it")
    bleed: bool = Field(default=False, description=(
        "a photo across the page's whole width, into the bleed (its height from height or aspect)"))
    fit: Literal["width", "cover", "contain"] = Field(default="width", description=(
        "width: as tall as its width makes it; cover: fills a box, cropped; contain: whole, inside a box"))
    width: Number = Field(default=1.0, ge=MIN_IMAGE_WIDTH, le=1, description="fraction of the column width")
    align: Literal["left", "centre", "right"] = Field(
        default="left", description="where an image narrower than its column sits")
    height: Annotated[float, Field(ge=10, le=400, allow_inf_nan=False), BeforeValidator(not_boolean), IN_MM] | None = (
        Field(default=None, description="the box's height in mm"))  # limits first: the schema shows them
    aspect: Aspect | None = Field(default=None, description="the box's width to height instead, such as \"16:9\"")
    focus: Focus | None = Field(default=None, description=(
        "fit: cover and bleed: the point kept in view, [x, y] from the left and top, 0 to 1 (default: the middle)"))

    @field_validator("bleed")
    @classmethod
    def _bleed_crops_a_photo(cls, bleed: bool, info: ValidationInfo) -> bool:
        if bleed and _is_drawing(info):
            raise ValueError("a full-bleed image is a photo (PNG or JPEG), cropped to fill the page's width; "
                             "an SVG drawing is never cropped")
        return bleed

    @field_validator("fit")
    @classmethod
    def _fit_suits_the_picture(cls, fit: str, info: ValidationInfo) -> str:
        if info.data.get("bleed") and fit != "cover":
            raise ValueError("a full-bleed image fills its box: leave out fit (it is cover)")
        if fit == "cover" and _is_drawing(info):
            raise ValueError("fit: cover crops a photo (PNG or JPEG); an SVG drawing is never cropped: use "
                             "fit: contain")
        return fit

    @field_validator("width", "align")
    @classmethod
    def _not_for_bleed(cls, value: Any, info: ValidationInfo) -> Any:
        if info.data.get("bleed"):
            raise ValueError(f"a full-bleed image spans the page's width: leave out {info.field_name}")
        return value

    @field_validator("height", "aspect")
    @classmethod
    def _only_for_a_box(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and _settled(info) and not _boxed(info.data):
            raise ValueError(f"{info.field_name} sizes the box of fit: cover or contain, or of a full-bleed image; "
                             "this image is as tall as its width makes it")
        if info.field_name == "aspect" and value is not None and info.data.get("height") is not None:
            raise ValueError("give the box's height (mm) or its aspect, not both")
        return value

    @field_validator("focus")
    @classmethod
    def _focus_crops(cls, focus: Any, info: ValidationInfo) -> Any:
        if focus is not None and _settled(info) and not (info.data.get("bleed") or info.data.get("fit") == "cover"):
            raise ValueError("focus says where to crop: it applies to fit: cover and full-bleed images")
        return focus

    @model_validator(mode="after")
    def _alt_or_decorative(self) -> Image:
        problem = alt_problem(self.alt, self.decorative, "image")
        if problem:
            raise ValueError(problem)
        if _boxed({"bleed": self.bleed, "fit": self.fit}) and self.height is None and self.aspect is None:
            what = "a full-bleed image" if self.bleed else f"fit: {self.fit}"
            raise ValueError(f"{what} needs the height of its box: height (mm) or aspect (such as \"16:9\")")
        return self


def _boxed(data: dict[str, Any]) -> bool:
    """An image in a box of a given height: full-bleed, or fitted to cover or be contained."""
    return bool(data.get("bleed")) or data.get("fit") in ("cover", "contain")


def _settled(info: ValidationInfo) -> bool:
    """Whether ``bleed`` and ``fit`` are valid (else their own errors say enough)."""
    return "bleed" in info.data and "fit" in info.data


def _is_drawing(info: ValidationInfo) -> bool:
    path = info.data.get("path")
    return isinstance(path, Path) and path.suffix.lower() == ".svg"


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
    id: Annotated[str, pattern(r"^[A-Za-z0-9_-]+$", "an id of letters, digits, - and _ (such as note-1)")]
    text: Text


@block_kind
class Sources(Model):
    kind: Literal["sources"] = "sources"
    place: Placement = "flow"
    title: str = Field(default="Sources", description=(
        "without one, \"Sources\" in the brochure's language (Šaltiniai, Quellen...) or its catalogue's"))
    items: list[SourceNote] = Field(min_length=1)


@block_kind
class PageBreak(Model):
    kind: Literal["page_break"] = "page_break"
    unless_space: Millimetres | None = Field(default=None, gt=0, le=300, description="mm left on the page")


@block_kind
class ColumnBreak(Model):
    """Inside columns: the blocks after it start the next column."""

    kind: Literal["column_break"] = "column_break"


@block_kind
class Columns(Model):
    kind: Literal["columns"] = "columns"
    count: Literal[2, 3] = 2
    blocks: list[Block] = Field(min_length=1)

    @field_validator("blocks")
    @classmethod
    def _no_page_breaks(cls, blocks: list[Block]) -> list[Block]:
        for index, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                raise ValueError(f"blocks[{index}] is a page_break inside columns: end a column with "
                                 "column_break, or end the columns block and break the page after it")
            if isinstance(block, Image) and block.bleed:
                raise ValueError(f"blocks[{index}] is a full-bleed image inside columns: it spans the page, "
                                 "so it goes before or after the columns block")
        return blocks


if TYPE_CHECKING:  # the registry below, spelled out for the type checker
    Block = (Heading | Paragraph | Bullets | Quote | Stats | Cards | Chart | Table | Image | Callout | Timeline
             | Sources | PageBreak | ColumnBreak | Columns)
else:
    Block = Annotated[Union[tuple(BLOCK_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007
Columns.model_rebuild()


class Meta(Model):
    title: Text
    subtitle: str | None = None
    author: Text
    subject: str = ""
    keywords: list[str] = []
    language: Annotated[str, pattern(r"^[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$",
                                       "a language code like en, or en-GB with a region, sr-Latn with a script"),
                        AfterValidator(check_language)] = "en-GB"
    date: datetime.date | None = Field(
        default=None, description="publication date (YYYY-MM-DD): the PDF's date; else the newest input file's")


class Cover(Model):
    kicker: str | None = None
    title: Text
    subtitle: str | None = None
    pillars: list[Text] = Field(default=[], max_length=4)
    image: Photo | None = Field(default=None, description="a photograph over the whole cover, under its text")


class Section(Model):
    title: Text
    kicker: str | None = None
    colour: str | None = None
    image: Photo | None = Field(default=None, description=(
        "a photograph under the opening band, the band's colour over it (needs new_page: true)"))
    new_page: bool = True
    blocks: list[Block] = Field(min_length=1)

    @field_validator("blocks")
    @classmethod
    def _column_breaks_in_columns(cls, blocks: list[Block]) -> list[Block]:
        for index, block in enumerate(blocks):
            if isinstance(block, ColumnBreak):
                raise ValueError(f"blocks[{index}] is a column_break outside columns: it belongs among the "
                                 "blocks of a columns block (for a new page, use page_break)")
        return blocks


class BackCover(Model):
    heading: Text
    text: str | None = None
    note: str | None = None


class Brochure(Model):
    """A whole brochure: metadata, brand file, cover, sections and back cover."""

    meta: Meta
    brand: BrandPath
    cover: Cover
    sections: list[Section] = Field(min_length=1)
    back_cover: BackCover
    screen: ScreenOptions | None = None


def blocks_in(brochure: Brochure) -> Iterator[tuple[DocPath, Model]]:
    """Every block of the brochure with its path, the blocks in columns too."""
    def visit(blocks: list[Block], path: DocPath) -> Iterator[tuple[DocPath, Model]]:
        for index, block in enumerate(blocks):
            yield (*path, index), block
            if isinstance(block, Columns):
                yield from visit(block.blocks, (*path, index, "blocks"))

    for number, section in enumerate(brochure.sections):
        yield from visit(section.blocks, ("sections", number, "blocks"))
