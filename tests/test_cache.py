from __future__ import annotations

from pathlib import Path

import pytest

from brochure_builder import cache
from brochure_builder.builder import build

from .conftest import BUNDLED


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
    assert cache.cached(key, lambda: {"made": True}) == {"made": True}
    assert len(list(empty_cache.glob("*.entry"))) == 1
    cache.clear_memory()
    assert cache.cached(key, _never) == {"made": True}


def test_a_corrupt_entry_is_rebuilt_not_trusted(empty_cache: Path) -> None:
    key = cache.cache_key({"thing": 2})
    cache.cached(key, lambda: "first")
    entry = next(empty_cache.glob("*.entry"))
    entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")  # payload no longer matches its checksum
    cache.clear_memory()
    assert cache.cached(key, lambda: "rebuilt") == "rebuilt"
    cache.clear_memory()
    assert cache.cached(key, _never) == "rebuilt"


def test_new_library_versions_make_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_key({"chart": "x"})
    monkeypatch.setattr(cache, "_versions", lambda: {"matplotlib": "99.0"})
    assert cache.cache_key({"chart": "x"}) != before


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(blocker / "cache"))
    cache.clear_memory()
    assert cache.cached(cache.cache_key({"x": 3}), lambda: 42) == 42


def test_cold_and_warm_builds_give_the_same_bytes(empty_cache: Path, tmp_path: Path) -> None:
    cold = build(BUNDLED, tmp_path / "cold.pdf")
    assert list(empty_cache.glob("*.entry"))
    cache.clear_memory()
    warm = build(BUNDLED, tmp_path / "warm.pdf")
    assert cold.path.read_bytes() == warm.path.read_bytes()


def test_an_asset_is_parsed_once_and_again_when_it_changes(
    empty_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brochure_builder import images

    svg = tmp_path / "mark.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    parsed: list[bytes] = []
    real = images._parse_svg
    monkeypatch.setattr(images, "_parse_svg", lambda data: parsed.append(data) or real(data))
    images.verify_asset(svg)
    cache.clear_memory()
    images.verify_asset(svg)  # unchanged: remembered, on disk
    assert len(parsed) == 1
    svg.write_text("<html>not an svg</html>", encoding="utf-8")
    with pytest.raises(ValueError, match="not an SVG file"):
        images.verify_asset(svg)
    assert len(parsed) == 2
