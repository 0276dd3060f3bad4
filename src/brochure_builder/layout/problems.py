"""A block that cannot be laid out, named at its own place in the YAML (also inside columns)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlab.platypus.doctemplate import LayoutError

from ..errors import Problem
from ..source.content import Brochure
from ..source.content import Columns as ColumnsBlock
from ..source.schema import Model
from ..source.yamlsource import DocPath, MarkedDocument


class BlockLayoutError(LayoutError):
    """Raised while laying out ``block``; ``within`` is a path inside the block (a row).

    ReportLab re-raises an error from inside a group kept together as a new one of the same
    class made from its message alone; the first one stays its context (``cause_in``)."""

    def __init__(self, message: str, block: Model | None = None, within: DocPath = ()) -> None:
        super().__init__(message)
        self.block, self.message, self.within = block, message, within

    @staticmethod
    def cause_in(exc: BaseException) -> BlockLayoutError | None:
        """The error that names its block, among ``exc`` and the errors it was raised from."""
        seen: BaseException | None = exc
        while seen is not None:
            if isinstance(seen, BlockLayoutError) and seen.block is not None:
                return seen
            seen = seen.__cause__ or seen.__context__
        return None

    def problem(self, brochure: Brochure, source: MarkedDocument) -> Problem:
        path = next(_paths_of(brochure, self.block), ()) if self.block is not None else ()
        return Problem(source.locate((*path, *self.within)), self.message)


def _paths_of(brochure: Brochure, block: Model) -> Iterator[DocPath]:
    """Where ``block`` (this very object) sits in the brochure."""
    def visit(blocks: Sequence[Model], path: DocPath) -> Iterator[DocPath]:
        for index, candidate in enumerate(blocks):
            if candidate is block:
                yield (*path, index)
            elif isinstance(candidate, ColumnsBlock):
                yield from visit(candidate.blocks, (*path, index, "blocks"))

    for number, section in enumerate(brochure.sections):
        yield from visit(section.blocks, ("sections", number, "blocks"))
