"""Authoring: the scaffold, validate, the editor schema and watch."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pdfplumber
import pytest
import yaml

from brochure_builder.builder import build_all
from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus
from brochure_builder.source.content import BLOCK_MODELS, CHART_KINDS
from brochure_builder.source.editor_schema import schema_text

from .conftest import MINIMAL, ROOT


def test_new_scaffold_builds_as_is_and_shows_every_block_kind(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert main(["new", str(folder)]) == ExitStatus.SUCCESS
    source = folder / "brochure.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    blocks = [b for s in data["sections"] for b in s["blocks"]]
    kinds = {b["kind"] for b in blocks} | {b["kind"] for b in blocks if b["kind"] == "columns" for b in b["blocks"]}
    assert kinds == set(BLOCK_MODELS)
    assert {b["chart"] for b in blocks if b["kind"] == "chart"} == set(CHART_KINDS)
    results = build_all(source, folder / "out" / "mine.pdf")
    assert [r.warnings for r in results] == [[], []]  # the photo too prints at 300 ppi
    assert main(["new", str(folder)]) == ExitStatus.USAGE_ERROR  # never overwrites
    for result, box in zip(results, ("/MediaBox", "/BleedBox")):  # a full-bleed photo, edge to edge
        with pdfplumber.open(result.path) as pdf:
            edges = [float(v) for v in pdf.pages[-2].page_obj.attrs[box.lstrip("/")]]
            widest = max(pdf.pages[-2].images, key=lambda i: i["x1"] - i["x0"])
        assert (widest["x0"], widest["x1"]) == pytest.approx((edges[0], edges[2]), abs=0.01)


def test_validate_good_and_bad(write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(write_brochure(MINIMAL))]) == ExitStatus.SUCCESS
    bad = write_brochure(MINIMAL.replace("kind: paragraph", "kind: paragraf"), name="bad.yaml")
    assert main(["validate", str(bad)]) == ExitStatus.CONTENT_ERROR
    assert f"{bad}:10:15: sections[0].blocks[0].kind: unknown block kind 'paragraf'" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["brochure", "brand"])
def test_committed_schemas_are_current(which: str) -> None:
    assert (ROOT / "schema" / f"{which}.schema.json").read_text(encoding="utf-8") == schema_text(which)


@pytest.mark.parametrize(("which", "document"), [("brochure", "lithuania.yaml"), ("brand", "lithuania-brand.yaml")])
def test_schema_accepts_the_bundled_yaml_and_rejects_a_broken_one(which: str, document: str) -> None:
    text = (ROOT / "brochure" / document).read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{which}.schema.json\n")
    validator = jsonschema.Draft202012Validator(json.loads(schema_text(which)))
    data = yaml.safe_load(text)
    assert list(validator.iter_errors(data)) == []
    if which == "brochure":
        data["sections"][0]["blocks"][0]["kind"] = "paragraf"
        data["meta"]["titel"] = "typo"
    else:
        data["colours"]["green"]["rgb"] = "green"
    assert list(validator.iter_errors(data))


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == ExitStatus.SUCCESS
    assert json.loads(capsys.readouterr().out)["title"] == "brochure-builder Brochure"


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll until ``condition`` holds; the only waiting a test here does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_watch_rebuilds_and_survives_a_broken_save(write_brochure: Callable[[str], Path], tmp_path: Path) -> None:
    from brochure_builder.watch import watch

    source = write_brochure(MINIMAL)
    output = tmp_path / "watched.pdf"
    messages: list[tuple[str, bool]] = []
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(source, output, lambda m, bad: messages.append((m, bad)), stop))
    worker.start()
    try:
        assert _wait_for(lambda: len(messages) >= 1 and output.exists())
        first = output.read_bytes()
        source.write_text(source.read_text(encoding="utf-8").replace("title: Small", "title: Changed"), encoding="utf-8")
        assert _wait_for(lambda: output.read_bytes() != first)
        with pdfplumber.open(output) as pdf:
            assert "Changed" in pdf.pages[0].extract_text()
        good = output.read_bytes()
        source.write_text("meta: [broken\n", encoding="utf-8")
        assert _wait_for(lambda: any(bad for _m, bad in messages))
        assert output.read_bytes() == good
        assert any("not valid YAML" in m for m, bad in messages if bad)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()


def test_quiet_prints_nothing_on_success(write_brochure: Callable[[str], Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quiet", "build", str(write_brochure(MINIMAL)), "-o", str(tmp_path / "q.pdf")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert main(["--verbose", "build", str(write_brochure(MINIMAL)), "-o", str(tmp_path / "v.pdf")]) == 0
    out = capsys.readouterr().out
    assert "cache" in out and "wrote" in out


def test_common_options_work_before_and_after_the_command(
    write_brochure: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(write_brochure(MINIMAL))
    assert main(["build", source, "-o", str(tmp_path / "a.pdf"), "-q"]) == 0
    assert main(["-q", "build", source, "-o", str(tmp_path / "b.pdf")]) == 0
    assert capsys.readouterr().out == ""


def test_an_image_edited_in_place_is_read_again(project: Path, write_brochure: Callable[[str], Path],
                                                tmp_path: Path) -> None:
    """watch rebuilds in one process: an edited image must not come from a stale cache."""
    import os

    import pikepdf
    from PIL import Image

    from brochure_builder.builder import build

    picture = project / "assets" / "edited.png"
    Image.new("RGB", (400, 200), "#006A44").save(picture)
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                            "      - kind: image\n        path: ../assets/edited.png\n        alt: x\n"))

    def embedded(name: str) -> bytes:
        build(source, tmp_path / name)
        with pikepdf.open(tmp_path / name) as pdf:
            (image,) = pdf.pages[1].get_images().values()
            return bytes(image.read_raw_bytes())

    first = embedded("one.pdf")
    Image.new("RGB", (400, 200), "#C1272D").save(picture)  # same size: only the pixels change
    os.utime(picture, ns=(picture.stat().st_atime_ns, picture.stat().st_mtime_ns + 1_000_000))
    assert embedded("two.pdf") != first
