"""The Lithuanian edition of the bundled brochure, as a reader and a Lithuanian editor see it."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pyphen
import pytest
from babel.dates import format_date, format_skeleton, get_month_names
from babel.messages.catalog import Message
from babel.numbers import format_decimal

from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus
from brochure_builder.source.loading import load
from brochure_builder.source.translation.catalogue import catalogue_path, read_catalogue

from .conftest import BUNDLED, ROOT

MONTHS = {name: number for number, name in get_month_names("wide", locale="en").items()}
FULL_DATE = re.compile(rf"(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})")
DAY_AND_MONTH = re.compile(rf"(\d{{1,2}}) ({'|'.join(MONTHS)})(?! \d)")
NUMBER = re.compile(r"\d+(?:,\d{3})+|\d+\.\d+")
UNSEEN = ("meta.", "chart.alt", "image.alt", "chart.axis_label")
"""Contexts whose text is in the file's metadata or alt text, not on the page; and a rank axis
title, set upright, whose letters the text extraction scatters among the lines beside it
(test_languages.py reads it on a page of its own)."""


@pytest.fixture(scope="module")
def entries() -> list[Message]:
    return [m for m in read_catalogue(catalogue_path(BUNDLED, "lt")) if m.id]


def text_of(pdf_path: Path) -> str:
    """The text of every page in drawing order (columns side by side stay apart)."""
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text(use_text_flow=True) or "" for page in pdf.pages)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def page_text(bundled_lt_pdf: Path) -> str:
    """White space removed (ReportLab writes none at line ends), words hyphenated at a line end
    joined again."""
    return re.sub(r"\s+", "", re.sub("[\u00ad-]\n", "", text_of(bundled_lt_pdf)))


def test_every_text_is_translated_and_nothing_is_fuzzy() -> None:
    document = load(BUNDLED, language="lt")
    assert document.untranslated == ()
    assert document.brochure.meta.language == "lt"


def test_every_translation_is_on_the_page(entries: list[Message], page_text: str) -> None:
    seen = [m for m in entries if not m.context.startswith(UNSEEN)]
    assert len(seen) > 90
    for message in seen:
        text = message.string.upper() if message.context == "sections.kicker" else message.string
        pieces = re.split(r"\[\^[\w-]+\]", re.sub(r"\*\*|\s+", "", text))
        assert re.search(r"\d*".join(map(re.escape, pieces)), page_text), message.string  # notes: numbers


def test_the_file_says_it_is_lithuanian(bundled_lt_pdf: Path) -> None:
    with pikepdf.open(bundled_lt_pdf) as pdf:
        assert str(pdf.Root.Lang) == "lt"
        assert str(pdf.docinfo["/Title"]) == "Lietuva – atvira platforma viešojo sektoriaus pertvarkai"
        assert "Pasaulinis kibernetinio saugumo indeksas" in str(pdf.docinfo["/Keywords"])


def test_dates_and_numbers_are_written_as_babel_formats_them_for_lithuanian(entries: list[Message]) -> None:
    abbreviated = get_month_names("abbreviated", locale="lt")
    checked = 0
    for message in entries:
        for day, month, year in FULL_DATE.findall(message.id):
            date = datetime.date(int(year), MONTHS[month], int(day))
            assert plain(format_date(date, "long", locale="lt")) in plain(message.string), message.string
            checked += 1
        for day, month in DAY_AND_MONTH.findall(message.id):
            date = datetime.date(2000, MONTHS[month], int(day))
            forms = [format_skeleton("MMMMd", date, locale="lt"), f"{abbreviated[MONTHS[month]]} {day} d."]
            assert any(plain(form) in plain(message.string).lower() for form in forms), message.string
            checked += 1
        for number in NUMBER.findall(message.id):
            lithuanian = format_decimal(float(number.replace(",", "")), locale="lt")
            assert plain(lithuanian) in plain(message.string), message.string
            checked += 1
        assert not re.search(r"\d\.\d", message.string), f"a decimal point: {message.string}"
    assert checked >= 15


def test_quotation_marks_are_lithuanian(entries: list[Message], page_text: str) -> None:
    assert "„Baltijosk" in page_text and "„kelionių" in page_text
    assert not any(mark in m.string for m in entries for mark in '"”')  # „ opens, “ closes
    assert all(m.string.count("„") == m.string.count("“") for m in entries)


def test_line_ends_are_hyphenated_by_the_lithuanian_dictionary(bundled_lt_pdf: Path) -> None:
    lithuanian = pyphen.Pyphen(lang="lt")
    breaks = re.findall(r"([^\W\d_]+)[\u00ad-]\n([^\W\d_]+)", text_of(bundled_lt_pdf))
    assert len(breaks) >= 5
    for head, tail in breaks:
        assert len(head) in lithuanian.positions(head + tail), f"{head}-{tail}"


def test_make_build_writes_both_editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("brochure", "assets"):
        os.symlink(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--lang", "all"]) == ExitStatus.SUCCESS
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "lithuania-lt-print.pdf", "lithuania-lt.pdf", "lithuania-print.pdf", "lithuania.pdf"]
    assert "warning" not in capsys.readouterr().err
    assert "--lang all" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_page_labels_and_note_links_speak_the_editions_language(bundled_lt_pdf: Path) -> None:
    """A viewer shows "Viršelis" for the cover's page number, and a screen reader hears a
    note mark's link described in Lithuanian, not English."""
    import pikepdf

    with pikepdf.open(bundled_lt_pdf) as pdf:
        labels = pdf.Root.PageLabels.Nums
        prefixes = [str(labels[i + 1].get("/P", "")) for i in range(0, len(labels), 2)]
        contents = {str(a.get("/Contents", "")) for page in pdf.pages for a in page.get("/Annots", [])
                    if "/Dest" in a or ("/A" in a and "/D" in a.A)}
    assert "Viršelis" in prefixes and "Galinis viršelis" in prefixes, prefixes
    assert contents == {"Eiti į šaltinio pastabą"}, contents
