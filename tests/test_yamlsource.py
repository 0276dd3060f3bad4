from pathlib import Path

import pytest

from brochure_builder.errors import ContentError
from brochure_builder.source.yamlsource import read_yaml


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "doc.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_marks_point_at_keys_and_values(tmp_path: Path) -> None:
    doc = read_yaml(write(tmp_path, "a:\n  b: 1\n  c:\n    - x\n    - y\n"))
    assert doc.data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert doc.marks[("a", "b")] == (2, 6)
    assert doc.key_marks[("a", "b")] == (2, 3)
    assert doc.marks[("a", "c", 1)] == (5, 7)
    assert str(doc.locate(("a", "c", 1, "missing"))).endswith("doc.yaml:5:7: a.c[1].missing")
    assert str(doc.locate(("a", "c"), key=True)).endswith("doc.yaml:3:3: a.c")


def test_duplicate_key_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as error:
        read_yaml(write(tmp_path, "title: one\nother: 2\ntitle: two\n"))
    assert "doc.yaml:3:1: title: duplicate key 'title'" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("a: [1, 2\n", "not valid YAML"),
        ("a: !!python/object:os.system x\n", "not allowed"),
        ("x: &a [1]\ny: *a\n<<: {z: 1}\n", "merge keys"),
    ],
)
def test_bad_yaml_is_refused_clearly(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ContentError, match=expected):
        read_yaml(write(tmp_path, text))


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"doc.yaml:2:1: is not UTF-8"):
        read_yaml(write(tmp_path, b"a: 1\nb: caf\xe9\n"))


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(ContentError, match="alias bomb"):
        read_yaml(write(tmp_path, "\n".join(lines) + "\n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        read_yaml(tmp_path / "nope.yaml")


def test_a_run_with_no_break_is_counted_as_it_is_set() -> None:
    """Chinese and Japanese break between characters, a link's address is never set, no-break
    spaces hold a run together."""
    from brochure_builder.source.yamlsource import longest_run

    assert longest_run("中文" * 800) == 0 and longest_run("ひらがなカタカナ" * 200) == 0
    assert longest_run("see [the form](https://example.org/" + "q" * 1_500 + ") now") == len("form]")
    assert longest_run("a\u00a0b\u202fc d") == 5 and longest_run("x" * 1_001) == 1_001
