"""Page templates: ``layouts/<name>.yaml`` read once into frozen configuration.

Nothing below this module reads YAML. Errors name the file and the line of the key
at fault (``layouts/tabloid.yaml:12: grid.columns must be a positive integer``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import InputError, Problem
from ..fonts import face_info

MM = 72 / 25.4  # points per millimetre

#: Roles every template must style (the display list's TextRun.role values).
ROLES = ("body", "kicker", "title", "subtitle", "summary", "editor_note", "note_label",
         "byline", "subhead", "caption", "jump", "jump_title", "editor", "header",
         "header_paper", "header_page", "masthead", "masthead_info", "teaser",
         "teaser_head")
FACES = ("serif", "serif-bold", "sans-bold", "kai")
ALIGNS = ("start", "center", "end", "justify")


@dataclass(frozen=True)
class Style:
    """How one role is set."""

    face: str  # face family: serif, serif-bold, sans-bold or kai (script added by lang)
    size: float  # pt
    leading: float  # line advance in grid lines (may be fractional inside a head)
    align: str  # start, center, end or justify

    def face_key(self, lang: str) -> str:
        """The epaper.fonts face key for this style in ``lang``."""
        return f"{self.face}-{'tc' if lang == 'zh-Hant' else 'sc'}"


@dataclass(frozen=True)
class Grid:
    """The page grid (背景格): body size, line pitch, columns counted in characters."""

    body_size: float  # S, pt
    pitch: float  # L = S + gap, pt
    columns: int
    chars_per_column: int
    gutter_chars: float
    lines: int  # grid lines in the type area
    left: float  # type area's left edge, pt from the page's left
    top: float  # type area's top edge, pt from the page's top
    descent: float = 0.12  # body face's descent in em, to centre the em box in a line

    @property
    def column_width(self) -> float:
        """Width of one basic column in points."""
        return self.chars_per_column * self.body_size

    @property
    def gutter(self) -> float:
        """Gap between columns in points."""
        return self.gutter_chars * self.body_size

    @property
    def width(self) -> float:
        """Width of the type area (版心) in points."""
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    def column_x(self, column: int) -> float:
        """Left edge of 0-based ``column``."""
        return self.left + column * (self.column_width + self.gutter)

    def span_width(self, span: int) -> float:
        """Width of a block spanning ``span`` columns."""
        return span * self.column_width + (span - 1) * self.gutter

    def span_chars(self, span: int) -> float:
        """Width of a block spanning ``span`` columns, in body em."""
        return span * self.chars_per_column + (span - 1) * self.gutter_chars

    def line_y(self, line: int) -> float:
        """Top edge of grid line ``line`` (0 = the type area's top)."""
        return self.top + line * self.pitch

    def baseline(self, line: int, size: float | None = None) -> float:
        """Baseline of a ``size`` pt line (default: body) centred in grid line ``line``."""
        s = self.body_size if size is None else size
        return self.line_y(line) + (self.pitch + s) / 2 - self.descent * s


@dataclass(frozen=True)
class Headline:
    """How 主題 sizes follow the block's span and the article's priority."""

    title_sizes: tuple[float, ...]  # index span-1
    lead_bonus: float
    min_title: float
    max_title_lines: int
    pad_lines: float

    def title_size(self, span: int, priority: int) -> float:
        """The 主題 size for a block of ``span`` columns."""
        size = self.title_sizes[min(span, len(self.title_sizes)) - 1]
        if priority <= 1:
            return size + self.lead_bonus
        # Lesser stories step down: a short item under a wide head must not shout.
        factor = {2: 0.9, 3: 0.8, 4: 0.75}.get(priority, 0.7)
        return max(self.min_title, round(size * factor * 2) / 2)


@dataclass(frozen=True)
class Rules:
    """Placement rules of a template (the optional ``rules:`` section)."""

    #: Fewest body lines per column in a block: a short item goes narrower instead.
    min_column_lines: int = 6
    #: Photos are sized to print at least this sharp where a size allows it…
    photo_dpi: float = 150.0
    #: …and never softer than this unless no size is sharper.
    photo_min_dpi: float = 100.0
    #: Most of a block's area its photos (with captions) may take.
    photo_share: float = 0.34
    #: Most grid lines of air a head gets when its block has room to spare.
    head_air_lines: int = 2


@dataclass(frozen=True, eq=False)
class LayoutConfig:
    """One page template, resolved: page size, grid, zones, headline rule, styles.

    Compared and hashed by identity (it keys the layout caches; load it once)."""

    name: str
    width: float  # page width, pt
    height: float  # page height, pt
    grid: Grid
    masthead_lines: int
    header_lines: int
    headline: Headline
    styles: tuple[tuple[str, Style], ...]
    source: str = ""
    rules: Rules = Rules()

    def style(self, role: str) -> Style:
        """The style of ``role`` (every role in ROLES exists)."""
        for name, style in self.styles:
            if name == role:
                return style
        raise KeyError(role)


class _Lines(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping key."""


def _construct_mapping(loader: _Lines, node: yaml.MappingNode) -> dict:
    mapping = {}
    lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[key] = key_node.start_mark.line + 1
    return _Map(mapping, lines, node.start_mark.line + 1)


class _Map(dict):
    """A mapping that knows the line of each key."""

    def __init__(self, data: dict, lines: dict, line: int) -> None:
        super().__init__(data)
        self.lines = lines
        self.line = line


_Lines.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Reader:
    """Pulls typed values out of the parsed YAML, collecting every problem."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def section(self, parent: _Map, key: str) -> _Map:
        value = parent.get(key)
        if not isinstance(value, _Map):
            self.error(parent.lines.get(key, parent.line), f"{key}: expected a mapping")
            return _Map({}, {}, parent.lines.get(key, parent.line))
        return value

    def number(self, parent: _Map, key: str, where: str, *, integer: bool = False,
               minimum: float = 0.0) -> float:
        value = parent.get(key)
        line = parent.lines.get(key, parent.line)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and integer and not float(value).is_integer():
            ok = False
        if not ok or value <= minimum:
            kind = "a positive integer" if integer else "a positive number"
            missing = "missing; " if key not in parent else ""
            self.error(line, f"{where}.{key}: {missing}expected {kind}, got {value!r}")
            return 1
        return int(value) if integer else float(value)

    def unknown(self, mapping: _Map, allowed: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(mapping.lines.get(key, mapping.line),
                           f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})")


def parse_layout(text: str, path: str, descent: float = 0.12) -> LayoutConfig:
    """Parse a layout template; raise :class:`InputError` naming every bad line."""
    try:
        data = yaml.load(text, Loader=_Lines)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise InputError([Problem(path, line, f"malformed YAML: "
                                  f"{getattr(err, 'problem', None) or err}")]) from None
    if not isinstance(data, _Map):
        raise InputError([Problem(path, 1, "a layout must be a YAML mapping")])
    r = _Reader(path)
    r.unknown(data, ("name", "page", "grid", "zones", "headline", "rules", "styles"),
              "layout")
    page = r.section(data, "page")
    r.unknown(page, ("width_mm", "height_mm", "margin_top_mm"), "page")
    grid = r.section(data, "grid")
    r.unknown(grid, ("body_size_pt", "line_pitch_pt", "columns", "chars_per_column",
                     "gutter_chars", "lines"), "grid")
    zones = r.section(data, "zones")
    r.unknown(zones, ("masthead_lines", "header_lines"), "zones")
    head = r.section(data, "headline")
    r.unknown(head, ("title_sizes", "lead_bonus_pt", "min_title_pt", "max_title_lines",
                     "pad_lines"), "headline")
    width = r.number(page, "width_mm", "page") * MM
    height = r.number(page, "height_mm", "page") * MM
    top = r.number(page, "margin_top_mm", "page", minimum=-1) * MM
    size = r.number(grid, "body_size_pt", "grid")
    pitch = r.number(grid, "line_pitch_pt", "grid")
    columns = int(r.number(grid, "columns", "grid", integer=True))
    cpc = int(r.number(grid, "chars_per_column", "grid", integer=True))
    gutter = r.number(grid, "gutter_chars", "grid")
    lines = int(r.number(grid, "lines", "grid", integer=True))
    if pitch < size * 1.2:
        r.error(grid.lines.get("line_pitch_pt", grid.line),
                f"grid.line_pitch_pt {pitch} is under 1.2 × body size {size}")
    if gutter * 2 != int(gutter * 2):
        r.error(grid.lines.get("gutter_chars", grid.line),
                "grid.gutter_chars must be a whole or half number of characters")
    type_width = columns * cpc * size + (columns - 1) * gutter * size
    if type_width > width:
        r.error(grid.line, f"grid: {type_width:.1f} pt of columns do not fit the "
                           f"{width:.1f} pt page width")
    if top + lines * pitch > height:
        r.error(grid.lines.get("lines", grid.line),
                f"grid.lines: {lines} lines of {pitch} pt do not fit below the top margin")
    masthead = int(r.number(zones, "masthead_lines", "zones", integer=True))
    header = int(r.number(zones, "header_lines", "zones", integer=True))
    for key, value in (("masthead_lines", masthead), ("header_lines", header)):
        if value >= lines - 10:
            r.error(zones.lines.get(key, zones.line), f"zones.{key} leaves no room for text")
    sizes = head.get("title_sizes")
    if (not isinstance(sizes, list) or not sizes
            or not all(isinstance(s, int | float) and s > 0 for s in sizes)):
        r.error(head.lines.get("title_sizes", head.line),
                "headline.title_sizes: expected a list of sizes in pt, one per span")
        sizes = [20.0]
    headline = Headline(
        title_sizes=tuple(float(s) for s in sizes),
        lead_bonus=r.number(head, "lead_bonus_pt", "headline", minimum=-1),
        min_title=r.number(head, "min_title_pt", "headline"),
        max_title_lines=int(r.number(head, "max_title_lines", "headline", integer=True)),
        pad_lines=r.number(head, "pad_lines", "headline", minimum=-1))
    styles = _styles(r, r.section(data, "styles"))
    rules = _rules(r, data)
    if r.problems:
        raise InputError(r.problems)
    left = (width - type_width) / 2
    g = Grid(body_size=size, pitch=pitch, columns=columns, chars_per_column=cpc,
             gutter_chars=gutter, lines=lines, left=left, top=top, descent=descent)
    name = data.get("name") if isinstance(data.get("name"), str) else Path(path).stem
    return LayoutConfig(name=name, width=width, height=height, grid=g,
                        masthead_lines=masthead, header_lines=header, headline=headline,
                        styles=styles, source=path, rules=rules)


def _rules(r: _Reader, data: _Map) -> Rules:
    """The optional ``rules:`` section; absent keys keep the defaults."""
    if "rules" not in data:
        return Rules()
    section = r.section(data, "rules")
    names = ("min_column_lines", "photo_dpi", "photo_min_dpi", "photo_share",
             "head_air_lines")
    r.unknown(section, names, "rules")
    values: dict[str, float] = {}
    for key in names:
        if key in section:
            integer = key in ("min_column_lines", "head_air_lines")
            values[key] = r.number(section, key, "rules", integer=integer, minimum=-1)
    share = values.get("photo_share", Rules.photo_share)
    if not 0 < share <= 1:
        r.error(section.lines.get("photo_share", section.line),
                f"rules.photo_share: expected a share between 0 and 1, got {share}")
    return Rules(**values)  # type: ignore[arg-type]


def _styles(r: _Reader, section: _Map) -> tuple[tuple[str, Style], ...]:
    out = []
    r.unknown(section, ROLES, "styles")
    for role in ROLES:
        spec = section.get(role)
        line = section.lines.get(role, section.line)
        if not isinstance(spec, _Map):
            r.error(line, f"styles.{role}: missing (expected face, size, leading, align)")
            continue
        r.unknown(spec, ("face", "size", "leading", "align"), f"styles.{role}")
        face = spec.get("face")
        if face not in FACES:
            r.error(spec.lines.get("face", line),
                    f"styles.{role}.face: {face!r} is not one of {', '.join(FACES)}")
            face = "serif"
        align = spec.get("align", "start")
        if align not in ALIGNS:
            r.error(spec.lines.get("align", line),
                    f"styles.{role}.align: {align!r} is not one of {', '.join(ALIGNS)}")
            align = "start"
        out.append((role, Style(face=face, size=r.number(spec, "size", f"styles.{role}"),
                                leading=r.number(spec, "leading", f"styles.{role}"),
                                align=align)))
    return tuple(out)


def load_layout(name_or_path: str, base: str = "") -> LayoutConfig:
    """The template ``name`` from the folder ingest checked it in
    (:func:`epaper.ingest.layouts_dir`: ``$EPAPER_LAYOUTS``, else layouts/), or a
    ``.yaml`` path (relative to ``base``). Read on every call and parsed once per
    content, so a process that builds again (``epaper serve``, ``rebuild``) sees an
    edited template, and an unchanged one stays one object (the layout's caches
    know it)."""
    from ..ingest import layouts_dir  # one lookup for both stages

    if name_or_path.endswith((".yaml", ".yml")):
        path = Path(base) / name_or_path if base else Path(name_or_path)
    else:
        path = layouts_dir() / f"{name_or_path}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError([Problem(str(path), 0, f"cannot read layout template: "
                                  f"{err.strerror or err}")]) from None
    # The em box is centred in the line with the body face's own descent (§1.5).
    return _parsed(text, _display_path(path), face_info("serif-sc").descent)


@lru_cache(maxsize=16)
def _parsed(text: str, path: str, descent: float) -> LayoutConfig:
    return parse_layout(text, path, descent=descent)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def ceil_lines(points: float, pitch: float) -> int:
    """Whole grid lines needed for ``points`` of height (tolerating float noise)."""
    return max(0, math.ceil(points / pitch - 1e-6))
