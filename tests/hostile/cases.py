"""The hostile corpus: one ``Case`` per attack, grouped by the kind of promise it tests.

Expectations (``expect``) use ``@src(NEEDLE)``/``@brand(NEEDLE)`` for ``FILE:LINE:COL:`` of the
line holding NEEDLE, and ``…`` for anything (see ``harness.expected_pattern``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import makers as m
from .harness import BUILD, Case, Outcome, Workspace, doc

CASES: list[Case] = []


def add(*cases: Case) -> None:
    CASES.extend(cases)


def text_of(pdf: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def shows(*texts: str):  # type: ignore[no-untyped-def]
    """A check: the PDF written shows each text."""
    def check(ws: Workspace, _outcome: Outcome) -> None:
        found = " ".join(text_of(ws.out).split())
        for text in texts:
            assert text in found, f"{text!r} not in the PDF text: {found[:400]!r}"
    return check


def links_of(pdf: Path) -> list[str]:
    import pikepdf

    uris = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None and "/URI" in action:
                    uris.append(str(action.URI))
    return uris


def links_are(*uris: str):  # type: ignore[no-untyped-def]
    def check(ws: Workspace, _outcome: Outcome) -> None:
        assert sorted(links_of(ws.out)) == sorted(uris)
    return check


def para(text: str) -> str:
    return f"- kind: paragraph\n  text: {text}"


def chart(values: str = "[{ label: A, value: 3 }, { label: B, value: 5 }]", extra: str = "") -> str:
    return ("- kind: chart\n  chart: bar\n  title: Bars\n  alt: Two bars\n  source: Tests\n  height: 40\n"
            f"  data: {values}\n" + "".join(f"  {line}\n" for line in extra.splitlines()))


def image(path: str, extra: str = "") -> str:
    return f"- kind: image\n  path: ../assets/{path}\n  alt: A picture\n" + extra


def brand_line(old: str, new: str):  # type: ignore[no-untyped-def]
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)
    return edit


def font(path: str):  # type: ignore[no-untyped-def]
    return brand_line("regular: ../assets/fonts/lato/Lato-Regular.ttf", f"regular: {path}")


def logo(path: str):  # type: ignore[no-untyped-def]
    return brand_line("logo: ../assets/logos/lithuania-mark.svg", f"logo: {path}")


def no_file(name: str):  # type: ignore[no-untyped-def]
    def check(ws: Workspace, _outcome: Outcome) -> None:
        assert not (ws.root / name).exists(), f"{name} exists"
    return check


# ---------------------------------------------------------------- values that parse but are not sane
TEXT_AS_WRITTEN = {
    "date-feb-30": "2001-02-30", "date": "2024-05-01", "integer": "2020", "float-trailing-zero": "1.10",
    "no": "no", "yes": "yes", "off": "off", "sexagesimal": "1:20", "hex": "0x1F", "octal": "010",
    "underscore": "1_000", "inf": ".inf", "nan": ".NaN", "exponent": "1e3", "timestamp": "2001-12-14t21:59:43.10-05:00",
}
for name, written in TEXT_AS_WRITTEN.items():
    add(Case(f"text-field-keeps-yaml-{name}", "values", 0,
             brochure=doc(cover=f"subtitle: {written}", blocks=f"- kind: timeline\n  items:\n    - {{ when: {written}, text: Then }}"),
             check=shows(written)))
add(
    Case("meta-title-number", "values", 0, brochure=doc().replace("title: Hostile input", "title: 2020")),
    Case("keywords-of-numbers-and-booleans", "values", 0, brochure=doc(meta="keywords: [2020, yes, 1.50]")),
    Case("language-no-is-norwegian", "values", 0, brochure=doc(meta="language: no")),
    Case("language-unknown-code", "values", 1, "@src(language: zz) meta.language: …'zz'…language",
         brochure=doc(meta="language: zz")),
    Case("language-capitals", "values", 1, "@src(language: EN) meta.language: ", brochure=doc(meta="language: EN")),
    Case("language-number", "values", 1, "@src(language: 12) meta.language: ", brochure=doc(meta="language: 12")),
    Case("title-null", "values", 1, "@src(title: ~) cover.title: …empty", brochure=doc().replace("  title: Cover", "  title: ~")),
    Case("title-empty", "values", 1, "@src(# nothing) cover.title: …empty",
         brochure=doc().replace("  title: Cover", "  title:  # nothing")),
    Case("zero-width-space-stat", "values", 1, "@src(value:) sections[0].blocks[0].items[0].value: …visible",
         brochure=doc('- kind: stats\n  items:\n    - value: "\\u200b"\n      label: Rank\n      source: Tests')),
    Case("zero-width-space-title", "values", 1, "@src(- title:) sections[0].title: …visible",
         brochure=doc().replace("  - title: Section", '  - title: "\\u200b\\u200b"')),
    Case("nbsp-only-text", "values", 1, "sections[0].blocks[0].text: …visible", brochure=doc(para('"\\u00a0 \\u00a0"'))),
    Case("bidi-override-only-heading", "values", 1, "sections[0].blocks[0].text: …visible",
         brochure=doc('- kind: heading\n  text: "\\u202e"')),
    Case("chart-value-comma-decimal", "values", 1, "@src(23,6) sections[0].blocks[0].data[0].value: …23,6…decimal point",
         brochure=doc(chart("\n    - label: A\n      value: 23,6"))),
    Case("chart-value-thousands-comma", "values", 1, "@src(1,320) sections[0].blocks[0].data[0].value: …1320",
         brochure=doc(chart("\n    - label: A\n      value: 1,320"))),
    Case("title-with-commas-is-text", "values", 0, brochure=doc(cover="subtitle: 1,320 visits"), check=shows("1,320 visits")),
    Case("chart-value-exponent-without-point", "values", 0, brochure=doc(chart("[{ label: A, value: 1e6 }, { label: B, value: 2.5e6 }]"))),
    Case("chart-value-sexagesimal", "values", 1, "@src(1:20) sections[0].blocks[0].data[0].value: …1:20…80…quote",
         brochure=doc(chart("[{ label: A, value: 1:20 }]"))),
    Case("chart-value-octal", "values", 1, "@src(010) sections[0].blocks[0].data[0].value: …010…8",
         brochure=doc(chart("[{ label: A, value: 010 }]"))),
    Case("chart-value-boolean", "values", 1, "@src(value: yes) sections[0].blocks[0].data[0].value: …yes…true",
         brochure=doc(chart("[{ label: A, value: yes }]"))),
    Case("chart-value-5000-digits", "values", 1, "@src(value: 999) sections[0].blocks[0].data[0].value: ",
         brochure=doc(chart(f"[{{ label: A, value: {'9' * 5000} }}]"))),
    Case("chart-value-1.7e308", "values", 1, "@src(1.7e308) sections[0].blocks[0].data[0].value: ",
         brochure=doc(chart("[{ label: A, value: 1.7e308 }]"))),
    Case("chart-value-tiny", "values", 0, brochure=doc(chart("[{ label: A, value: 1e-300 }, { label: B, value: 2e-300 }]"))),
    Case("chart-value-nan", "values", 1, "@src(.nan) sections[0].blocks[0].data[0].value: ",
         brochure=doc(chart("[{ label: A, value: .nan }]"))),
    Case("chart-rank-huge", "values", 1, "@src(1e300) sections[0].blocks[0].data[0].value: …beyond",
         brochure=doc(chart("[{ label: A, value: 1e300 }]").replace("chart: bar", "chart: rank"))),
    Case("image-width-1e-9", "values", 1, "@src(width: 1e-9) sections[0].blocks[0].width: ",
         brochure=doc(image("illustrations/travel-bubble.svg", "  width: 1e-9\n"))),
    Case("image-width-nan", "values", 1, "@src(width: .nan) sections[0].blocks[0].width: ",
         brochure=doc(image("illustrations/travel-bubble.svg", "  width: .nan\n"))),
    Case("image-width-text", "values", 1, "@src(width: half) sections[0].blocks[0].width: ",
         brochure=doc(image("illustrations/travel-bubble.svg", "  width: half\n"))),
    Case("chart-height-1e308", "values", 1, "@src(height: 1e308) sections[0].blocks[0].height: ",
         brochure=doc(chart(extra="height: 1e308").replace("  height: 40\n", ""))),
    Case("page-break-unless-space-1e308", "values", 1, "@src(unless_space) sections[0].blocks[1].unless_space: ",
         brochure=doc(para("Hi.") + "\n- kind: page_break\n  unless_space: 1e308")),
    Case("columns-count-text", "values", 1, "@src(count: two) sections[0].blocks[0].count: ",
         brochure=doc("- kind: columns\n  count: two\n  blocks:\n    - kind: paragraph\n      text: Hi.")),
    Case("heading-level-quoted", "values", 1, "@src(level: \"2\") sections[0].blocks[0].level: ",
         brochure=doc('- kind: heading\n  text: Hi\n  level: "2"')),
    Case("new-page-yes-is-true", "values", 0, brochure=doc(section="new_page: yes")),
    Case("new-page-number", "values", 1, "@src(new_page: 2) sections[0].new_page: ", brochure=doc(section="new_page: 2")),
    Case("brand-body-size-1e308", "values", 1, "@brand(body: 1e308) type_scale.body: ",
         brand=brand_line("body: 10", "body: 1e308")),
    Case("brand-cmyk-nan", "values", 1, "@brand(yellow:) colours.yellow.cmyk[0]: ",
         brand=brand_line("cmyk: [0, 28, 100, 0]", "cmyk: [.nan, 28, 100, 0]")),
    Case("brand-colour-boolean-name", "values", 1, "@brand(rgb: no) colours.yellow.rgb: expected a colour like #1A2B3C",
         brand=brand_line('yellow: { rgb: "#FDB913"', 'yellow: { rgb: no')),
    Case("brand-page-size-lower-case", "values", 1,
         "@brand(size: a4) page.size: expected 'A4', 'A5' or 'Letter'; did you mean 'A4'? (found 'a4')",
         brand=brand_line("size: A4", "size: a4")),
    Case("brand-margin-with-unit", "values", 1,
         "@brand(margins:) page.margins.top: is a number of millimetres (mm): write the number alone, 22",
         brand=brand_line("top: 22,", "top: 22mm,")),
    Case("brand-body-size-with-unit", "values", 1,
         "@brand(body: 10pt) type_scale.body: is a number of points (pt): write the number alone, 10",
         brand=brand_line("body: 10", "body: 10pt")),
    Case("brand-gutter-sexagesimal", "values", 1, "@brand(gutter: 1:30) page.gutter: …1:30…90",
         brand=brand_line("gutter: 8", "gutter: 1:30")),
    Case("screen-max-size-nonsense", "values", 1, "@src(max_size) screen.max_size: ",
         brochure=doc(top="screen:\n  max_size: 10 parsecs\n")),
    Case("screen-max-size-huge-int", "values", 1, "@src(max_size) screen.max_size: ",
         brochure=doc(top=f"screen:\n  max_size: {'9' * 400}\n")),
)

# ---------------------------------------------------------------- YAML itself
add(
    Case("recursive-alias", "yaml", 1, "@src(&a) …", brochure=doc(top="extra: &a [*a]\n")),
    Case("undefined-alias", "yaml", 1, "@src(*nothing) …", brochure=doc(top="extra: *nothing\n")),
    Case("billion-laughs", "yaml", 1, "values (alias bomb?)", isolated=True, brochure=doc(top="".join(
        [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" if i else "l0: &l0 [lol]\n" for i in range(10)]))),
    Case("deep-nesting-flow", "yaml", 1, "@src(extra) …", isolated=True, brochure=doc(top="extra: " + "[" * 50_000 + "]" * 50_000 + "\n")),
    Case("deep-nesting-block", "yaml", 1, "…nest…", isolated=True, brochure=doc(top="extra:\n" + "".join(
        " " * i + "- \n" for i in range(0, 1500, 1)))),
    Case("merge-key", "yaml", 1, "merge keys", brochure=doc(top="base: &b { title: X }\nextra:\n  <<: *b\n")),
    Case("python-tag", "yaml", 1, "is not allowed here", brochure=doc(top="extra: !!python/object/apply:os.system [id]\n")),
    Case("binary-tag", "yaml", 1, "@src(!!binary) …tag", brochure=doc(top="extra: !!binary aGVsbG8=\n")),
    Case("set-tag", "yaml", 1, "@src(!!set) …tag", brochure=doc(top="extra: !!set { a, b }\n")),
    Case("omap-tag", "yaml", 1, "@src(!!omap) …tag", brochure=doc(top="extra: !!omap [ a: 1 ]\n")),
    Case("custom-tag", "yaml", 1, "@src(!mine) …tag", brochure=doc(top="extra: !mine x\n")),
    Case("explicit-float-tag-on-text", "yaml", 0, brochure=doc(cover="subtitle: !!float 1e400")),
    Case("complex-key", "yaml", 1, "@src(? [a, b]) …keys must be text", brochure=doc(top="? [a, b]\n: c\n")),
    Case("integer-key", "yaml", 1, "@src(1: one) …keys must be text", brochure=doc(top="1: one\n")),
    Case("null-key", "yaml", 1, "@src(~: x) …keys must be text", brochure=doc(top="~: x\n")),
    Case("two-documents", "yaml", 1, "@src(--- second) …another document", brochure=doc() + "--- second\n"),
    Case("only-document-marker", "yaml", 1, "expected a mapping", brochure="---\n"),
    Case("only-null", "yaml", 1, "{src}:1:1: expected a mapping", brochure="~\n"),
    Case("tab-indentation", "yaml", 1, "@src(\tauthor) not valid YAML: tabs cannot indent YAML; use spaces",
         brochure=doc().replace("  author: Tests", "\tauthor: Tests")),
    Case("utf16-file", "yaml", 1, "{src}:1:1: is not UTF-8 text",
         setup=lambda ws: ws.source.write_bytes(ws.source.read_text().encode("utf-16"))),
    Case("nul-byte", "yaml", 1, "@src(Tests) control character U+0000",
         setup=lambda ws: ws.source.write_bytes(ws.source.read_bytes().replace(b"Tests", b"Te\0sts"))),
    Case("bom-is-fine", "yaml", 0, setup=lambda ws: ws.source.write_bytes(b"\xef\xbb\xbf" + ws.source.read_bytes())),
    Case("escape-nul-in-text", "yaml", 0, brochure=doc(para('"a\\0b"'))),
    Case("unicode-line-separator", "yaml", 0, brochure=doc(para('"one\\u2028two\\u0085three"'))),
    Case("over-200000-values", "yaml", 1, "more than 200000 values", isolated=True,
         brochure=doc(top="extra: [" + ", ".join(["1"] * 200_001) + "]\n")),
    Case("file-over-2mb", "yaml", 1, "{src}: larger than 2097152 bytes … a brochure file may be at most 2097152",
         brochure=doc(top="# " + "x" * (2 * 1024 * 1024) + "\n")),
    Case("file-of-only-spaces", "yaml", 1, "{src}: the file is empty", brochure=" \n\n   \n"),
)

# ---------------------------------------------------------------- files that are not what they claim
SVG_ICON = "icons/innovation.svg"


def fifo(name: str):  # type: ignore[no-untyped-def]
    def setup(ws: Workspace) -> None:
        path = ws.assets / name
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    return setup


def link_to(name: str, target: str):  # type: ignore[no-untyped-def]
    def setup(ws: Workspace) -> None:
        path = ws.assets / name
        path.unlink(missing_ok=True)
        path.symlink_to(ws.expand(target))
    return setup


def unreadable(name: str):  # type: ignore[no-untyped-def]
    def setup(ws: Workspace) -> None:
        (ws.assets / name).chmod(0)
    return setup


def both(*steps):  # type: ignore[no-untyped-def]
    def setup(ws: Workspace) -> None:
        for step in steps:
            step(ws)
    return setup


add(
    Case("image-path-is-yaml", "files", 1, "@src(path:) sections[0].blocks[0].path: …image", brochure=doc(
        "- kind: image\n  path: brand.yaml\n  alt: A picture")),
    Case("image-path-is-ttf", "files", 1, "@src(path:) sections[0].blocks[0].path: …image",
         brochure=doc(image("fonts/lato/Lato-Regular.ttf"))),
    Case("image-path-is-folder", "files", 1, "@src(path:) sections[0].blocks[0].path: …image",
         brochure=doc(image("icons"))),
    Case("image-path-is-folder-named-png", "files", 1, "@src(path:) sections[0].blocks[0].path: …regular file…folder",
         brochure=doc(image("dir.png")), setup=lambda ws: (ws.assets / "dir.png").mkdir()),
    Case("image-path-is-fifo", "files", 1, "@src(path:) sections[0].blocks[0].path: …regular file",
         brochure=doc(image("pipe.png")), setup=fifo("pipe.png")),
    Case("image-path-is-dev-zero", "files", 1, "@src(path:) sections[0].blocks[0].path: …leaves the project",
         brochure=doc(image("zero.png")), setup=link_to("zero.png", "/dev/zero"), isolated=True),
    Case("image-path-is-dev-zero-allowed-outside", "files", 1, "@src(path:) sections[0].blocks[0].path: …regular file",
         brochure=doc(image("zero.png")), setup=link_to("zero.png", "/dev/zero"), isolated=True,
         argv=(*BUILD, "--allow-outside")),
    Case("image-path-symlink-loop", "files", 1, "@src(path:) sections[0].blocks[0].path: ",
         brochure=doc(image("loop.png")), setup=link_to("loop.png", "{assets}/loop.png")),
    Case("image-path-too-long-name", "files", 1, "@src(path:) sections[0].blocks[0].path: ",
         brochure=doc(image("x" * 300 + ".png"))),
    Case("image-path-nul", "files", 1, "@src(path:) sections[0].blocks[0].path: ",
         brochure=doc('- kind: image\n  path: "../assets/a\\0b.png"\n  alt: A picture')),
    Case("image-path-empty", "files", 1, "@src(path:) sections[0].blocks[0].path: ",
         brochure=doc('- kind: image\n  path: ""\n  alt: A picture')),
    Case("image-unreadable", "files", 1, "@src(path:) sections[0].blocks[0].path: …cannot be read",
         brochure=doc(image("icons/innovation.svg")), setup=unreadable("icons/innovation.svg"), as_user=True),
    Case("image-symlink-leaving-project", "files", 1, "@src(path:) sections[0].blocks[0].path: …leaves the project",
         brochure=doc(image("outside.svg")), setup=both(
             lambda ws: (ws.root / "outside.svg").write_bytes(m.svg()), link_to("outside.svg", "{root}/outside.svg"))),
    Case("brand-is-a-png", "files", 1, "@src(brand:) brand: …YAML",
         brochure=doc().replace("brand: brand.yaml", "brand: ../assets/picture.png"),
         assets={"picture.png": lambda: m.raster(10, 10)}),
    Case("brand-is-dev-zero", "files", 1, "@src(brand:) brand: …leaves the project", isolated=True,
         brochure=doc().replace("brand: brand.yaml", "brand: zero.yaml"),
         setup=lambda ws: (ws.project / "brochure" / "zero.yaml").symlink_to("/dev/zero")),
    Case("brand-is-dev-zero-allowed-outside", "files", 1, "@src(brand:) brand: …regular file", isolated=True,
         brochure=doc().replace("brand: brand.yaml", "brand: zero.yaml"), argv=(*BUILD, "--allow-outside"),
         setup=lambda ws: (ws.project / "brochure" / "zero.yaml").symlink_to("/dev/zero")),
    Case("brand-is-fifo", "files", 1, "@src(brand:) brand: …regular file",
         brochure=doc().replace("brand: brand.yaml", "brand: pipe.yaml"),
         setup=lambda ws: os.mkfifo(ws.project / "brochure" / "pipe.yaml")),
    Case("brand-is-the-brochure", "files", 1, "{src}:…unknown key",
         brochure=doc().replace("brand: brand.yaml", "brand: test.yaml")),
    Case("source-is-fifo", "files", 1, "{src}: …regular file",
         setup=lambda ws: (ws.source.unlink(), os.mkfifo(ws.source))),  # type: ignore[func-returns-value]
    Case("source-is-dev-zero", "files", 1, "{src}: …regular file", isolated=True,
         setup=lambda ws: (ws.source.unlink(), ws.source.symlink_to("/dev/zero"))),  # type: ignore[func-returns-value]
    Case("source-is-dev-urandom", "files", 1, "{src}: …regular file", isolated=True,
         setup=lambda ws: (ws.source.unlink(), ws.source.symlink_to("/dev/urandom"))),  # type: ignore[func-returns-value]
    Case("source-is-folder", "files", 1, "{src}: …regular file",
         setup=lambda ws: (ws.source.unlink(), ws.source.mkdir())),  # type: ignore[func-returns-value]
    Case("source-missing", "files", 1, "{src}: file not found", setup=lambda ws: ws.source.unlink()),
    Case("source-unreadable", "files", 1, "{src}: cannot be read", setup=lambda ws: ws.source.chmod(0), as_user=True),
    Case("validate-fifo", "files", 1, "{src}: …regular file", argv=("validate", "{src}"),
         setup=lambda ws: (ws.source.unlink(), os.mkfifo(ws.source))),  # type: ignore[func-returns-value]
    Case("font-is-an-svg", "files", 1, "@brand(regular:) fonts.regular: …TrueType",
         brand=font("../assets/logos/lithuania-mark.svg")),
    Case("font-is-a-png", "files", 1, "@brand(regular:) fonts.regular: …TrueType",
         brand=font("../assets/x.png"), assets={"x.png": lambda: m.raster(8, 8)}),
    Case("font-is-a-folder", "files", 1, "@brand(regular:) fonts.regular: …TrueType", brand=font("../assets/icons")),
    Case("font-is-a-folder-named-ttf", "files", 1, "@brand(regular:) fonts.regular: …regular file",
         brand=font("../assets/dir.ttf"), setup=lambda ws: (ws.assets / "dir.ttf").mkdir()),
    Case("font-is-fifo", "files", 1, "@brand(regular:) fonts.regular: …regular file",
         brand=font("../assets/pipe.ttf"), setup=fifo("pipe.ttf")),
    Case("font-unreadable", "files", 1, "@brand(regular:) fonts.regular: …cannot be read",
         brand=font("../assets/copy.ttf"), assets={"copy.ttf": m.lato}, setup=unreadable("copy.ttf"), as_user=True),
    Case("logo-is-a-png", "files", 1, "@brand(logo:) logo: …SVG", brand=logo("../assets/logo.png"),
         assets={"logo.png": lambda: m.raster(40, 20)}),
    Case("logo-is-a-jpeg-named-svg", "files", 1, "@brand(logo:) logo: …SVG", brand=logo("../assets/logo.svg"),
         assets={"logo.svg": lambda: m.raster(40, 20, "JPEG")}),
    Case("logo-is-a-ttf", "files", 1, "@brand(logo:) logo: …SVG", brand=logo("../assets/fonts/lato/Lato-Regular.ttf")),
    Case("icon-is-yaml", "files", 1, "@src(icon:) sections[0].blocks[0].items[0].icon: …image", brochure=doc(
        "- kind: cards\n  items:\n    - { title: A, text: B, icon: brand.yaml }")),
    Case("asset-unknown-suffix", "files", 1, "@src(path:) sections[0].blocks[0].path: …image",
         brochure=doc(image("picture.gif")), assets={"picture.gif": lambda: m.raster(10, 10, "GIF")}),
)

# ---------------------------------------------------------------- raster images that lie
RASTER = {
    "png-claims-65000-square": (lambda: m.png_header(65000, 65000), 1, "megapixels"),
    "png-claims-zero-width": (lambda: m.png_header(0, 10), 1, "not a readable image"),
    "png-claims-2-to-31": (lambda: m.png_header(2**31 - 1, 2**31 - 1), 1, "…"),
    "png-20000x1-strip": (lambda: m.raster(20000, 1), 1, "times"),
    "png-1x20000-strip": (lambda: m.raster(1, 20000), 1, "times"),
    "png-21000x2100": (lambda: m.png_header(21000, 2100), 1, "pixels"),
    "png-bad-crc": (lambda: m.png_header(10, 10)[:-4] + b"\0\0\0\0", 1, "not a readable image"),
    "png-truncated": (lambda: m.cut(m.raster(300, 200, optimize=False), 0.6), 1, "not a readable image"),
    "png-no-iend": (lambda: m.raster(30, 20)[:-12], 1, "not a readable image"),
    "png-idat-garbage": (lambda: m.png_header(40, 40, idat=b"garbage" * 20), 1, "not a readable image"),
    "png-empty-file": (lambda: b"", 1, "not a readable image"),
    "png-signature-only": (lambda: b"\x89PNG\r\n\x1a\n", 1, "not a readable image"),
    "png-is-text": (lambda: b"meta: not an image\n", 1, "not a readable image"),
    "png-is-gif": (lambda: m.raster(10, 10, "GIF"), 1, "PNG or JPEG"),
    "png-1x1": (lambda: m.raster(1, 1), 0, ""),
    "png-16-bit": (lambda: m.raster(40, 30, mode="I;16"), 0, ""),
    "png-palette-transparency": (lambda: m.raster(40, 30, mode="P", transparency=0), 0, ""),
    "png-la-mode": (lambda: m.raster(40, 30, mode="LA"), 0, ""),
    "png-1-bit": (lambda: m.raster(40, 30, mode="1"), 0, ""),
    "png-cmyk-jpeg-named-png": (lambda: m.raster(40, 30, "JPEG", mode="CMYK"), 0, ""),
    "jpeg-truncated": (lambda: m.cut(m.raster(400, 300, "JPEG", quality=95), 0.5), 1, "not a readable image"),
    "jpeg-truncated-header": (lambda: m.cut(m.raster(400, 300, "JPEG"), 0.05), 1, "not a readable image"),
    "jpeg-claims-65000-square": (lambda: m.jpeg_claiming(65000, 65000), 1, "megapixels"),
    "jpeg-claims-zero": (lambda: m.jpeg_claiming(0, 0), 1, "not a readable image"),
    "jpeg-corrupt-middle": (lambda: m.flip(m.raster(400, 300, "JPEG", quality=95), 0.5, 400), 1, "not a readable image"),
    "jpeg-cmyk": (lambda: m.raster(40, 30, "JPEG", mode="CMYK"), 0, ""),
    "jpeg-grey": (lambda: m.raster(40, 30, "JPEG", mode="L"), 0, ""),
    "jpeg-progressive": (lambda: m.raster(40, 30, "JPEG", progressive=True), 0, ""),
}
for name, (make, code, words) in RASTER.items():
    suffix = "jpg" if name.startswith("jpeg") else "png"
    add(Case(f"raster-{name}", "raster", code, f"@src(path:) sections[0].blocks[0].path: …{words}" if code else "",
             brochure=doc(image(f"lie.{suffix}")), assets={f"lie.{suffix}": make}))
add(
    Case("raster-png-bomb-30000-square", "raster", 1, "@src(path:) sections[0].blocks[0].path: …megapixels",
         brochure=doc(image("bomb.png")), assets={"bomb.png": lambda: m.png_bomb(30000, 30000)}, isolated=True),
    Case("raster-png-bomb-12000-square", "raster", 1, "@src(path:) sections[0].blocks[0].path: …megapixels",
         brochure=doc(image("bomb.png")), assets={"bomb.png": lambda: m.png_bomb(12000, 12000)}, isolated=True),
    Case("raster-bomb-as-card-icon", "raster", 1, "@src(icon:) sections[0].blocks[0].items[0].icon: …megapixels",
         brochure=doc("- kind: cards\n  items:\n    - { title: A, text: B, icon: ../assets/bomb.png }"),
         assets={"bomb.png": lambda: m.png_bomb(12000, 12000)}, isolated=True),
    Case("raster-print-profile-cmyk-jpeg", "raster", 0, brochure=doc(image("c.jpg")),
         assets={"c.jpg": lambda: m.raster(2400, 1600, "JPEG", mode="CMYK")}, argv=("build", "{src}", "-o", "{out}")),
)

# ---------------------------------------------------------------- SVGs that lie
SVGS = {
    "zero-size": (lambda: m.svg("0", "0"), 1, "size"),
    "zero-width": (lambda: m.svg("0", "30"), 1, "size"),
    "nan-size": (lambda: m.svg("NaN", "NaN"), 1, "size"),
    "inf-size": (lambda: m.svg("inf", "10"), 1, "size"),
    "1e308-size": (lambda: m.svg("1e308", "1e308"), 1, "size"),
    "negative-size": (lambda: m.svg("-40", "30"), 1, "size"),
    "no-size-no-viewbox": (lambda: m.svg(None, None), 1, "size"),
    "zero-viewbox": (lambda: m.svg(None, None, viewbox="0 0 0 0"), 1, "size"),
    "nan-viewbox": (lambda: m.svg(None, None, viewbox="0 0 NaN 10"), 1, "size"),
    "percent-size": (lambda: m.svg("100%", "100%"), 0, ""),
    "percent-with-viewbox": (lambda: m.svg("100%", "100%", viewbox="0 0 40 30"), 0, ""),
    "mm-size": (lambda: m.svg("40mm", "30mm"), 0, ""),
    "viewbox-only": (lambda: m.svg(None, None, viewbox="0 0 40 30"), 0, ""),
    "tiny-size": (lambda: m.svg("1e-9", "1e-9"), 1, "size"),
    "data-png-image": (lambda: m.svg_with_image(m.raster(20, 20), "image/png"), 1, "image"),
    "data-jpeg-image": (lambda: m.svg_with_image(m.raster(20, 20, "JPEG"), "image/jpeg"), 1, "image"),
    "data-png-bomb": (lambda: m.svg_with_image(m.png_bomb(30000, 30000), "image/png"), 1, "image"),
    "external-image": (lambda: m.svg(body='<image width="5" height="5" xlink:href="../secret.png"/>'), 1, "image"),
    "html-root": (lambda: b"<html><body>no</body></html>", 1, "SVG"),
    "binary": (lambda: bytes(range(256)) * 4, 1, "SVG"),
    "empty": (lambda: b"", 1, "SVG"),
    "truncated": (lambda: m.svg()[:40], 1, "SVG"),
    "deep-groups": (lambda: m.svg_nested_groups(5000), 1, "SVG"),
    "entities-laughs": (lambda: b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                        + b"".join(b'<!ENTITY %s "%s">' % (b"a" * (i + 2), (b"&" + b"a" * (i + 1) + b";") * 10)
                                   for i in range(8))
                        + b']><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&aaaaaaaaa;</text></svg>',
                        1, "SVG"),
    "use-self": (lambda: m.svg(body='<g id="g"><use xlink:href="#g"/></g>'), 1, "…"),
    "use-cycle": (lambda: m.svg(body='<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g>'), 1, "…"),
    "text-with-unknown-font": (lambda: m.svg(body='<text x="1" y="10" font-family="Nowhere">Hi</text>'), 0, ""),
}
for name, (make, code, words) in SVGS.items():
    add(Case(f"svg-{name}", "svg", code, f"@src(path:) sections[0].blocks[0].path: …{words}" if code else "",
             brochure=doc(image("lie.svg")), assets={"lie.svg": make}, isolated=name.startswith(("use-", "deep-"))))
add(
    Case("svg-100000-elements", "svg", 1, "@src(path:) sections[0].blocks[0].path: …elements",
         brochure=doc(image("many.svg")), assets={"many.svg": lambda: m.svg_elements(100_000)}, isolated=True),
    Case("svg-deep-and-many", "svg", 1, "@src(path:) sections[0].blocks[0].path: …too deeply",
         brochure=doc(image("deep.svg")), isolated=True,
         assets={"deep.svg": lambda: m.svg(body="<g>" * 50 + '<rect width="1" height="1"/>' * 9_000 + "</g>" * 50)}),
    Case("svg-use-billion", "svg", 1, "@src(path:) sections[0].blocks[0].path: …elements",
         brochure=doc(image("uses.svg")), assets={"uses.svg": m.svg_use_bomb}, isolated=True),
    Case("svg-over-byte-limit", "svg", 1, "@src(path:) sections[0].blocks[0].path: …bytes",
         brochure=doc(image("big.svg")), assets={"big.svg": lambda: m.svg(body="<!--" + "x" * 12_000_000 + "-->")},
         isolated=True),
    Case("svg-css-240000-rules-9000-elements", "svg", 1, "@src(path:) sections[0].blocks[0].path: …bytes of CSS",
         argv=("validate", "{src}"), brochure=doc(image("css.svg")),
         assets={"css.svg": lambda: m.svg_css(240_000, 9_000)}, isolated=True),
    Case("svg-css-2000-rules-5000-elements", "svg", 1,
         "@src(path:) sections[0].blocks[0].path: …2000 CSS selectors for 5002 elements",
         brochure=doc(image("css.svg")), assets={"css.svg": lambda: m.svg_css(2_000, 5_000)}, isolated=True),
    Case("svg-css-selector-lists-counted", "svg", 1, "@src(icon:) sections[0].blocks[0].items[0].icon: …CSS selectors",
         brochure=doc("- kind: cards\n  items:\n    - { title: A, text: B, icon: ../assets/css.svg }"),
         assets={"css.svg": lambda: m.svg_css(200, 5_000, ", ".join(["[x{i}]"] * 5))}, isolated=True),
    Case("svg-illustrator-class-rules", "svg", 0, brochure=doc(image("classes.svg")),
         assets={"classes.svg": m.svg_illustrator}),
    Case("svg-logo-zero-size", "svg", 1, "@brand(logo:) logo: …size", brand=logo("../assets/zero.svg"),
         assets={"zero.svg": lambda: m.svg("0", "0")}),
    Case("svg-icon-nan-size", "svg", 1, "@src(icon:) sections[0].blocks[0].items[0].icon: …size",
         brochure=doc("- kind: cards\n  items:\n    - { title: A, text: B, icon: ../assets/nan.svg }"),
         assets={"nan.svg": lambda: m.svg("NaN", "1")}),
)

# ---------------------------------------------------------------- fonts that lie
FONTS = {
    "truncated-half": lambda: m.cut(m.lato(), 0.5),
    "truncated-header": lambda: m.lato()[:12],
    "empty": lambda: b"",
    "corrupt-glyphs": lambda: m.flip(m.lato(), 0.6, 2000),
    "glyf-offset-past-end": lambda: m.font_with_table_entry(b"glyf", offset=10**8),
    "cmap-length-huge": lambda: m.font_with_table_entry(b"cmap", length=2**31),
    "loca-zero-length": lambda: m.font_with_table_entry(b"loca", length=0),
    "head-offset-zero": lambda: m.font_with_table_entry(b"head", offset=0),
    "cff-outlines": m.cff_font,
    "text-file": lambda: b"not a font at all\n" * 10,
    "svg-bytes": lambda: m.svg(),
}
for name, make in FONTS.items():
    add(Case(f"font-{name}", "font", 1, "@brand(regular:) fonts.regular: …TrueType",
             brand=font("../assets/bad.ttf"), assets={"bad.ttf": make}))
FONT_FIELDS = {  # intact checksums, values that lie: (table, offset, format, value, length) and the words said
    "head-units-per-em-0": ((b"head", 18, ">H", 0), "unitsPerEm is 0"),
    "head-units-per-em-1": ((b"head", 18, ">H", 1), "unitsPerEm is 1"),
    "head-units-per-em-65535": ((b"head", 18, ">H", 65535), "unitsPerEm is 65535"),
    "head-index-to-loc-format-7": ((b"head", 50, ">h", 7), "indexToLocFormat is 7"),
    "head-index-to-loc-format-0": ((b"head", 50, ">h", 0), "'loca' table points outside"),
    "head-magic-0": ((b"head", 12, ">I", 0), "not a font ReportLab can use: TTFError: Invalid head table magic"),
    "maxp-num-glyphs-0": ((b"maxp", 4, ">H", 0), "0 glyphs"),
    "maxp-num-glyphs-1": ((b"maxp", 4, ">H", 1), "1 glyphs"),
    "maxp-num-glyphs-65535": ((b"maxp", 4, ">H", 65535), "'hmtx' table is 12102 bytes long"),
    "hhea-metrics-0": ((b"hhea", 34, ">H", 0), "0 horizontal metrics"),
    "loca-shorter-than-num-glyphs": ((b"loca", 0, ">I", 0, 4000), "'loca' table is 4000 bytes long"),
    "hmtx-shorter-than-num-glyphs": ((b"hmtx", 0, ">H", 0, 8), "'hmtx' table is 8 bytes long"),
    "os2-cut-short": ((b"OS/2", 0, ">H", 0, 10), "'OS/2' table is 10 bytes long"),
    "name-cut-short": ((b"name", 0, ">H", 0, 4), "'name' table is 4 bytes long"),
}
for name, ((tag, at, fmt, value, *length), words) in FONT_FIELDS.items():
    add(Case(f"font-{name}", "font", 1, f"@brand(regular:) fonts.regular: …{words}", brand=font("../assets/bad.ttf"),
             assets={"bad.ttf": lambda t=tag, a=at, f=fmt, v=value, n=length: m.font_with_field(
                 t, a, f, v, length=n[0] if n else None)}))
add(
    Case("font-units-per-em-0-validate", "font", 1, "@brand(regular:) fonts.regular: …unitsPerEm is 0",
         argv=("validate", "{src}"), brand=font("../assets/bad.ttf"),
         assets={"bad.ttf": lambda: m.font_with_field(b"head", 18, ">H", 0)}),
    Case("font-over-byte-limit", "font", 1, "@brand(regular:) fonts.regular: …bytes", isolated=True,
         brand=font("../assets/big.ttf"), assets={"big.ttf": lambda: m.lato() + b"\0" * 60_000_000}),
    Case("font-bold-truncated", "font", 1, "@brand(bold:) fonts.bold: …TrueType",
         brand=brand_line("bold: ../assets/fonts/lato/Lato-Bold.ttf", "bold: ../assets/bad.ttf"),
         assets={"bad.ttf": lambda: m.cut(m.lato(), 0.3)}),
)

# ---------------------------------------------------------------- resource exhaustion at the input
BIG = "x" * 1_500_000
LONG_URL = "https://example.org/" + "/".join(["reports-and-figures"] * 14) + "/"
"""A web address of 300 characters, with no space: well within the limit on a run."""
add(
    Case("alias-1-5mb-string-90000-times", "resources", 1, "@src(subject) meta.subject: …characters", isolated=True,
         brochure=doc(para("*big"), meta=f"subject: &big {BIG}\nkeywords: [" + ", ".join(["*big"] * 90_000) + "]")),
    Case("alias-paragraphs-of-big-text", "resources", 1, "…characters…aliases", isolated=True,
         brochure=doc(meta=f"subject: &big {'word ' * 9_000}").replace(
             "      - kind: paragraph\n        text: Hello.\n",
             "".join("      - { kind: paragraph, text: *big }\n" for _ in range(400)))),
    Case("alias-keywords-of-big-text", "resources", 1, "…characters…aliases", isolated=True,
         brochure=doc(meta=f"subject: &big {'word ' * 9_000}\nkeywords: [" + ", ".join(["*big"] * 100) + "]")),
    Case("one-text-field-over-limit", "resources", 1, "@src(text:) sections[0].blocks[0].text: …characters",
         brochure=doc(para("word " * 40_000))),
    Case("columns-nested-five-levels", "resources", 1, "sections[0].blocks[0].blocks[0]: …inside columns",
         isolated=True, brochure=doc(
             "".join("  " * i + "- kind: columns\n" + "  " * i + "  blocks:\n" for i in range(5))
             + "  " * 5 + "- kind: paragraph\n" + "  " * 5 + "  text: Deep.")),
    Case("columns-nested-two-levels", "resources", 1, "@src(# inner) sections[0].blocks[0].blocks[0]: …inside columns",
         brochure=doc("- kind: columns\n  blocks:\n    - kind: columns  # inner\n      blocks:\n        - kind: paragraph\n"
                      "          text: Deep.")),
    Case("margins-leave-tiny-frame", "resources", 1, "@brand(margins:) page.margins: …mm", isolated=True,
         brand=brand_line("size: A4\n  margins: { top: 22, bottom: 24, inner: 20, outer: 20 }",
                          "size: A5\n  margins: { top: 60, bottom: 60, inner: 60, outer: 60 }")),
    Case("gutter-leaves-narrow-columns", "resources", 1, "@src(count: 3) sections[0].blocks[0].count: …mm", isolated=True,
         brand=brand_line("margins: { top: 22, bottom: 24, inner: 20, outer: 20 }\n  gutter: 8",
                          "margins: { top: 22, bottom: 24, inner: 45, outer: 45 }\n  gutter: 30"),
         brochure=doc("- kind: columns\n  count: 3\n  blocks:\n    - kind: paragraph\n      text: Narrow.")),
    Case("value-format-20-million-digits", "resources", 1, "@src(value_format) sections[0].blocks[0].value_format: ",
         isolated=True, brochure=doc(chart(extra="value_format: '{:.20000000f}'"))),
    Case("value-format-huge-width", "resources", 1, "@src(value_format) sections[0].blocks[0].value_format: ",
         isolated=True, brochure=doc(chart(extra="value_format: '{:>100000000}'"))),
    Case("many-sections", "resources", 0, slow=True, brochure=doc().replace(
        "sections:\n", "sections:\n" + "".join(f"  - {{ title: S{i}, blocks: [{{ kind: paragraph, text: T }}] }}\n"
                                               for i in range(300)))),
    Case("long-unbroken-word", "resources", 1, "@src(xxx) sections[0].blocks[0].text: has 20,000 characters with no "
         "space between them; a text may run at most 1,000", brochure=doc(para("x" * 20_000))),
    Case("unbroken-word-50000", "resources", 1, "@src(xxx) sections[0].blocks[0].text: has 50,000 characters",
         brochure=doc(para("x" * 50_000))),
    Case("unbroken-cover-title-16000", "resources", 1, "@src(xxx) cover.title: has 16,000 characters",
         brochure=doc().replace("  title: Cover", "  title: " + "x" * 16_000)),
    Case("unbroken-run-of-no-break-spaces", "resources", 1, "sections[0].blocks[0].text: has 2,400 characters",
         brochure=doc(para('"' + "ab\\u00a0" * 800 + '"'))),
    Case("unbroken-word-1000", "resources", 0, brochure=doc(para("y" * 1_000)), check=shows("yyyyyyyyyy")),
    Case("url-300-in-paragraph", "resources", 0, brochure=doc(para(f"'See [the report]({LONG_URL}).'")),
         check=links_are(LONG_URL)),
    Case("url-300-as-text-in-paragraph", "resources", 0, brochure=doc(para(LONG_URL)), check=shows("https://example.org/")),
    Case("url-300-linked-in-table-cell", "resources", 0, check=links_are(LONG_URL), brochure=doc(
        f"- kind: table\n  columns: [{{ title: Where }}, {{ title: What }}]\n  rows:\n    - ['[report]({LONG_URL})', R]")),
    Case("url-300-in-table-cell", "resources", 0, check=shows("https://example.org/"), brochure=doc(
        f"- kind: table\n  columns: [{{ title: Where }}, {{ title: What }}]\n  rows:\n    - [{LONG_URL}, Report]")),
    Case("url-300-in-source-note", "resources", 0, check=shows("https://example.org/"), brochure=doc(
        para("A fact.[^a]") + f"\n- kind: sources\n  items:\n    - {{ id: a, text: 'Report, {LONG_URL}' }}")),
)

# ---------------------------------------------------------------- value_format
for spec, code in {"{:d}": 1, "{}{}": 1, "{0.__class__}": 1, "{0.__class__.__mro__}": 1, "{:.1f%}": 1, "{!r}": 1,
                   "{0[0]}": 1, "{:{}}": 1, "{": 1, "}": 1, "no field": 1, "{x}": 1, "{:c}": 1, "{:s}": 1, "{:x}": 1,
                   "{:.1f} {:.1f}": 1, "{:,.0f}": 0, "{:.1f} km": 0, "{:.0%}": 0, "{{}} {:g}": 0, "{:g}": 0,
                   "€{:,.2f}": 0, "{:e}": 0, "{0:.2f}": 0, "{:_}": 0, "{:=+10.2f}": 0, "{:✓>10}": 1}.items():
    add(Case(f"value-format-{spec}", "format", code,
             "@src(value_format) sections[0].blocks[0].value_format: " if code else "",
             brochure=doc(chart(extra=f"value_format: '{spec}'"))))

# ---------------------------------------------------------------- links
NOTES = "\n- kind: sources\n  items:\n    - { id: n, text: A note }"
for target, code in {"#nowhere": 1, "pdf:other.pdf": 1, "file:///etc/passwd": 1, "javascript:alert(1)": 1,
                     "document:dest": 1, "data:text/html,hi": 1, "ftp://example.com/x": 1, "relative/page.html": 1,
                     "//example.com/x": 1, "vbscript:x": 1, "https://example.com/A?b=1&c=2": 0, "mailto:a@example.com": 0,
                     "tel:+37012345678": 0, "HTTPS://EXAMPLE.COM/": 0, "#note-n": 0, "#note-missing": 1,
                     "http://example.com": 0, "<https://example.com/a b>": 0}.items():
    add(Case(f"link-{target}", "links", code, "@src(text:) sections[0].blocks[0].text: …link" if code else "",
             brochure=doc(para(f"'See [this]({target}) now.'") + NOTES)))
add(
    Case("link-undefined-note", "links", 1, "@src(text:) sections[0].blocks[0].text: …missing",
         brochure=doc(para("Cited[^missing].") + NOTES)),
    Case("link-note-without-sources", "links", 1, "@src(text:) sections[0].blocks[0].text: …n",
         brochure=doc(para("Cited[^n]."))),
    Case("link-in-stat-source", "links", 1, "@src(source:) sections[0].blocks[0].items[0].source: …link",
         brochure=doc("- kind: stats\n  items:\n    - { value: '1', label: L, source: '[x](pdf:a.pdf)' }")),
    Case("link-in-cover-kicker-bad", "links", 1, "@src(kicker:) cover.kicker: …link",
         brochure=doc(cover="kicker: '[x](file:///etc/passwd)'")),
    Case("link-in-back-note", "links", 1, "@src(note:) back_cover.note: …link",
         brochure=doc(back="note: '[x](#top)'")),
    Case("section-kicker-link-keeps-its-case", "links", 0, brochure=doc(section="kicker: 'Go [Here](https://example.com/CaseSensitive/Path)'"),
         argv=("build", "{src}", "-o", "{out}", "--profile", "screen"),
         check=links_are("https://example.com/CaseSensitive/Path")),
    Case("cover-kicker-link-keeps-its-case", "links", 0,
         brochure=doc(cover="kicker: 'Go [Here](https://example.com/Case?a=1&b=2) & more'"),
         check=links_are("https://example.com/Case?a=1&b=2")),
    Case("section-kicker-note-keeps-its-id", "links", 0,
         brochure=doc(para("Text.") + NOTES, section="kicker: 'Cited[^n]'"), check=shows("CITED1")),
    Case("cover-kicker-ampersand", "links", 0, brochure=doc(cover="kicker: 'Fish & chips <b>'"),
         check=shows("FISH & CHIPS <B>")),
)

# ---------------------------------------------------------------- output paths


def hard_link_to_source(ws: Workspace) -> None:
    os.link(ws.source, ws.root / "hard.pdf")


add(
    Case("output-is-the-brochure", "output", 2, "…{src}…input", argv=("build", "{src}", "-o", "{src}")),
    Case("output-is-the-brand", "output", 2, "…{brand}…input", argv=("build", "{src}", "-o", "{brand}")),
    Case("output-is-a-font", "output", 2, "…Lato-Regular.ttf…input",
         argv=("build", "{src}", "-o", "{assets}/fonts/lato/Lato-Regular.ttf")),
    Case("output-is-an-image", "output", 2, "…input", brochure=doc(image("icons/innovation.svg")),
         argv=("build", "{src}", "-o", "{assets}/icons/innovation.svg")),
    Case("output-print-name-is-the-brand", "output", 2, "…input",
         argv=("build", "{src}", "-o", "{project}/brochure/brand.yaml"),
         setup=lambda ws: None),
    Case("output-derived-print-is-an-input", "output", 2, "…input",
         brochure=doc().replace("brand: brand.yaml", "brand: x-print.yaml"),
         setup=lambda ws: (ws.project / "brochure" / "x-print.yaml").write_bytes(ws.brand.read_bytes()),
         argv=("build", "{src}", "-o", "{project}/brochure/x.yaml")),
    Case("output-hard-link-to-brochure", "output", 2, "…input", setup=hard_link_to_source,
         argv=("build", "{src}", "-o", "{root}/hard.pdf")),
    Case("output-symlink-to-brochure", "output", 2, "…input",
         setup=lambda ws: (ws.root / "link.pdf").symlink_to(ws.source), argv=("build", "{src}", "-o", "{root}/link.pdf")),
    Case("output-empty", "output", 2, "…-o", argv=("build", "{src}", "-o", "")),
    Case("output-dot", "output", 0, argv=("build", "{src}", "-o", ".", "--profile", "screen"),
         check=lambda ws, _o: (ws.root / "test.pdf").read_bytes()[:5] == b"%PDF-" or None),
    Case("output-existing-folder", "output", 0, argv=("build", "{src}", "-o", "{root}/out"),
         check=lambda ws, _o: ((ws.root / "out" / "test.pdf").read_bytes()[:5] == b"%PDF-"
                               and (ws.root / "out" / "test-print.pdf").exists()) or None),
    Case("output-new-folder-with-slash", "output", 0, argv=("build", "{src}", "-o", "{root}/new/", "--profile", "screen"),
         check=lambda ws, _o: (ws.root / "new" / "test.pdf").read_bytes()[:5] == b"%PDF-" or None),
    Case("output-250-character-name", "output", 0,
         argv=("build", "{src}", "-o", "{root}/out/" + "n" * 246 + ".pdf", "--profile", "screen")),
    Case("output-name-too-long-for-print", "output", 2, "…too long",
         argv=("build", "{src}", "-o", "{root}/out/" + "n" * 249 + ".pdf")),
    Case("output-under-a-file", "output", 3, "…cannot write", argv=("build", "{src}", "-o", "{src}/x.pdf")),
    Case("output-is-a-fifo", "output", 2, "…not a regular file", setup=lambda ws: os.mkfifo(ws.root / "pipe.pdf"),
         argv=("build", "{src}", "-o", "{root}/pipe.pdf"),
         check=lambda ws, _o: __import__("stat").S_ISFIFO((ws.root / "pipe.pdf").stat().st_mode) or None),
    Case("output-root-folder", "output", 3, "…cannot write", argv=("build", "{src}", "-o", "/"), never_as_root=True),
    Case("output-read-only-folder", "output", 3, "…cannot write", as_user=True,
         setup=lambda ws: ws.out.parent.chmod(0o555)),
    Case("output-no-suffix", "output", 0, argv=("build", "{src}", "-o", "{root}/out/plain", "--profile", "screen"),
         check=lambda ws, _o: (ws.root / "out" / "plain.pdf").exists() or None),
)

# ---------------------------------------------------------------- signals and stale temporary files
INTERRUPT_IN_WRITE = """
import os, signal
from brochure_builder.pdf import output
real = os.fsync
def fsync(fd):
    real(fd)
    os.kill(os.getpid(), signal.{signal})
os.fsync = fsync
"""
INTERRUPT_IN_LOAD = """
import os, signal
from brochure_builder.source import loading
real = loading.validate
def validate(*a, **k):
    os.kill(os.getpid(), signal.{signal})
    return real(*a, **k)
loading.validate = validate
"""


def stale(pid: int, age_s: float, name: str = "result.pdf", token: str = "0123abcd"):  # type: ignore[no-untyped-def]
    def setup(ws: Workspace) -> None:
        path = ws.out.parent / f".{name}.{pid}.{token}.tmp"
        path.write_bytes(b"half a PDF")
        old = path.stat().st_mtime - age_s
        os.utime(path, (old, old))
    return setup


def stale_gone(ws: Workspace, _outcome: Outcome) -> None:
    assert not [p for p in ws.out.parent.iterdir() if p.name.endswith(".tmp")], "stale temporary files kept"


def kept(name: str):  # type: ignore[no-untyped-def]
    def check(ws: Workspace, _outcome: Outcome) -> None:
        assert (ws.out.parent / name).exists(), f"{name} was removed"
    return check


DEAD_PID = 2**22 + 1  # above Linux's default pid_max: no process has it


add(
    Case("ctrl-c-while-writing", "signals", 130, "interrupted", before=INTERRUPT_IN_WRITE.replace("{signal}", "SIGINT"),
         argv=BUILD[:4]),
    Case("sigterm-while-writing", "signals", 143, "terminated", before=INTERRUPT_IN_WRITE.replace("{signal}", "SIGTERM"),
         argv=BUILD[:4]),
    Case("ctrl-c-while-loading", "signals", 130, "interrupted", before=INTERRUPT_IN_LOAD.replace("{signal}", "SIGINT")),
    Case("sigterm-while-loading", "signals", 143, "terminated", before=INTERRUPT_IN_LOAD.replace("{signal}", "SIGTERM")),
    Case("ctrl-c-while-validating", "signals", 130, "interrupted", argv=("validate", "{src}"),
         before=INTERRUPT_IN_LOAD.replace("{signal}", "SIGINT")),
    Case("stale-temporary-of-a-dead-build", "signals", 0, setup=stale(DEAD_PID, 0), check=stale_gone),
    Case("stale-temporary-old", "signals", 0, setup=stale(1, 3600), check=stale_gone),
    Case("fresh-temporary-of-a-live-build-kept", "signals", 0, setup=stale(1, 0), check=kept(".result.pdf.1.0123abcd.tmp")),
    Case("temporary-not-ours-kept", "signals", 0, setup=stale(DEAD_PID, 3600, token="notours!"),
         check=kept(f".result.pdf.{DEAD_PID}.notours!.tmp")),
    Case("temporary-of-another-output-kept", "signals", 0, setup=stale(DEAD_PID, 3600, name="other.pdf"),
         check=kept(f".other.pdf.{DEAD_PID}.0123abcd.tmp")),
)

# ---------------------------------------------------------------- commands: watch, new, help
add(
    Case("watch-missing-folder", "commands", 1, "{root}/nowhere/x.yaml: file not found",
         argv=("watch", "{root}/nowhere/x.yaml")),
    Case("watch-missing-file", "commands", 1, "{project}/brochure/none.yaml: file not found",
         argv=("watch", "{project}/brochure/none.yaml")),
    Case("new-into-a-file", "commands", 2, "{src}: …not a folder", argv=("new", "{src}")),
    Case("new-into-non-empty-folder", "commands", 2, "not empty", argv=("new", "{project}")),
    Case("new-under-a-file", "commands", 3, "…cannot write", argv=("new", "{src}/inner")),
    Case("new-empty-name", "commands", 2, "…", argv=("new", "")),
    Case("new-read-only-parent", "commands", 3, "…cannot write", as_user=True, argv=("new", "{root}/ro/new"),
         setup=lambda ws: ((ws.root / "ro").mkdir(), (ws.root / "ro").chmod(0o555))),  # type: ignore[func-returns-value]
    Case("help-describes-the-tool", "commands", 0, "PDF brochure", argv=("--help",),
         check=lambda _ws, o: ("parse arguments" not in o.out) or None),
    Case("version", "commands", 0, "brochure 0.", argv=("--version",)),
    Case("unknown-command", "commands", 2, "…", argv=("frobnicate",)),
    Case("schema-prints", "commands", 0, "$schema", argv=("schema",)),
    Case("validate-good", "commands", 0, "valid", argv=("validate", "{src}")),
)

# ---------------------------------------------------------------- the cache


def cache_as_file(ws: Workspace) -> None:
    ws.cache.write_text("a file where the cache folder should be")


add(
    Case("cache-folder-is-a-file", "cache", 0, setup=cache_as_file),
    Case("cache-folder-read-only", "cache", 0, as_user=True,
         setup=lambda ws: (ws.cache.mkdir(), ws.cache.chmod(0o555))),  # type: ignore[func-returns-value]
)

# ---------------------------------------------------------------- messages
add(
    Case("escape-in-unknown-key", "messages", 1, "@src(red) …unknown key", brochure=doc(meta='"\\e[31mred\\e[0m": x')),
    Case("escape-in-unknown-kind", "messages", 1, "sections[0].blocks[0].kind: unknown block kind",
         brochure=doc('- kind: "\\e]0;pwned\\a"\n  text: x')),
    Case("escape-in-bad-value", "messages", 1, "sections[0].blocks[0].level: ",
         brochure=doc('- kind: heading\n  text: x\n  level: "\\e[2J\\e[H"')),
    Case("bidi-in-unknown-key", "messages", 1, "…unknown key", brochure=doc(meta='"ti\\u202eeltit": x')),
    Case("escape-in-file-name", "messages", 1, "…file not found", argv=("build", "{root}/\x1b[31mred.yaml")),
    Case("huge-bad-value-echo-is-short", "messages", 1, "@src(level) sections[0].blocks[0].level: ",
         brochure=doc(f"- kind: heading\n  text: x\n  level: {'y' * 100_000}"),
         check=lambda _ws, o: all(len(line) < 1000 for line in o.err.splitlines()) or None),
    Case("ten-thousand-problems-are-bounded", "messages", 1, "…more", brochure=doc(meta="".join(
        f"unknown{i}: x\n" for i in range(10_000))), check=lambda _ws, o: (len(o.err.splitlines()) < 200) or None),
)

# ---------------------------------------------------------------- other engineers' areas (expected failures for now)
add(
    Case("layout-quote-in-columns-too-big", "layout", 1, "@src(- kind: columns) sections[0].blocks[0]: …does not fit",
         brochure=doc("- kind: columns\n  count: 3\n  blocks:\n    - kind: quote\n      text: "
                      + "Long quote. " * 400),
         check=lambda _ws, o: ("0x" not in o.err and ":1:1:" not in o.err and "Flowable" not in o.err) or None),
    Case("layout-tall-image-in-columns-is-scaled", "layout", 0,
         brochure=doc("- kind: columns\n  blocks:\n    - kind: image\n      path: ../assets/tall.png\n      alt: Tall"),
         assets={"tall.png": lambda: m.raster(100, 2000)}),
    Case("layout-page-break-in-columns", "layout", 1, "@src(# inner) sections[0].blocks[0].blocks: …page_break",
         brochure=doc("- kind: columns\n  blocks:\n    - kind: paragraph  # inner\n      text: A\n    - kind: page_break\n"
                      "    - kind: paragraph\n      text: B")),
    Case("layout-uppercase-kicker-glyph", "layout", 1, "@src(kicker:) …U+2C6D",  # ɑ in capitals is Ɑ: not in Lato
         brochure=doc(section="kicker: 'ɑ'")),
    Case("layout-uppercase-kicker-glyph-the-font-has", "layout", 0,  # ŉ in capitals is ʼN: Lato has both
         brochure=doc(section="kicker: 'ŉ'")),
    Case("chart-label-mathtext", "charts", 0, argv=("build", "{src}", "-o", "{out}"),
         brochure=doc(chart("[{ label: 'costs $5 or $7', value: 3 }]"))),
    Case("chart-label-mathtext-broken", "charts", 0,
         brochure=doc(chart("[{ label: '$\\frac{$', value: 3 }]"))),
    Case("check-not-a-pdf", "print", 1, "…", argv=("check", "{src}")),
    Case("check-fifo", "print", 1, "…not a regular file", limit_s=15, argv=("check", "{root}/pipe.pdf"),
         setup=lambda ws: os.mkfifo(ws.root / "pipe.pdf")),
    Case("check-empty", "print", 1, "…", argv=("check", "{root}/empty.pdf"),
         setup=lambda ws: (ws.root / "empty.pdf").write_bytes(b"")),
    Case("preview-fifo", "print", 1, "…not a regular file", limit_s=15, argv=("preview", "{root}/pipe.pdf", "-o", "{root}/prev"),
         setup=lambda ws: os.mkfifo(ws.root / "pipe.pdf")),
    Case("data-fifo", "mailing", 1, "…", argv=("build", "{src}", "--data", "{root}/pipe.csv",
                                                                 "-o", "{root}/mail"),
         setup=lambda ws: os.mkfifo(ws.root / "pipe.csv")),
    Case("data-cell-unbroken-2000", "mailing", 1, "…a cell with more than 1,000 characters and no space",
         argv=("build", "{src}", "--data", "{root}/rows.csv", "-o", "{root}/mail"), brochure=doc(para("'Dear {{ name }}.'")),
         setup=lambda ws: (ws.root / "rows.csv").write_text("name\nAda\n" + "x" * 2_000 + "\n", encoding="utf-8")),
    Case("data-unused-cell-unbroken-2000", "mailing", 0, argv=("build", "{src}", "--data", "{root}/rows.csv", "-o",
         "{root}/mail"), brochure=doc(para("'Dear {{ name }}.'")), setup=lambda ws: (ws.root / "rows.csv").write_text(
             "name,photo\nAda," + "x" * 2_000 + "\n", encoding="utf-8")),
    Case("table-csv-cell-unbroken-2000", "resources", 1, "…a cell has 2,000 characters with no space",
         brochure=doc("- kind: table\n  columns: [{ title: A }, { title: B }]\n  rows_from: ../assets/wide.csv"),
         assets={"wide.csv": lambda: ("A,B\nshort,words\n" + "y" * 2_000 + ",z\n").encode()}),
    Case("table-csv-unprinted-cell-unbroken-2000", "resources", 0,
         brochure=doc("- kind: table\n  columns: [{ title: A }, { title: B }]\n  rows_from: ../assets/wide.csv"),
         assets={"wide.csv": lambda: ("A,B,Thumbnail\nshort,words," + "y" * 2_000 + "\n").encode()}),
    Case("link-address-of-1500-characters", "resources", 0, check=shows("the form"),
         brochure=doc(para(f"'Fill in [the form](https://example.org/{'q' * 1_500}).'"))),
    Case("data-dev-zero", "mailing", 1, "…", isolated=True,
         argv=("build", "{src}", "--data", "{root}/zero.csv", "-o", "{root}/mail"),
         setup=lambda ws: (ws.root / "zero.csv").symlink_to("/dev/zero")),
)


def populate_cache(ws: Workspace) -> None:
    """Build once so that the cache holds every kind of entry a build reads."""
    from .harness import Case as _Case
    from .harness import _in_process

    ws.out.parent.joinpath("reference.pdf").unlink(missing_ok=True)
    outcome = _in_process(ws, ["build", str(ws.source), "-o", str(ws.out.parent / "reference.pdf"),
                               "--profile", "screen"])
    assert outcome.code == 0, outcome.err
    assert list(ws.cache.glob("*.entry")), "the first build stored nothing"
    del _Case


def plant_pickles(ws: Workspace) -> None:
    """Replace every entry with a pickle that would create a file, with a checksum an attacker
    can compute (SHA-256 in the entry's own header format) but no secret."""
    import hashlib

    populate_cache(ws)
    payload = m.malicious_pickle(str(ws.root / "PWNED"))
    for entry in ws.cache.glob("*.entry"):
        header = entry.read_bytes().split(b"\n", 1)[0].rsplit(b" ", 1)[0]
        entry.write_bytes(header + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


def plant_wrong_types(ws: Workspace) -> None:
    """Every entry replaced through the cache's own API (a valid entry) by a value of the wrong type."""
    from brochure_builder import cache

    populate_cache(ws)
    os.environ["BROCHURE_CACHE_DIR"] = str(ws.cache)
    try:
        for entry in ws.cache.glob("*.entry"):
            cache.clear_memory()
            cache.store(entry.stem, {"wrong": ["type"]})
    finally:
        cache.clear_memory()


def same_as_reference(ws: Workspace, _outcome: Outcome) -> None:
    assert ws.out.read_bytes() == (ws.out.parent / "reference.pdf").read_bytes(), "a different PDF"


def fifo_entries(ws: Workspace) -> None:
    populate_cache(ws)
    for entry in ws.cache.glob("*.entry"):
        entry.unlink()
        os.mkfifo(entry)


def zero_entries(ws: Workspace) -> None:
    populate_cache(ws)
    for entry in ws.cache.glob("*.entry"):
        entry.unlink()
        entry.symlink_to("/dev/zero")


def key_file(mode: int, content: bytes = b"k" * 32):  # type: ignore[no-untyped-def]
    def setup(ws: Workspace) -> None:
        folder = ws.root / "data" / "brochure-builder"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cache-key").write_bytes(content)
        (folder / "cache-key").chmod(mode)
    return setup


def no_entries(ws: Workspace, _outcome: Outcome) -> None:
    assert not list(ws.cache.glob("*.entry")) if ws.cache.is_dir() else True, "entries written with a refused key"


CACHE_FULL = """
import errno, os
real = os.fdopen
class Full:
    def __init__(self, stream): self.stream = stream
    def __enter__(self): return self
    def __exit__(self, *exc): self.stream.close()
    def write(self, data): raise OSError(errno.ENOSPC, "No space left on device")
    def __getattr__(self, name): return getattr(self.stream, name)
def fdopen(fd, *args, **kwargs):
    stream = real(fd, *args, **kwargs)
    where = os.readlink(f"/proc/self/fd/{fd}")
    return Full(stream) if where.startswith(os.environ["BROCHURE_CACHE_DIR"]) else stream
os.fdopen = fdopen
"""
DISK_FULL = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
"""

add(
    Case("cache-planted-pickles-never-run", "cache", 0, setup=plant_pickles,
         check=lambda ws, o: (no_file("PWNED")(ws, o), same_as_reference(ws, o)) and None),
    Case("cache-planted-pickles-never-run-in-a-child", "cache", 0, setup=plant_pickles, isolated=True,
         check=lambda ws, o: (no_file("PWNED")(ws, o), same_as_reference(ws, o)) and None),
    Case("cache-entries-of-the-wrong-type", "cache", 0, setup=plant_wrong_types, check=same_as_reference),
    Case("cache-entries-are-fifos", "cache", 0, setup=fifo_entries, check=same_as_reference),
    Case("cache-entries-are-dev-zero", "cache", 0, setup=zero_entries, check=same_as_reference, isolated=True),
    Case("cache-full-disk", "cache", 0, before=CACHE_FULL, argv=BUILD[:4]),
    Case("disk-full-everywhere", "cache", 3, "cannot write", before=DISK_FULL, argv=BUILD[:4]),
    Case("cache-key-readable-by-others", "cache", 0, setup=key_file(0o644), check=no_entries),
    Case("cache-key-wrong-length", "cache", 0, setup=key_file(0o600, b"short"), check=no_entries),
    Case("cache-key-is-a-folder", "cache", 0, check=no_entries,
         setup=lambda ws: (ws.root / "data" / "brochure-builder" / "cache-key").mkdir(parents=True)),
    Case("cache-key-is-a-symlink", "cache", 0, check=no_entries, setup=lambda ws: (
        key_file(0o600)(ws), (ws.root / "data" / "brochure-builder" / "cache-key").rename(ws.root / "k"),
        (ws.root / "data" / "brochure-builder" / "cache-key").symlink_to(ws.root / "k"))),
    Case("cache-key-of-another-user", "cache", 0, check=no_entries, setup=lambda ws: (
        key_file(0o600)(ws), os.chown(ws.root / "data" / "brochure-builder" / "cache-key", 4321, 4321)
        if os.geteuid() == 0 else None)),
)


def key_is_private(ws: Workspace, _outcome: Outcome) -> None:
    import stat

    key = ws.root / "data" / "brochure-builder" / "cache-key"
    info = key.lstat()
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600 and info.st_size == 32
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert list(ws.cache.glob("*.entry")), "no entries written with a good key"
    assert not list(ws.cache.glob("*key*")), "the key is in the cache folder"


add(Case("cache-key-made-private-outside-the-cache", "cache", 0, check=key_is_private))

# ---------------------------------------------------------------- translation catalogues
LANG_LT = (*BUILD, "--lang", "lt")


def catalogue(make: Callable[[Path], None]):  # type: ignore[no-untyped-def]
    """A set-up step making the brochure's Lithuanian catalogue (``test.lt.po``) with ``make``."""
    def setup(ws: Workspace) -> None:
        make(ws.source.with_name("test.lt.po"))
    return setup


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as stream:
            stream.truncate(size)
    return make


add(
    Case("catalogue-is-fifo", "translation", 1, "test.lt.po: is not a regular file: it is a pipe (FIFO)",
         argv=LANG_LT, setup=catalogue(os.mkfifo)),
    Case("catalogue-is-folder", "translation", 1, "test.lt.po: is not a regular file: it is a folder",
         argv=LANG_LT, setup=catalogue(Path.mkdir)),
    Case("catalogue-is-dev-zero", "translation", 1, "test.lt.po: is not a regular file: it is a device",
         argv=LANG_LT, setup=catalogue(lambda path: path.symlink_to("/dev/zero")), isolated=True),
    Case("catalogue-1500-mb-sparse", "translation", 1, "test.lt.po: larger than 4194304 bytes",
         argv=LANG_LT, setup=catalogue(sparse(1500 * 1024 * 1024)), isolated=True),
    Case("catalogue-missing", "translation", 1, "test.lt.po: no catalogue for 'lt' (catalogues: none)",
         argv=LANG_LT),
)
