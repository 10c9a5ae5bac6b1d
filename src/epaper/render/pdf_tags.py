"""Tagged PDF: marked content while drawing, the structure tree after.

The renderer draws each page once; while it draws, :class:`PageMarks` wraps every
item in marked content — ``/P <</MCID n>> BDC … EMC`` for what belongs to an article
(consecutive items of one structure element share one sequence), ``/Artifact BMC …
EMC`` for page furniture — and records which structure element each MCID belongs to
(:class:`Element`, one tree per document, :class:`DocumentTags`). After the PDF is
written, :func:`.pdf_tree.add_structure` writes that tree with pikepdf: the StructTreeRoot with
its ParentTree, ``/StructParents`` on the pages, ``/MarkInfo``. The per-page PDFs get
the part of the same tree that lies on their page.

The tree (docs/outputs.md, "Tagged PDF"): ``Document`` → one ``Art`` per article in
reading order (the order the pages are drawn in, which is the layout's reading
order), its jump continuation inside the same ``Art``; within an article ``P`` for the
引題 (kicker) before the ``H1`` (主題), ``H2`` for the 副題, ``H3`` for 小標題, ``P``
per paragraph (paragraphs are found by matching the drawn lines against the
article's blocks, so a paragraph that continues across columns or pages stays one
``P``), ``P`` for each byline line, summaries, editor's notes and the editor line,
``Figure`` (``/Alt`` from its caption) for photos and missing-photo placeholders,
``Caption`` for captions and credits. The front page's 本期導讀 is a ``Div`` with a ``TOC``.
Artifacts: page headers, the masthead, jump lines (下轉/上接) and the title repeated
over a continuation, the 廣告位 label of a booked ad position, rules and frames.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..display import ArticleView, Box, Image, Item, Rule, TextRun

#: Roles drawn as /Artifact: furniture repeated on every page, navigation that the
#: structure tree makes redundant (the continuation is inside the same Art), the
#: masthead (the document's title says the same) and the label of a position booked
#: for an ad (廣告位 w×h毫米: a note to the plant's ad desk, not content).
ARTIFACT_ROLES = frozenset({"header", "header_page", "header_paper", "masthead",
                            "masthead_info", "jump", "jump_title", "filler"})
#: Role → (structure type, slot). Consecutive runs of one article in the same slot
#: form one element; body and subhead slots come from the paragraph matcher.
ROLE_SLOTS = {
    "kicker": ("P", "kicker"),
    "title": ("H1", "title"),
    "subtitle": ("H2", "subtitle"),
    "summary": ("P", "summary"),
    "note_label": ("P", "note"),
    "editor_note": ("P", "note"),
    "byline": ("P", "byline"),
    "caption": ("Caption", "caption"),
    "credit": ("Caption", "caption"),
    "placeholder": ("Figure", "figure"),
    "editor": ("P", "editor"),
}
#: Roles of the body text, matched against the article's blocks for paragraphs.
BODY_ROLES = frozenset({"body", "subhead"})
TEASER_ROLES = frozenset({"teaser", "teaser_head"})
#: How far ahead of the current block a line may be found (a block the layout did not
#: draw, e.g. cut by copy-fitting, is skipped; further than this is a mismatch).
LOOKAHEAD = 8
#: Alt text of a photo without a caption ("photo").
NO_CAPTION = {"zh-Hans": "图片", "zh-Hant": "圖片"}


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence: MCID ``mcid`` on the document's page ``page``."""

    page: int
    mcid: int


@dataclass(eq=False)
class Element:
    """A structure element under construction; ``text`` is what was drawn into it
    (captions: only the caption, for the Figure's Alt)."""

    type: str
    kids: list[Element | Mark] = field(default_factory=list)
    alt: str = ""
    lang: str = ""
    text: list[str] = field(default_factory=list)
    _firsts: dict[int, Mark] | None = field(default=None, repr=False)

    def marks(self) -> Iterable[Mark]:
        """Every mark in this element and below, in order."""
        for kid in self.kids:
            if isinstance(kid, Mark):
                yield kid
            else:
                yield from kid.marks()

    def firsts(self) -> dict[int, Mark]:
        """Page → the first mark on it in this element and below (computed once: call
        it only when the page is drawn and no more marks come)."""
        if self._firsts is None:
            found: dict[int, Mark] = {}
            for kid in self.kids:
                for page, mark in ({kid.page: kid} if isinstance(kid, Mark)
                                   else kid.firsts()).items():
                    found.setdefault(page, mark)
            self._firsts = found
        return self._firsts


class _Dropped(dict):
    """``str.translate`` table deleting white space and invisible marks, filled as
    characters are met (translate runs at C speed; a Python test per character was
    two thirds of the tagging time)."""

    def __missing__(self, code: int) -> int | None:
        ch = chr(code)
        keep = not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn", "Cc")
        self[code] = code if keep else None
        return self[code]


_DROPPED = _Dropped()


def _norm(text: str) -> str:
    """Text as compared with the article's blocks: no white space, no ignorable marks."""
    return text.translate(_DROPPED)


def _block_text(kind: str, text: str) -> str:
    if kind == "t":  # caption, alignments (not drawn), header, rows
        lines = text.split("\n")
        text = "".join(lines[:1] + lines[2:])
    return _norm(text)


class ParagraphMatcher:
    """Which of an article's blocks (ArticleView.blocks) a drawn line belongs to.

    The lines of a paragraph are fed in drawing order; each is found as the next
    part of the current block, or as the start of one of the next blocks. A line
    found nowhere (the view and the drawing disagree) stays with the current block,
    or opens a paragraph of its own after a finished one."""

    def __init__(self, blocks: Sequence[tuple[str, str]]) -> None:
        self.blocks = list(blocks)
        self.kinds = [kind for kind, _ in blocks]
        self.texts = [_block_text(kind, text) for kind, text in blocks]
        self.current = -1
        self.rest = ""
        self.unmatched = 0

    def block(self, number: int) -> str:
        """The view's text of block ``number`` (as given, not normalised)."""
        return self.blocks[number][1]

    def feed(self, text: str) -> tuple[str, int]:
        """The slot (block kind, block number) of a drawn ``text``; unmatched text
        gets ("x", n)."""
        norm = _norm(text)
        if self.current >= 0 and (not norm or (self.rest and self.rest.startswith(norm))):
            self.rest = self.rest[len(norm):]
            return self.kinds[self.current], self.current
        for j in range(self.current + 1, min(self.current + 1 + LOOKAHEAD, len(self.texts))):
            if norm and self.texts[j].startswith(norm):
                self.current, self.rest = j, self.texts[j][len(norm):]
                return self.kinds[j], j
        if self.current >= 0 and self.rest:
            return self.kinds[self.current], self.current
        self.unmatched += 1
        return "x", self.unmatched



@dataclass(frozen=True)
class Cell:
    """One cell of a table block as the view has it: ``row`` -1 is the caption;
    ``text`` normalised (:func:`_norm`)."""

    row: int
    column: int
    header: bool
    text: str


def table_cells(text: str) -> list[Cell]:
    """The drawn cells of a ("t", text) block in reading order: caption, header,
    rows (lines: caption, alignments, header, rows; cells tab-separated). Empty cells
    draw nothing and are left out."""
    lines = text.split("\n")
    cells = [Cell(-1, 0, False, _norm(lines[0]))] if lines and _norm(lines[0]) else []
    header = lines[2].split("\t") if len(lines) > 2 else []
    rows = [(True, header)] if any(_norm(c) for c in header) else []
    rows += [(False, line.split("\t")) for line in lines[3:]]
    for number, (is_header, row) in enumerate(rows):
        cells += [Cell(number, column, is_header, _norm(cell))
                  for column, cell in enumerate(row) if _norm(cell)]
    return cells


class CellWalker:
    """Cuts a table's drawn lines into its cells, in drawing order: each character
    is the next of the current cell, or the first of the next; white space (the
    gap between cells) stays with the cell before it."""

    def __init__(self, cells: Sequence[Cell]) -> None:
        self.cells = list(cells)
        self.index = 0
        self.rest = self.cells[0].text if self.cells else ""

    def split(self, text: str) -> list[tuple[int, int, Cell | None]]:
        """``text`` as pieces (start, end, cell); None: past the last cell."""
        owners: list[Cell | None] = []
        for ch in text:
            norm = _norm(ch)
            if not norm:
                owners.append(owners[-1] if owners else None)
                continue
            if not self.rest.startswith(norm) and self.index + 1 < len(self.cells) \
                    and self.cells[self.index + 1].text.startswith(norm):
                self.index += 1  # the current cell was not drawn whole: move on
                self.rest = self.cells[self.index].text
            if self.rest.startswith(norm):
                self.rest = self.rest[len(norm):]
            owners.append(self.cells[self.index] if self.index < len(self.cells) else None)
            if not self.rest and self.index + 1 < len(self.cells):
                self.index += 1
                self.rest = self.cells[self.index].text
        # Leading white space belongs to the first cell that follows it.
        first = next((owner for owner in owners if owner is not None), None)
        pieces: list[tuple[int, int, Cell | None]] = []
        start = 0
        for i in range(1, len(owners) + 1):
            if i == len(owners) or owners[i] is not owners[i - 1]:
                pieces.append((start, i, owners[start] or first))
                start = i
        return pieces


@dataclass
class _Table:
    """A table block being tagged: Table > Caption, TR > TH/TD."""

    element: Element
    walker: CellWalker
    rows: dict[int, Element] = field(default_factory=dict)
    cells: dict[tuple[int, int], Element] = field(default_factory=dict)
    caption: Element | None = None

    def element_of(self, cell: Cell | None) -> Element:
        """The structure element of ``cell`` (created on first use); None: the table."""
        if cell is None:
            return self.element
        if cell.row < 0:
            if self.caption is None:
                self.caption = Element("Caption")
                self.element.kids.append(self.caption)
            return self.caption
        row = self.rows.get(cell.row)
        if row is None:
            row = self.rows[cell.row] = Element("TR")
            self.element.kids.append(row)
        found = self.cells.get((cell.row, cell.column))
        if found is None:
            found = self.cells[(cell.row, cell.column)] = Element(
                "TH" if cell.header else "TD")
            row.kids.append(found)
        return found

@dataclass
class _Article:
    element: Element
    matcher: ParagraphMatcher
    slot: object = None
    leaf: Element | None = None
    tables: dict[int, _Table] = field(default_factory=dict)


class DocumentTags:
    """The structure of one PDF document as its pages are drawn: create one per
    document, call :meth:`page` for each page in drawing order."""

    def __init__(self, lang: str, articles: Sequence[ArticleView] = ()) -> None:
        self.lang = lang
        self.views = {view.article_id: view for view in articles}
        self.root = Element("Document")
        self.articles: dict[str, _Article] = {}
        self.page_count = 0
        self._teasers: Element | None = None
        self._toc: Element | None = None

    def page(self) -> PageMarks:
        """The marker of the next page."""
        self.page_count += 1
        return PageMarks(self, self.page_count - 1)

    def article(self, article_id: str) -> _Article:
        """The article's state, its ``Art`` appended to the document when first met."""
        found = self.articles.get(article_id)
        if found is None:
            view = self.views.get(article_id)
            art = Element("Art", lang=view.lang if view and view.lang != self.lang else "")
            self.root.kids.append(art)
            found = self.articles[article_id] = _Article(
                art, ParagraphMatcher(view.blocks if view else ()))
        return found

    def teaser_list(self, head: bool) -> Element:
        """The 本期導讀 box: a Div holding its heading and a TOC."""
        if self._teasers is None:
            self._teasers = Element("Div")
            self.root.kids.append(self._teasers)
        if head:
            leaf = Element("P")
            self._teasers.kids.append(leaf)
            return leaf
        if self._toc is None:
            self._toc = Element("TOC")
            self._teasers.kids.append(self._toc)
        return self._toc

    def finish(self) -> Element:
        """The finished tree: every Figure given its Alt (the caption that follows it
        in its article, else the photo's caption in the article view)."""
        for art_id, state in self.articles.items():
            view = self.views.get(art_id)
            captions = [p.caption for p in view.photos] if view else []
            figures = 0
            kids = state.element.kids
            for index, kid in enumerate(kids):
                if not isinstance(kid, Element) or kid.type != "Figure" or kid.alt:
                    continue
                following = next((k for k in kids[index + 1:] if isinstance(k, Element)
                                  and k.type in ("Caption", "Figure")), None)
                if following is not None and following.type == "Caption" and following.text:
                    kid.alt = "".join(following.text).strip()
                elif figures < len(captions) and captions[figures]:
                    kid.alt = captions[figures]
                figures += 1
        for element in _walk(self.root):
            if element.type == "Figure" and not element.alt:
                element.alt = NO_CAPTION.get(self.lang, NO_CAPTION["zh-Hant"])
        return self.root


def _walk(element: Element) -> Iterable[Element]:
    yield element
    for kid in element.kids:
        if isinstance(kid, Element):
            yield from _walk(kid)


#: The target of furniture: marked /Artifact, in no structure element.
_ARTIFACT = object()


class PageMarks:
    """Marks the items of one page as they are drawn: :meth:`pieces` gives each item
    (a table row cut at its cells) with the operators to emit before it, :meth:`close`
    the operator after the last."""

    def __init__(self, doc: DocumentTags, index: int) -> None:
        self.doc = doc
        self.index = index
        self.mcids = 0
        self.open: object = None  # the Element or _ARTIFACT of the open sequence
        self._toci_y: float | None = None
        self._free: Element | None = None

    def pieces(self, item: Item) -> list[tuple[Item, str]]:
        """``item`` as the pieces to draw, each with the operators to emit before it:
        one piece, except a table row, cut at its cells (a TD each)."""
        if isinstance(item, TextRun) and item.article_id and item.role in BODY_ROLES:
            state = self.doc.article(item.article_id)
            kind, number = state.matcher.feed(item.text)
            if kind == "t":
                return self._table_pieces(state, number, item)
            return [(item, self._switch(self._body_leaf(state, kind, number)))]
        return [(item, self.enter(item))]

    def enter(self, item: Item) -> str:
        """The operators that close the open sequence and open ``item``'s, or "" when
        ``item`` continues the open sequence (:meth:`pieces` cuts table rows)."""
        return self._switch(self._target(item))

    def _switch(self, target: object) -> str:
        if target is self.open:
            return ""
        out = "EMC\n" if self.open is not None else ""
        self.open = target
        if target is _ARTIFACT:
            return out + "/Artifact BMC"
        assert isinstance(target, Element)
        mark = Mark(self.index, self.mcids)
        self.mcids += 1
        target.kids.append(mark)
        return out + f"/{target.type} <</MCID {mark.mcid}>> BDC"

    def close(self) -> str:
        """The operator closing the last sequence ("" when none is open)."""
        out = "EMC" if self.open is not None else ""
        self.open = None
        return out

    def _target(self, item: Item) -> object:
        if isinstance(item, Rule | Box):
            return _ARTIFACT
        if isinstance(item, Image):
            return self._figure(item)
        assert isinstance(item, TextRun)
        role = item.role
        if role in ARTIFACT_ROLES:
            return _ARTIFACT
        if role in TEASER_ROLES and not item.article_id:
            return self._teaser(item)
        if not item.article_id:
            return self._loose("P")
        state = self.doc.article(item.article_id)
        if role in BODY_ROLES:
            kind, number = state.matcher.feed(item.text)
            return self._body_leaf(state, kind, number)
        type_, name = ROLE_SLOTS.get(role, ("P", role))
        # Each byline line is a byline of its own (本報記者 … / 本報通訊員 …): one P
        # each, or a reader runs the last name into the next title.
        slot = ("role", name, item.y) if role == "byline" else ("role", name)
        leaf = self._leaf(state, slot, type_)
        if role == "caption":
            leaf.text.append(item.text)
        return leaf

    def _body_leaf(self, state: _Article, kind: str, number: int) -> Element:
        return self._leaf(state, ("block", kind, number), "H3" if kind == "h" else "P")

    def _leaf(self, state: _Article, slot: object, type_: str) -> Element:
        """The article's element for ``slot``: the current one, or a new one."""
        leaf = state.leaf
        if leaf is None or state.slot != slot or (slot == ("role", "figure")
                                                 and self.open is not leaf):
            leaf = Element(type_)
            state.element.kids.append(leaf)
            state.slot, state.leaf = slot, leaf
        return leaf

    def _table_pieces(self, state: _Article, number: int,
                      run: TextRun) -> list[tuple[Item, str]]:
        table = state.tables.get(number)
        if table is None:
            element = Element("Table")
            state.element.kids.append(element)
            table = state.tables[number] = _Table(element, CellWalker(
                table_cells(state.matcher.block(number))))
        state.slot, state.leaf = ("table", number), table.element
        out: list[tuple[Item, str]] = []
        x = run.x
        for start, end, cell in table.walker.split(run.text):
            advances = run.advances[start:end]
            piece = replace(run, x=round(x, 4), text=run.text[start:end], advances=advances)
            out.append((piece, self._switch(table.element_of(cell))))
            x += sum(advances)
        return out

    def _figure(self, image: Image) -> Element:
        figure = Element("Figure")
        if image.article_id:
            state = self.doc.article(image.article_id)
            state.element.kids.append(figure)
            state.slot, state.leaf = ("image", id(figure)), figure
        else:
            self.doc.root.kids.append(figure)
        return figure

    def _teaser(self, run: TextRun) -> Element:
        if run.role == "teaser_head":
            return self.doc.teaser_list(head=True)
        toc = self.doc.teaser_list(head=False)
        last = toc.kids[-1] if toc.kids else None
        if not isinstance(last, Element) or self._toci_y != run.y:
            last = Element("TOCI")  # one entry per line: title and page share a baseline
            toc.kids.append(last)
            self._toci_y = run.y
        return last

    def _loose(self, type_: str) -> Element:
        """Text of no article and no known furniture role: a P of its own."""
        if self._free is None or self.open is not self._free:
            self._free = Element(type_)
            self.doc.root.kids.append(self._free)
        return self._free
