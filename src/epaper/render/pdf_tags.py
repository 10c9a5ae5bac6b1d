"""Tagged PDF: marked content while drawing, the structure tree after.

The renderer draws each page once; while it draws, :class:`PageMarks` wraps every
item in marked content — ``/P <</MCID n>> BDC … EMC`` for what belongs to an article
(consecutive items of one structure element share one sequence), ``/Artifact BMC …
EMC`` for page furniture — and records which structure element each MCID belongs to
(:class:`Element`, one tree per document, :class:`DocumentTags`). After the PDF is
written, :func:`add_structure` writes that tree with pikepdf: the StructTreeRoot with
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
over a continuation, rules and frames.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any  # pikepdf is imported late: its objects are typed Any here

from ..display import ArticleView, Box, Image, Item, Rule, TextRun

#: Roles drawn as /Artifact: furniture repeated on every page, navigation that the
#: structure tree makes redundant (the continuation is inside the same Art), and the
#: masthead (the document's title says the same).
ARTIFACT_ROLES = frozenset({"header", "header_page", "header_paper", "masthead",
                            "masthead_info", "jump", "jump_title"})
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
        self.kinds = [kind for kind, _ in blocks]
        self.texts = [_block_text(kind, text) for kind, text in blocks]
        self.current = -1
        self.rest = ""
        self.unmatched = 0

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


@dataclass
class _Article:
    element: Element
    matcher: ParagraphMatcher
    slot: object = None
    leaf: Element | None = None


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


_ARTIFACT = object()


class PageMarks:
    """Marks the items of one page as they are drawn: :meth:`enter` before an item
    gives the operators to emit, :meth:`close` after the last."""

    def __init__(self, doc: DocumentTags, index: int) -> None:
        self.doc = doc
        self.index = index
        self.mcids = 0
        self.open: object = None  # the Element or _ARTIFACT of the open sequence
        self._toci_y: float | None = None
        self._free: Element | None = None

    def enter(self, item: Item) -> str:
        """The operators that close the open sequence and open ``item``'s, or "" when
        ``item`` continues the open sequence."""
        target = self._target(item)
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
            slot: object = ("block", kind, number)
            type_ = "H3" if kind == "h" else "P"
        else:
            type_, name = ROLE_SLOTS.get(role, ("P", role))
            # Each byline line is a byline of its own (本報記者 … / 本報通訊員 …): one P
            # each, or a reader runs the last name into the next title.
            slot = ("role", name, item.y) if role == "byline" else ("role", name)
        leaf = state.leaf
        if leaf is None or state.slot != slot or (slot == ("role", "figure")
                                                 and self.open is not leaf):
            leaf = Element(type_)
            state.element.kids.append(leaf)
            state.slot, state.leaf = slot, leaf
        if role == "caption":
            leaf.text.append(item.text)
        return leaf

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


# --- the structure tree, written with pikepdf ---------------------------------------

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
