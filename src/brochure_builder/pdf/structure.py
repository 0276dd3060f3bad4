"""Write a brochure's logical structure (``layout.tagging.Tree``) into its PDF: the structure
tree, the parent tree that maps marked content and annotations back to their elements, and
what a tagged PDF declares (MarkInfo, tab order by structure, link descriptions)."""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..layout.tagging import Annotation, Content, Element, Tree

PRINT_FLAG = 4
"""Annotation flag: print the annotation (PDF/A asks it of every annotation)."""


def write_structure(pdf: pikepdf.Pdf, tree: Tree) -> None:
    """Add ``tree`` as the document's StructTreeRoot, with its ParentTree."""
    writer = _Writer(pdf)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = writer.element(tree.root, root)
    root.K = Array([document])
    root.ParentTree = writer.parent_tree()
    root.ParentTreeNextKey = writer.next_key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    for page in pdf.pages:
        if "/Annots" in page.obj:
            page.obj.Tabs = Name.S


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.mcids: dict[int, dict[int, Any]] = {}
        """Page -> MCID -> the element that owns it."""
        self.annotations: list[tuple[Any, Any]] = []
        """(annotation, element) pairs."""
        self.next_key = 0

    def element(self, element: Element, parent: Any) -> Any:
        made = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role), P=parent))
        if element.alt is not None:
            made.Alt = String(element.alt)
        if element.element_id is not None:
            made.ID = String(element.element_id)
        owned = [Dictionary({"/O": Name("/" + owner), **{f"/{k}": Name("/" + v) for k, v in values.items()}})
                 for owner, values in element.attributes.items()]
        if owned:
            made.A = owned[0] if len(owned) == 1 else Array(owned)
        pages = {kid.page for kid in element.kids if isinstance(kid, (Content, Annotation))}
        own_page = pages.pop() if len(pages) == 1 else None
        if own_page is not None:
            made.Pg = self.pages[own_page]
        made.K = Array([self._kid(kid, made, own_page) for kid in element.kids])
        return made

    def _kid(self, kid: Element | Content | Annotation, parent: Any, own_page: int | None) -> Any:
        if isinstance(kid, Element):
            return self.element(kid, parent)
        page = self.pages[kid.page]
        if isinstance(kid, Content):
            self.mcids.setdefault(kid.page, {})[kid.mcid] = parent
            if kid.page == own_page:
                return kid.mcid
            return Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid)
        annotation = page.Annots[kid.index]
        annotation.Contents = String(kid.contents)
        annotation.F = PRINT_FLAG
        self.annotations.append((annotation, parent))
        return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)

    def parent_tree(self) -> Any:
        tree = pikepdf.NumberTree.new(self.pdf)
        for index, page in enumerate(self.pages):
            owners = self.mcids.get(index)
            if not owners:
                continue
            page.StructParents = self.next_key
            tree[self.next_key] = Array([owners.get(mcid) for mcid in range(max(owners) + 1)])
            self.next_key += 1
        for annotation, element in self.annotations:
            annotation.StructParent = self.next_key
            tree[self.next_key] = element
            self.next_key += 1
        return tree.obj
