"""The display list: the only contract between layout and the renderers.

Coordinates are PDF points from the page's top-left corner, y downwards; a
TextRun's ``y`` is its baseline. Renderers convert to their own systems and never
reach back into layout, plan or model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Color = tuple[float, float, float]  # RGB, 0..1
BLACK: Color = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class TextRun:
    """One line segment in one face. ``advances`` are points, one per character,
    so compression and justification are exact. ``font`` is a face key of
    :mod:`epaper.fonts` (or ``fonts.MISSING``: drawn as a visible placeholder)."""

    x: float
    y: float
    font: str
    size: float
    text: str
    advances: tuple[float, ...]
    color: Color = BLACK
    role: str = "body"  # body, title, kicker, caption, masthead, header, ...
    article_id: str = ""


@dataclass(frozen=True)
class Image:
    """A photo drawn into the rectangle x, y, w, h; ``crop`` = (left, top, right,
    bottom) in source pixels after EXIF orientation is applied."""

    x: float
    y: float
    w: float
    h: float
    src: str
    crop: tuple[float, float, float, float]
    article_id: str = ""


@dataclass(frozen=True)
class Rule:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: Color = BLACK


@dataclass(frozen=True)
class Box:
    """A rectangle, stroked and/or filled (None: not)."""

    x: float
    y: float
    w: float
    h: float
    stroke_width: float = 0.5
    stroke: Color | None = BLACK
    fill: Color | None = None


Item = TextRun | Image | Rule | Box


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in points, top-left origin."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Region:
    """Where one article (or its continuation) sits on a page: its hot zone."""

    article_id: str
    rects: tuple[Rect, ...]


@dataclass(frozen=True)
class ArticleEntry:
    """An article on a page, in reading order, for bookmarks and the page index."""

    article_id: str
    title: str
    continuation: bool = False  # True on the page where a jump continues


@dataclass(frozen=True)
class PlacedBlock:
    """A block in the layout report, in grid units (0-based column and line)."""

    article_id: str
    column: int
    span: int
    top: int
    lines: int


@dataclass(frozen=True)
class Hole:
    """A white area of the text area at least 25 × 25 mm that no block's design
    explains (head air excepted): millimetres from the page's top-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PageReport:
    """How well a page is filled (grid cells = columns x lines), and the desk check:
    holes, copy cut (--allow-overset), heads broken inside a word."""

    total_cells: int = 0
    empty_cells: int = 0
    blocks: tuple[PlacedBlock, ...] = ()
    overset: tuple[str, ...] = ()  # messages: article and how much was cut
    holes: tuple[Hole, ...] = ()
    broken_heads: tuple[str, ...] = ()  # article ids whose 主題 breaks inside a word
    #: Positions the copy could not fill, framed and booked for an ad (廣告位), in points.
    booked: tuple[Rect, ...] = ()
    #: Planned jumps from this page: (article id, page its text continues on).
    jumps: tuple[tuple[str, int], ...] = ()

    @property
    def fill_ratio(self) -> float:
        """Share of the grid covered by blocks, 0..1."""
        if not self.total_cells:
            return 0.0
        return (self.total_cells - self.empty_cells) / self.total_cells


@dataclass(frozen=True)
class PageLayout:
    """One finished page: size, items in drawing (and reading) order, regions."""

    number: int
    section: str
    width: float
    height: float
    items: tuple[Item, ...]
    regions: tuple[Region, ...] = ()
    articles: tuple[ArticleEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    report: PageReport = field(default_factory=PageReport)

    @property
    def label(self) -> str:
        """The page label printed and used in bookmarks, e.g. 第1版."""
        return f"第{self.number}版"


@dataclass(frozen=True)
class PhotoView:
    """A photo as the article view shows it."""

    src: str
    caption: str = ""
    credit: str = ""
    missing: bool = False


@dataclass(frozen=True)
class ArticleView:
    """What the reader site's article view shows; taken from the plan by layout's
    finalize step, so renderers need nothing but the display list."""

    article_id: str
    page: int
    lang: str
    title: str
    kicker: str = ""
    subtitle: str = ""
    summary: str = ""
    editor_note: str = ""
    byline: str = ""
    editor: str = ""
    #: ("p", text), ("h", "line1\nline2"), ("v", verse lines), ("b", "lead\ntext") or
    #: ("t", "caption\naligns\nheader\nrow…", cells tab-separated): layout._view_block
    blocks: tuple[tuple[str, str], ...] = ()
    photos: tuple[PhotoView, ...] = ()
    continued_on: int | None = None  # page the article jumps to
    pages: tuple[int, ...] = ()  # every page the article appears on


@dataclass(frozen=True)
class IssueLayout:
    """The whole laid-out issue: the renderers' only input."""

    paper: str
    date: str  # ISO
    lang: str
    title: str  # PDF title, e.g. 聊城日報 2023年1月10日
    pages: tuple[PageLayout, ...]
    articles: tuple[ArticleView, ...] = ()
    warnings: tuple[str, ...] = ()
    author: str = ""
