"""Mail merge: ``{{ column }}`` placeholders in a brochure's text, filled from one data row.

Values are text, never markup: Markdown's punctuation in a value is escaped before it goes in.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..errors import ContentError, Location, Problem
from .textfields import NOT_TEXT, text_fields
from .yamlsource import MarkedDocument

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]()!^#~|])")
MAX_NAME = 80


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The columns and rows of a CSV file (UTF-8, header row first)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.DictReader(stream)
            rows = [dict(row) for row in reader]
            columns = list(reader.fieldnames or [])
    except FileNotFoundError:
        raise ContentError.at(Location(path), "file not found") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ContentError.at(Location(path), f"not a readable UTF-8 CSV file: {exc}") from None
    if not columns:
        raise ContentError.at(Location(path), "no header row: the first line must name the columns")
    return columns, rows


def check_placeholders(source: MarkedDocument, columns: list[str], data_file: Path) -> None:
    """Every placeholder must name a column; report each one that does not, with its line."""
    problems = [
        Problem(source.locate(path), f"placeholder '{{{{ {name} }}}}' is not a column of {data_file} "
                                     f"(columns: {', '.join(columns)})")
        for path, text in text_fields(source.data)
        for name in PLACEHOLDER.findall(text)
        if name not in columns
    ]
    if problems:
        raise ContentError(problems)


def fill(data: Any, row: dict[str, str]) -> Any:
    """A copy of the document data with every placeholder replaced by the row's (escaped) value."""
    if isinstance(data, dict):
        return {k: (v if k in NOT_TEXT else fill(v, row)) for k, v in data.items()}
    if isinstance(data, list):
        return [fill(item, row) for item in data]
    if isinstance(data, str):
        return PLACEHOLDER.sub(lambda m: MARKDOWN_PUNCTUATION.sub(r"\\\1", row.get(m.group(1)) or ""), data)
    return data


def file_names(values: list[str]) -> list[str]:
    """Safe, distinct file names (without extension) for each value, in order."""
    taken: set[str] = set()
    names = []
    for number, value in enumerate(values, start=1):
        base = safe_name(value) or f"row-{number}"
        name, suffix = base, 2
        while name.lower() in taken:
            name, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(name.lower())
        names.append(name)
    return names


def safe_name(value: str) -> str:
    """ASCII letters, digits, dot, dash and underscore; no leading dot; at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-.")
    return name[:MAX_NAME].rstrip("-.")
