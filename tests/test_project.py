"""What a cluster worker gets: every file a brochure reads, laid out so that it loads elsewhere
and makes the same bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brochure_builder.mailing.copies import CopyMaker, Job, Template
from brochure_builder.mailing.project import gather, unpack
from brochure_builder.mailing.store import FolderStore
from brochure_builder.source.loading import load

from .conftest import MINIMAL

INCLUDED = """
kind: image
path: ../../assets/illustrations/travel-bubble.svg
alt: A travel bubble
caption: Shared from another file
"""


def test_an_unpacked_project_builds_the_same_copy(write_brochure: Callable[[str], Path], project: Path) -> None:
    (project / "brochure" / "parts").mkdir()
    (project / "brochure" / "parts" / "image.yaml").write_text(INCLUDED, encoding="utf-8")
    source = write_brochure(MINIMAL.replace("heading: The end", 'heading: "Bye, {{ name }}"').replace(
        "        text: Hello **world** & <friends>.", "        text: Hello.\n      - include: parts/image.yaml"))
    document = load(source, template=True)
    shipped = gather(document)
    names = set(shipped.files)
    assert {"brochure/test.yaml", "brochure/brand.yaml", "brochure/parts/image.yaml",
            "assets/illustrations/travel-bubble.svg"} <= names
    assert any(name.endswith("Lato-Regular.ttf") for name in names)
    assert not any(name.startswith("output") for name in names)

    elsewhere = Path(str(project) + "-elsewhere")
    unpacked = unpack(shipped, elsewhere)
    job = Job(2, "Ana", "Ana.pdf", "d", {"name": "Ana"})
    here = CopyMaker(Template(source, False, None, shipped.date)).make(job, FolderStore(project / "here"))
    there = CopyMaker(Template(unpacked, False, None, shipped.date)).make(job, FolderStore(elsewhere / "there"))
    assert here.status == there.status == "ok"
    assert here.sha256 == there.sha256
    assert gather(load(unpacked, template=True)).digest == shipped.digest
