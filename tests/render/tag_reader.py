"""Reading a tagged PDF back with PDFium (pypdfium2's raw functions), independently
of the renderer: the structure tree of each page and the text of each MCID."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass
class Node:
    """A structure element as PDFium reads it: type, Alt, MCIDs and children in order."""

    type: str
    alt: str = ""
    mcids: list[int] = field(default_factory=list)
    kids: list[Node] = field(default_factory=list)

    def all_mcids(self) -> list[int]:
        """Every MCID in this element and below, in tree order."""
        out = list(self.mcids)
        for kid in self.kids:
            out.extend(kid.all_mcids())
        return out


def _string(getter, handle) -> str:
    size = getter(handle, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    getter(handle, buffer, size)
    return buffer.raw[:size - 2].decode("utf-16-le")


def _node(element) -> Node:
    node = Node(_string(raw.FPDF_StructElement_GetType, element),
                _string(raw.FPDF_StructElement_GetAltText, element))
    for index in range(raw.FPDF_StructElement_GetMarkedContentIdCount(element)):
        mcid = raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index)
        if mcid >= 0:  # -1: the place of a child element
            node.mcids.append(mcid)
    for index in range(raw.FPDF_StructElement_CountChildren(element)):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            node.kids.append(_node(child))
    return node


def page_structure(page: pdfium.PdfPage) -> list[Node]:
    """The top-level structure elements of ``page`` with the MCIDs on it."""
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    try:
        return [_node(raw.FPDF_StructTree_GetChildAtIndex(tree, i))
                for i in range(raw.FPDF_StructTree_CountChildren(tree))]
    finally:
        raw.FPDF_StructTree_Close(tree)


def mcid_texts(page: pdfium.PdfPage) -> dict[int, str]:
    """MCID → the text of the text objects marked with it, in content order
    (objects outside any MCID, i.e. artifacts, are left out)."""
    textpage = page.get_textpage()
    out: dict[int, str] = {}
    for obj in page.get_objects(max_depth=1):
        if obj.type != raw.FPDF_PAGEOBJ_TEXT:
            continue
        mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
        if mcid < 0:
            continue
        size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFTextObj_GetText(obj.raw, textpage.raw,
                                ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
        out[mcid] = out.get(mcid, "") + buffer.raw[:size - 2].decode("utf-16-le")
    return out


def tagged_text(path: Path) -> list[tuple[int, Node, dict[int, str]]]:
    """Per page: (page index, Document-or-top node list wrapped, MCID texts)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for index in range(len(pdf)):
            page = pdf[index]
            out.append((index, Node("root", kids=page_structure(page)), mcid_texts(page)))
        return out
    finally:
        pdf.close()
