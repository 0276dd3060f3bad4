"""``include: FILE.yaml``: sections and blocks shared between brochures."""

from __future__ import annotations

import json
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pdfplumber
import pytest
import yaml

from brochure_builder.builder import build
from brochure_builder.cli import main
from brochure_builder.source.editor_schema import schema_text
from brochure_builder.source.loading import load, personalise
from brochure_builder.source.textfields import text_fields

MAIN = """
meta: { title: Shared, author: A }
brand: brand.yaml
cover: { title: Shared }
sections:
  - title: First
    blocks:
      - { kind: paragraph, text: Before the contacts. }
      - include: shared/contacts.yaml
      - { kind: paragraph, text: After the contacts. }
  - include: shared/about.yaml
  - title: Last
    blocks:
      - { kind: paragraph, text: The last section. }
back_cover: { heading: H }
"""
CONTACTS = """
- kind: heading
  text: Contacts
- kind: image
  path: ../../assets/icons/innovation.svg
  alt: An icon
  width: 0.2
- kind: paragraph
  text: Write to us.
"""
ABOUT = """
title: About us
blocks:
  - { kind: paragraph, text: Who we are. }
  - include: contacts.yaml
  - include: ../shared/budget.yaml
"""
BUDGET = """
- kind: table
  rows_from: budget.csv
  columns: [{ title: Area, csv_column: label }, { title: Amount, csv_column: value, format: "{:,.0f}" }]
- { kind: chart, chart: bar, title: Amounts, alt: Bars, source: Tests, data_from: budget.csv, height: 30 }
"""


@pytest.fixture
def shared(project: Path) -> Callable[..., Path]:
    """Write the main brochure and its shared files (each may be replaced) and return it."""
    def write(changes: dict[str, str] | None = None) -> Path:
        files = {"main.yaml": MAIN, "shared/contacts.yaml": CONTACTS, "shared/about.yaml": ABOUT,
                 "shared/budget.yaml": BUDGET, "shared/budget.csv": "label,value\nRoads,1200\nParks,300\n",
                 **(changes or {})}
        for name, text in files.items():
            target = project / "brochure" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return project / "brochure" / "main.yaml"

    return write


def test_included_sections_and_blocks_take_their_place(shared: Callable[..., Path], tmp_path: Path) -> None:
    """Files holding a list of blocks or one section, including others; paths in an included
    file (an icon, a table's and a chart's CSV file) are relative to it."""
    build(shared(), tmp_path / "shared.pdf")
    with pdfplumber.open(tmp_path / "shared.pdf") as pdf:
        text = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
        images = [len(page.images) + len(page.curves) for page in pdf.pages]
    assert "Before the contacts. Contacts Write to us. After the contacts." in text[1]
    assert "About us Who we are. Contacts Write to us. Area Amount Roads 1,200 Parks 300 Amounts" in text[2]
    assert "The last section." in text[3]
    assert images[1] and images[2], "the icon named in the included file is drawn"


def test_an_error_in_an_included_file_names_that_file_and_line(
    shared: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main_file = shared({"shared/contacts.yaml": CONTACTS.replace("  text: Contacts", "  txt: Contacts"),
                        "shared/about.yaml": ABOUT.replace("title: About us\n", "")})
    assert main(["validate", str(main_file)]) == 1
    err = capsys.readouterr().err
    contacts, about = main_file.parent / "shared" / "contacts.yaml", main_file.parent / "shared" / "about.yaml"
    assert f"error: {contacts}:2:3: [0].txt: unknown key 'txt'; did you mean 'text'?" in err
    assert f"error: {about}:1:1: title: required but missing" in err
    assert "main.yaml" not in err


def test_an_error_after_an_include_names_its_own_place(
    shared: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Included items shift the items after them; an error there still names its own line and
    its own index in the file (sections[2], not the expanded document's sections[3])."""
    main_file = shared({"main.yaml": MAIN.replace("{ kind: paragraph, text: The last section. }",
                                                  "{ kind: paragraph, text: The last section., extra: 1 }")})
    assert main(["validate", str(main_file)]) == 1
    assert f"error: {main_file}:13:53: sections[2].blocks[0].extra: unknown key 'extra'" in capsys.readouterr().err


def test_a_character_the_font_lacks_in_an_included_file_is_named_there(
    shared: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main_file = shared({"shared/about.yaml": ABOUT.replace("Who we are.", "Who we are ✓")})
    assert main(["validate", str(main_file)]) == 1
    about = main_file.parent / "shared" / "about.yaml"
    assert f"error: {about}:3:30: blocks[0].text: character '✓'" in capsys.readouterr().err


def test_a_cycle_is_refused_with_its_chain(shared: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    main_file = shared({"shared/contacts.yaml": CONTACTS + "- include: about.yaml\n"})
    assert main(["validate", str(main_file)]) == 1
    about = main_file.parent / "shared" / "about.yaml"
    assert (f"error: {about}:4:14: blocks[1].include: include cycle: brochure/shared/contacts.yaml -> "
            "brochure/shared/about.yaml -> brochure/shared/contacts.yaml") in capsys.readouterr().err


def test_includes_nest_only_so_deep(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from brochure_builder.source.includes import MAX_INCLUDE_DEPTH

    folder = project / "brochure"
    for level in range(MAX_INCLUDE_DEPTH + 2):
        (folder / f"level{level}.yaml").write_text(f"- include: level{level + 1}.yaml\n")
    (folder / f"level{MAX_INCLUDE_DEPTH + 2}.yaml").write_text("- { kind: paragraph, text: Deep. }\n")
    source = folder / "deep.yaml"
    source.write_text(MAIN.replace("      - include: shared/contacts.yaml", "      - include: level0.yaml")
                      .replace("  - include: shared/about.yaml\n", ""))
    assert main(["validate", str(source)]) == 1
    assert f"included files may nest at most {MAX_INCLUDE_DEPTH} deep" in capsys.readouterr().err
    (folder / f"level{MAX_INCLUDE_DEPTH - 1}.yaml").write_text("- { kind: paragraph, text: Deep. }\n")
    assert main(["validate", str(source)]) == 0


def test_included_text_is_translated_and_merged_like_any_text(shared: Callable[..., Path]) -> None:
    """Translations and mail merge walk the text of the loaded document: included text is in it."""
    source = shared({"shared/contacts.yaml": CONTACTS.replace("Write to us.", "Write to {{ name }}.")})
    document = load(source)
    texts = [text for _path, text in text_fields(document.source.data)]
    assert "Who we are." in texts and "Write to {{ name }}." in texts
    filled = personalise(document, {"name": "Ona"})
    assert sum(text == "Write to Ona." for _path, text in text_fields(filled.source.data)) == 2
    assert filled.brochure.sections[1].blocks[1].kind == "heading"
    (source.parent / "main.lt.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: lt\\n"\n\n'
        'msgctxt "paragraph.text"\nmsgid "Who we are."\nmsgstr "Kas mes esame."\n', encoding="utf-8")
    translated = load(source, language="lt")
    assert translated.brochure.sections[1].blocks[0].text == "Kas mes esame."
    untranslated = [str(problem) for problem in translated.untranslated]
    assert any("shared/contacts.yaml" in line and "'Contacts' is not in main.lt.po" in line for line in untranslated)


def test_the_editor_schema_takes_include_items(shared: Callable[..., Path]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text("brochure")))
    data = yaml.safe_load(shared().read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["sections"][1]["also"] = "x"
    assert list(validator.iter_errors(data))


def test_watch_rebuilds_when_an_included_file_changes(shared: Callable[..., Path], tmp_path: Path) -> None:
    from brochure_builder.watch import watch

    from .test_authoring import _wait_for

    source = shared()
    contacts = source.parent / "shared" / "contacts.yaml"
    output = tmp_path / "watched.pdf"
    messages: list[tuple[str, bool]] = []
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(source, output, lambda m, bad: messages.append((m, bad)), stop))
    worker.start()
    try:
        assert _wait_for(lambda: output.exists())
        first = output.read_bytes()
        contacts.write_text(contacts.read_text(encoding="utf-8").replace("Contacts", "Reach us"), encoding="utf-8")
        assert _wait_for(lambda: output.read_bytes() != first)
        with pdfplumber.open(output) as pdf:
            assert "Reach us" in (pdf.pages[1].extract_text() or "")
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()
    assert not any(bad for _m, bad in messages)


def test_a_symbolic_link_that_loops_is_an_error_not_a_crash(project: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = project / "brochure"
    (folder / "loop1.yaml").symlink_to("loop2.yaml")
    (folder / "loop2.yaml").symlink_to("loop1.yaml")
    (folder / "loop1.csv").symlink_to("loop2.csv")
    (folder / "loop2.csv").symlink_to("loop1.csv")
    source = folder / "loops.yaml"
    source.write_text(MAIN.replace("      - include: shared/contacts.yaml",
                                   "      - include: loop1.yaml\n"
                                   "      - { kind: table, rows_from: loop1.csv, columns: [{ title: A }] }")
                      .replace("  - include: shared/about.yaml\n", ""))
    assert main(["validate", str(source)]) == 1
    assert f"error: {source}:9:18: sections[0].blocks[1].include: 'loop1.yaml' cannot be followed" in (
        capsys.readouterr().err)
    source.write_text(source.read_text().replace("      - include: loop1.yaml\n", ""))
    assert main(["validate", str(source)]) == 1
    assert f"error: {source}:9:35: sections[0].blocks[1].rows_from: 'loop1.csv' cannot be followed" in (
        capsys.readouterr().err)


def test_personalised_copies_of_a_brochure_with_includes(shared: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A mail merge ships the included files to where copies are made (relative paths included)."""
    from brochure_builder.cli import main

    source = shared({"shared/contacts.yaml": CONTACTS.replace("Write to us.", "Write to {{ name }}.")})
    (source.parent / "people.csv").write_text("name\nOna\nJonas\n", encoding="utf-8")
    monkeypatch.chdir(source.parent)
    assert main(["build", "main.yaml", "--data", "people.csv", "--jobs", "1", "-o", "copies"]) == 0, \
        capsys.readouterr().err
    assert sorted(p.name for p in (source.parent / "copies").glob("*.pdf")) == ["Jonas.pdf", "Ona.pdf"]


def test_the_template_names_the_file_an_included_text_is_written_in(shared: Callable[..., Path]) -> None:
    from brochure_builder.source.translation.catalogue import template

    source = shared()
    catalog = template(load(source).source)
    entry = next(message for message in catalog if message.id == "Write to us.")
    assert entry.locations == [("shared/contacts.yaml", 8)]  # its line there, not the brochure's
