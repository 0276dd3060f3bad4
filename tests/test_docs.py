"""The format reference is generated from examples, so it cannot go stale unnoticed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from .conftest import ROOT


def _make_docs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "docs" / "make_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_block_and_chart_kind_has_an_example_and_a_picture() -> None:
    make_docs = _make_docs()
    for name in make_docs.example_names():
        assert (ROOT / "docs" / "examples" / f"{name}.yaml").exists(), name
        assert (ROOT / "docs" / "images" / f"{name}.png").stat().st_size > 1000, name


def test_format_reference_is_current() -> None:
    committed = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == _make_docs().markdown(), "run: python docs/make_docs.py"


def test_each_example_builds_into_its_committed_picture(tmp_path: Path) -> None:
    from PIL import Image, ImageChops

    make_docs = _make_docs()
    make_docs.IMAGES = tmp_path  # pictures into a scratch folder, not the committed one
    stale = []
    for name in make_docs.example_names():
        make_docs.picture(name)
        fresh = Image.open(tmp_path / f"{name}.png").convert("L")
        committed = Image.open(ROOT / "docs" / "images" / f"{name}.png").convert("L")
        if fresh.size != committed.size:
            stale.append(f"{name}: {committed.size} -> {fresh.size}")
            continue
        differing = ImageChops.difference(fresh, committed).point(lambda v: 255 if v > 40 else 0).histogram()[255]
        if differing > 0.002 * fresh.width * fresh.height:
            stale.append(f"{name}: {differing} pixels differ")
    assert not stale, f"run: python docs/make_docs.py ({'; '.join(stale)})"


def test_readme_links_the_reference() -> None:
    assert "docs/format.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_csv_limits_the_docs_state_are_those_the_code_enforces() -> None:
    from brochure_builder.source import csvdata, csvfile

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = readme.split("\n## Limits\n")[1].split("\n## ")[0]
    enforced = set()
    for reader, field in ((csvfile, "`data_from`"), (csvdata, "`rows_from`")):
        stated = f"{reader.MAX_CSV_BYTES / 1e6:g} MB ({reader.MAX_CSV_BYTES:,} bytes), {reader.MAX_CSV_ROWS:,} rows"
        assert any(line.startswith("|") and field in line and stated in line for line in limits.splitlines()), field
        enforced.add((f"{reader.MAX_CSV_BYTES / 1e6:g}", f"{reader.MAX_CSV_ROWS:,}"))
    reference = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    stated_anywhere = set(re.findall(r"(\d+) MB(?: \([\d,]+ bytes\))?(?:,| and) ([\d,]+) rows", readme + reference))
    assert stated_anywhere == enforced


def test_the_readme_limits_table_lists_every_input_limit() -> None:
    from brochure_builder.source import limits

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("\n## Limits\n")[1].split("\n## ")[0]
    named = set(re.findall(r"`([A-Z][A-Z_]+\*?)`", table))
    constants = [name for name in vars(limits) if name.isupper()]
    missing = [name for name in constants
               if name not in named and not any(w.endswith("*") and name.startswith(w[:-1]) for w in named)]
    assert not missing, f"limits not in the README's Limits table: {missing}"
