"""The structure tree of a tagged PDF, written with pikepdf after drawing.

:mod:`.pdf_tags` records, while the pages are drawn, which structure element each
marked-content sequence (MCID) belongs to; :func:`add_structure` writes that tree
into the finished PDF: the StructTreeRoot with its ParentTree (page → MCID →
element), the pages' ``/StructParents``, ``/MarkInfo`` and ``/Lang``. A page PDF
cut from the issue PDF gets the part of the tree that is on its page.
"""

from __future__ import annotations

from typing import Any  # pikepdf is imported late: its objects are typed Any here

from .pdf_tags import Element, Mark


def add_structure(pikepdf: Any, pdf: Any, root: Element, lang: str,
                  pages: dict[int, int] | None = None) -> None:
    """Write the tree ``root`` into ``pdf``: StructTreeRoot, ParentTree, the pages'
    ``/StructParents``, ``/MarkInfo`` and ``/Lang``.

    ``pages`` maps the drawn document's page indices to ``pdf``'s (default: the
    same); marks on other pages are left out, and elements left empty with them, so
    a page cut from the issue PDF gets the tree of what is on it."""
    if pages is None:
        pages = {index: index for index in range(len(pdf.pages))}
    page_objs = {drawn: pdf.pages[own].obj for drawn, own in pages.items()}
    parents: dict[int, dict[int, Any]] = {own: {} for own in pages.values()}
    tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))

    def write(element: Element, parent: Any) -> Any | None:
        kept = [mark for page, mark in element.firsts().items() if page in pages]
        if not kept:
            return None
        home = min(kept, key=lambda m: (m.page, m.mcid)).page
        obj = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + element.type), P=parent,
            Pg=page_objs[home]))
        kids = []
        for kid in element.kids:
            if isinstance(kid, Mark):
                if kid.page not in pages:
                    continue
                parents[pages[kid.page]][kid.mcid] = obj
                kids.append(kid.mcid if kid.page == home else pikepdf.Dictionary(
                    Type=pikepdf.Name.MCR, Pg=page_objs[kid.page], MCID=kid.mcid))
            else:
                written = write(kid, obj)
                if written is not None:
                    kids.append(written)
        obj.K = kids[0] if len(kids) == 1 else pikepdf.Array(kids)
        if element.alt:
            obj.Alt = pikepdf.String(element.alt)
        if element.lang:
            obj.Lang = pikepdf.String(element.lang)
        return obj

    # The top-level elements in the order their first content is drawn on the kept
    # pages: an article continued on a page comes where the page reads it, not where
    # the issue first met it.
    def first(kid: Element | Mark) -> tuple[int, int]:
        firsts = {kid.page: kid} if isinstance(kid, Mark) else kid.firsts()
        return min(((m.page, m.mcid) for p, m in firsts.items() if p in pages),
                   default=(-1, -1))

    document = write(Element(root.type, sorted(root.kids, key=first), root.alt, root.lang),
                     tree_root)
    tree_root.K = document if document is not None else pikepdf.Array()
    nums = pikepdf.Array()
    for own in sorted(parents):
        by_mcid = parents[own]
        # Every MCID drawn on the page has an element (artifacts take none).
        nums.append(own)
        nums.append(pdf.make_indirect(pikepdf.Array(
            [by_mcid[mcid] for mcid in range(len(by_mcid))])))
        pdf.pages[own].obj.StructParents = own
    tree_root.ParentTree = pikepdf.Dictionary(Nums=nums)
    tree_root.ParentTreeNextKey = len(pdf.pages)
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    if lang:
        pdf.Root.Lang = pikepdf.String(lang)
    # Viewers show the title, not the file name (PDF/UA 7.1).
    prefs = pdf.Root.get("/ViewerPreferences") or pikepdf.Dictionary()
    prefs.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = prefs
