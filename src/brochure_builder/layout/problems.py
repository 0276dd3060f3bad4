"""A block that cannot be laid out, named at its own place in the YAML (also inside columns)."""

from __future__ import annotations

from reportlab.platypus.doctemplate import LayoutError

from ..errors import Problem
from ..source.content import Brochure, blocks_in
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
        path = next((where for where, block in blocks_in(brochure) if block is self.block), ())
        return Problem(source.locate((*path, *self.within)), self.message)
