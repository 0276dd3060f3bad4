from __future__ import annotations

import os
from pathlib import Path

import pytest

from brochure_builder import cache
from brochure_builder.builder import build

from .conftest import BUNDLED, ROOT, brochure_command


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(folder))
    cache.clear_memory()
    yield folder
    cache.clear_memory()


def _never() -> object:
    raise AssertionError("made again although it was cached")


def test_miss_then_hit_from_disk(empty_cache: Path) -> None:
    key = cache.cache_key({"thing": 1})
    assert cache.cached(key, lambda: {"made": True}, dict) == {"made": True}
    assert len(list(empty_cache.glob("*.entry"))) == 1
    cache.clear_memory()
    assert cache.cached(key, _never, dict) == {"made": True}


def test_a_corrupt_entry_is_rebuilt_not_trusted(empty_cache: Path) -> None:
    key = cache.cache_key({"thing": 2})
    cache.cached(key, lambda: "first", str)
    entry = next(empty_cache.glob("*.entry"))
    entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")  # payload no longer matches its checksum
    cache.clear_memory()
    assert cache.cached(key, lambda: "rebuilt", str) == "rebuilt"
    cache.clear_memory()
    assert cache.cached(key, _never, str) == "rebuilt"


def test_new_library_versions_make_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_key({"chart": "x"})
    monkeypatch.setattr(cache, "_versions", lambda: {"matplotlib": "99.0"})
    assert cache.cache_key({"chart": "x"}) != before


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(blocker / "cache"))
    cache.clear_memory()
    assert cache.cached(cache.cache_key({"x": 3}), lambda: 42, int) == 42


def test_cold_and_warm_builds_give_the_same_bytes(empty_cache: Path, tmp_path: Path) -> None:
    cold = build(BUNDLED, tmp_path / "cold.pdf")
    assert list(empty_cache.glob("*.entry"))
    cache.clear_memory()
    warm = build(BUNDLED, tmp_path / "warm.pdf")
    assert cold.path.read_bytes() == warm.path.read_bytes()


def test_an_asset_is_parsed_once_and_again_when_it_changes(
    empty_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brochure_builder.source import assets as images

    svg = tmp_path / "mark.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    parsed: list[bytes] = []
    real = images.parse_svg
    monkeypatch.setattr(images, "parse_svg", lambda data: parsed.append(data) or real(data))
    images.verify_asset(svg, "image")
    cache.clear_memory()
    images.verify_asset(svg, "image")  # unchanged: remembered, on disk
    assert len(parsed) == 1
    svg.write_text("<html>not an svg</html>", encoding="utf-8")
    with pytest.raises(ValueError, match="not an SVG file"):
        images.verify_asset(svg, "image")
    assert len(parsed) == 2


def test_a_warm_command_gives_the_bytes_of_a_cold_one(tmp_path: Path) -> None:
    """In fresh processes: the second build takes its fonts, charts and drawings from the cache."""
    for name in ("cold", "warm"):
        done = brochure_command(tmp_path / "cache", tmp_path / f"{name}.pdf")
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "cold.pdf").read_bytes() == (tmp_path / "warm.pdf").read_bytes()
    assert any(name.endswith(".entry") for name in os.listdir(tmp_path / "cache"))


def test_a_font_from_the_cache_is_the_font_reportlab_parses() -> None:
    import pickle

    from reportlab.pdfbase.ttfonts import TTFont

    from brochure_builder.resources.fonts import _frozen

    path = ROOT / "assets" / "fonts" / "lato" / "Lato-Italic.ttf"
    parsed = TTFont("Parsed", str(path))
    thawed = pickle.loads(_frozen(parsed))
    assert not hasattr(thawed.face, "_ttf_data")  # the caller reads the file it has in hand
    thawed.face._ttf_data = path.read_bytes()
    assert {k: v for k, v in vars(thawed.face).items() if k != "_pdfScale"} == {
        k: v for k, v in vars(parsed.face).items() if k != "_pdfScale"}
    assert thawed.face._pdfScale(1234) == parsed.face._pdfScale(1234)
    assert thawed.stringWidth("Šiauliai „ąžuolas“", 9) == parsed.stringWidth("Šiauliai „ąžuolas“", 9)
    glyphs = [ord(c) for c in "Šiauliai „ąžuolas“ 2018"]
    assert thawed.face.makeSubset(glyphs) == parsed.face.makeSubset(glyphs)
    assert len(_frozen(parsed)) < path.stat().st_size / 4  # the file's bytes are not in the entry


def test_a_file_digest_is_remembered_only_for_files_not_just_changed(empty_cache: Path, tmp_path: Path) -> None:
    import time

    target = tmp_path / "asset.svg"
    target.write_bytes(b"first version")
    first = cache.digest_of(target)
    stamp = target.stat().st_mtime_ns
    target.write_bytes(b"other version")  # same size, and the same time stamp, as can happen
    os.utime(target, ns=(stamp, stamp))  # on a file system with a coarse clock
    cache.file_digest.cache_clear()
    cache.clear_memory()
    assert cache.digest_of(target) != first  # it was changed just now: hashed again
    old = time.time_ns() - 3_600 * 10**9
    os.utime(target, ns=(old, old))
    remembered = cache.digest_of(target)  # an hour old: remembered with its size and time
    target.write_bytes(b"third version")
    os.utime(target, ns=(old, old))
    cache.file_digest.cache_clear()
    cache.clear_memory()
    assert cache.digest_of(target) == remembered  # not read again (the trade git makes too)


def test_a_cached_font_takes_its_bytes_from_the_file_in_hand(empty_cache: Path, tmp_path: Path) -> None:
    import shutil

    from reportlab.pdfbase.ttfonts import TTFont

    from brochure_builder.resources.fonts import _parsed

    source = ROOT / "assets" / "fonts" / "lato" / "Lato-Italic.ttf"
    first, second = tmp_path / "first.ttf", tmp_path / "second.ttf"
    shutil.copy(source, first)
    shutil.copy(source, second)
    _parsed("Copy", first)  # stored under the bytes' digest
    first.write_bytes(b"no longer a font")
    cache.clear_memory()
    font = _parsed("Copy", second)  # the same bytes elsewhere: the entry is used
    glyphs = [ord(c) for c in "Kaunas 2018"]
    assert font.face.filename == str(second)
    assert font.face.makeSubset(glyphs) == TTFont("Fresh", str(source)).face.makeSubset(glyphs)
