"""Write src/brochure_builder/source/quotedata.py: each language's quotation marks from CLDR.

Babel carries no CLDR delimiters, so they are taken from the Unicode Consortium's own JSON
release of CLDR (the npm package ``cldr-misc-full``, Unicode License v3):

    npm pack cldr-misc-full@48.2.0 && tar xzf cldr-misc-full-48.2.0.tgz
    python tools/make-quotes.py package > src/brochure_builder/source/quotedata.py

A tag is kept only where its marks differ from those its parent tag (less its last subtag) gets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def marks(folder: Path) -> dict[str, str]:
    found = {}
    for place in sorted((folder / "main").iterdir()):
        delimiters = json.loads((place / "delimiters.json").read_text("utf-8"))["main"][place.name]["delimiters"]
        value = "".join(delimiters[key] for key in ("quotationStart", "quotationEnd",
                                                     "alternateQuotationStart", "alternateQuotationEnd"))
        if len(value) != 4:
            raise SystemExit(f"{place.name}: a mark of more than one character: {value!r}")
        found[place.name] = value
    return found


def inherited(tag: str, kept: dict[str, str]) -> str:
    while "-" in tag:
        tag = tag.rsplit("-", 1)[0]
        if tag in kept:
            return kept[tag]
    return kept.get(tag, kept["en"])


def main() -> None:
    folder = Path(sys.argv[1])
    version = json.loads((folder / "package.json").read_text("utf-8"))["version"]
    found = marks(folder)
    kept = {tag: value for tag, value in found.items() if "-" not in tag}
    for tag in sorted((tag for tag in found if "-" in tag), key=lambda tag: tag.count("-")):
        if found[tag] != inherited(tag, kept):
            kept[tag] = found[tag]
    print(f'"""Quotation marks per language from CLDR {version} (cldr-misc-full, Unicode License v3):')
    print("opening, closing, inner opening, inner closing. Made by tools/make-quotes.py; do not edit.\"\"\"")
    print()
    print("QUOTES = {")
    for tag in sorted(kept):
        print(f'    "{tag}": "{kept[tag]}",')
    print("}")


if __name__ == "__main__":
    main()
