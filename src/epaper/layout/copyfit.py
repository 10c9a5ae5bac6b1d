"""The copy-fit plan: what each page holds, decided once for the whole issue.

Every article stays on the page the plan gives it. A page whose copy does not fit
(no arrangement holds it, :func:`.page.fit`) sends the rest of one of its own
articles to a later page, once: to the page the article's ``continue_on`` names,
else to the page the assembler designates for the day's jumps, else to the later
page with most room. The split is chosen by the cost of both pages, among splits
from the least that lets the page fit (found by bisection over the article's units)
to the most it may send. A continuation never jumps
again. When no later page can take the rest, the copy does not fit the issue: the
plan lists, per page, which article to cut and by how many characters (with its
``path:line``); the caller fails the build with them, or (``--allow-overset``) lays the
cut pages out, each cut marked 「（未完）」.

Jump amounts are decided here, not by laying pages out twice, so the pages can then
be laid out independently (in any order, or in parallel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import InputError, Problem
from ..plan import IssuePlan, PagePlan
from .block import Piece
from .config import LayoutConfig
from .page import PageWork, fit, leaves_of, rows_of
from .prepare import prepare

#: A continuation carries at least this many lines of text (in one column): less is
#: not worth a reader turning pages; a desk would cut it instead.
MIN_REST_LINES = 12
#: A jumping article keeps at least this share of its text on its own page (a front
#: story that is all head with the text elsewhere cheats the reader).
KEEP_SHARE = 0.25
#: Splits tried between the least that lets the page fit and the most an article
#: may send; the one that costs both pages least is taken.
SPLIT_SAMPLES = 8


@dataclass(frozen=True)
class Jump:
    """The rest of an article continued on a later page: units from ``stop`` on."""

    article_id: str
    from_page: int
    to_page: int
    stop: int


@dataclass(frozen=True)
class Cut:
    """Copy that fits nowhere: an article cut at unit ``stop``, and what was lost."""

    article_id: str
    page: int
    stop: int
    characters: int
    source: str  # path:line of the article


@dataclass(frozen=True)
class CopyPlan:
    """The pages to lay out, the jumps between them and the cuts (when allowed)."""

    pages: tuple[PageWork, ...]
    jumps: tuple[Jump, ...]
    cuts: tuple[Cut, ...]


def plan_copy(plan: IssuePlan, cfg: LayoutConfig) -> CopyPlan:
    """Decide what every page holds (see the module docstring). Cuts are returned
    even when not allowed: the caller fails the build with them as the report."""
    numbers = [p.number for p in plan.pages]
    works = {p.number: _work(p, cfg) for p in plan.pages}
    jumps: list[Jump] = []
    cuts: list[Cut] = []
    for number in numbers:
        while fit(works[number], cfg) is None:
            step = _send_on(works, number, numbers, cfg, plan.jump_page)
            if step is not None:
                jumps.append(step)
                continue
            # No page takes more: cut, longest article first, until the page fits
            # (the report then names every cut the page needs, not only the first).
            cut = _cut(works[number], cfg)
            if cut is None:
                first = works[number].pieces[0].prep.article if works[number].pieces \
                    else None
                where = str(first.source) if first and str(first.source) else "issue.yaml"
                path, _, line = where.rpartition(":")
                raise InputError([Problem(path or where, int(line) if line.isdigit() else 0,
                                          f"第{number}版: its articles do not fit even cut "
                                          f"to their first lines (heads and photos alone "
                                          f"are larger than the page): give some of them "
                                          f"another page")])
            works[number], found = cut
            if cuts and (cuts[-1].article_id, cuts[-1].page) == (found.article_id, number):
                # The same article cut again: one cut, the sum of what is lost.
                found = replace(found, characters=found.characters + cuts[-1].characters)
                cuts.pop()
            cuts.append(found)
    return CopyPlan(tuple(works[n] for n in numbers), tuple(jumps), tuple(cuts))


def _work(page: PagePlan, cfg: LayoutConfig) -> PageWork:
    own = sorted(page.articles, key=lambda p: p.article.priority)
    pieces = tuple(Piece(prepare(p.article, cfg)) for p in own)
    spans = tuple(p.placement.span if p.placement else None for p in own)
    heights = tuple(p.placement.height if p.placement else None for p in own)
    return PageWork(page, pieces, (0,) * len(pieces), spans, heights)


def _with_incoming(work: PageWork, rests: list[Piece]) -> PageWork:
    return replace(work, pieces=work.pieces + tuple(rests),
                   targets=work.targets + (0,) * len(rests),
                   spans=work.spans + (None,) * len(rests),
                   heights=work.heights + (None,) * len(rests))


def _cells(piece: Piece) -> int:
    """Grid cells of text the piece sets (one column, units from its start)."""
    return sum(u.height for u in piece.units[piece.start:])


def _room(work: PageWork, cfg: LayoutConfig) -> int:
    """Cells the page has beyond its copy at its most compact (an estimate, used to
    rank pages; :func:`.page.fit` decides)."""
    total = cfg.grid.columns * rows_of(work, cfg)
    need = 0
    for options in leaves_of(work, cfg):
        need += min((w * lf.lo for w, lf in options), default=0)
    return total - need


def _candidates(work: PageWork) -> list[int]:
    """Own articles that may jump, in the order a desk would jump them: the ones the
    desk marked (continue_on), then the longest. Continuations, photo items and
    pieces already jumping are never candidates."""
    out = []
    for i, piece in enumerate(work.pieces):
        if piece.continuation or piece.jumps or work.targets[i]:
            continue
        art = piece.prep.article
        if art.kind == "photo":
            continue
        if _cells(piece) < 2 * MIN_REST_LINES:
            continue
        out.append(i)
    return sorted(out, key=lambda i: (work.pieces[i].prep.article.continue_on is None,
                                      -_cells(work.pieces[i]), i))


def _targets(piece: Piece, source: int, numbers: list[int], works: dict[int, PageWork],
             cfg: LayoutConfig, designated: int | None) -> list[int]:
    """Pages the rest may go to, in the desk's order: the one the article names, the
    day's jump page, later pages with most room first, then (when no later page can
    take it) earlier pages with most room: a continuation read on an earlier page
    beats copy left out."""
    later = [n for n in numbers if n > source]
    earlier = [n for n in numbers if n < source]
    by_room = {n: _room(works[n], cfg) for n in later + earlier}
    out: list[int] = []
    for n in (piece.prep.article.continue_on, designated):
        if n in later and n not in out:
            out.append(n)
    out += sorted((n for n in later if n not in out), key=lambda n: (-by_room[n], n))
    out += sorted(earlier, key=lambda n: (-by_room[n], n))
    return out


def _send_on(works: dict[int, PageWork], source: int, numbers: list[int],
             cfg: LayoutConfig, designated: int | None) -> Jump | None:
    """Jump one article of page ``source`` (the first candidate that a page can take):
    the least rest that makes the page fit, plus MARGIN_LINES, or all it may send
    when even that leaves the page over (another article goes next). Updates
    ``works`` (the source and the target page)."""
    work = works[source]
    for i in _candidates(work):
        piece = work.pieces[i]
        # Sends the most: a share of the text stays, unless the desk fixed the height.
        low = 1 if work.heights[i] else max(1, _stop_keeping(piece, KEEP_SHARE))
        high = _stop_sending(piece, MIN_REST_LINES)  # sends the least worth sending
        if high < low:
            continue

        def trial(stop: int, i: int = i, piece: Piece = piece) -> PageWork:
            pieces = list(work.pieces)
            pieces[i] = Piece(piece.prep, 0, stop)
            targets = list(work.targets)
            targets[i] = 1  # marks the piece as jumping; the page is set below
            return replace(work, pieces=tuple(pieces), targets=tuple(targets))

        if fit(trial(low), cfg) is None:
            stops = [low]  # not enough alone: send all it may; another article follows
        else:
            # Bisection: the largest stop (least sent) at which the page fits …
            lo = high if fit(trial(high), cfg) is not None \
                else _last_fitting(trial, low, high, cfg)
            # … then every SPLIT_SAMPLES-th of the way back to the most it may send:
            # the split is chosen by the cost of both pages (a short target page
            # takes more, a full one less).
            stops = sorted({lo, *(lo - (lo - low) * k // SPLIT_SAMPLES
                                  for k in range(1, SPLIT_SAMPLES + 1))}, reverse=True)
        for target in _targets(piece, source, numbers, works, cfg, designated):

            def pair(stop: int, i: int = i, piece: Piece = piece, target: int = target
                     ) -> tuple[float, PageWork] | None:
                """Both pages' cost with the split at ``stop`` (None: the target
                page cannot take the rest)."""
                here = fit(trial(stop), cfg)
                taken = _with_incoming(works[target], [Piece(piece.prep, stop, None, source)])
                there = fit(taken, cfg)
                if there is None:
                    return None
                return (here.cost if here else 0.0) + there.cost, taken

            found = _best_split(stops, pair)
            if found is None:
                continue
            stop, taken = found
            works[target] = taken
            mine = trial(stop)
            targets = list(mine.targets)
            targets[i] = target
            works[source] = replace(mine, targets=tuple(targets))
            return Jump(piece.article_id, source, target, stop)
    return None


def _best_split(stops: list[int], pair: Callable[[int], tuple[float, PageWork] | None]
                ) -> tuple[int, PageWork] | None:
    """The sampled split (``stops``, least sent first) that costs both pages least,
    the first of equals, and the target page with its rest; None when the target
    takes none. Coarse to fine: every other sample first (sending more stops where
    the target no longer takes the rest: it will not take more either), then the
    two beside the cheapest of those. The pair cost is not convex in the split (a
    page's levers come in steps), so this is a local refinement, not a proof; it
    picks the same split as trying every sample on all 27 jumps of the 20 shared
    days (docs/layouts.md, Speed), with two pairs of pages laid out fewer a jump."""
    done: dict[int, tuple[float, PageWork] | None] = {}
    end = len(stops)  # the first sample the target cannot take

    def look(k: int) -> None:
        nonlocal end
        if 0 <= k < end and k not in done:
            done[k] = pair(stops[k])
            if done[k] is None:
                end = min(end, k)

    while True:
        # Sending more than a sample the target cannot take is never tried (as in a
        # scan in order), so a refinement that finds one starts the search again
        # below it.
        for k in [*range(0, end, 2), end - 1]:
            look(k)
            if k >= end:
                break
        coarse = _first_least(done, end)
        if coarse is None:
            return None
        look(coarse - 1)
        look(coarse + 1)
        if coarse < end:
            break
    best = _first_least(done, end)
    found = done[best] if best is not None else None
    assert found is not None and best is not None
    return stops[best], found[1]


def _first_least(done: dict[int, tuple[float, PageWork] | None], end: int) -> int | None:
    """The sample with the least cost among those tried before ``end``; of costs
    within 1e-9 of each other the first (least sent), as a scan in order would."""
    best: tuple[float, int] | None = None
    for k in sorted(done):
        found = done[k]
        if k >= end or found is None:
            continue
        if best is None or found[0] < best[0] - 1e-9:
            best = (found[0], k)
    return best[1] if best else None


def _stop_keeping(piece: Piece, share: float) -> int:
    """The first unit after ``share`` of the piece's text."""
    units = piece.prep.units
    total = sum(u.height for u in units)
    acc = 0
    for k, u in enumerate(units):
        acc += u.height
        if acc >= share * total:
            return k + 1
    return len(units)


def _stop_sending(piece: Piece, lines: int) -> int:
    """The unit from which the last ``lines`` lines of text start."""
    units = piece.prep.units
    acc = 0
    for k in range(len(units) - 1, -1, -1):
        acc += units[k].height
        if acc >= lines:
            return k
    return 0


def _cut(work: PageWork, cfg: LayoutConfig) -> tuple[PageWork, Cut] | None:
    """Cut the longest own article that still has text to lose (the continuations'
    text is already cut to what was sent) at the last unit that lets the page fit,
    or to its first unit when even that does not; say what is lost. None when no
    article has anything left to cut."""
    order = [i for i in range(len(work.pieces)) if not work.pieces[i].continuation]
    order = order or list(range(len(work.pieces)))
    order = [k for k in order if _end(work.pieces[k]) > 1]
    if not order:
        return None
    i = max(order, key=lambda k: (_cells(work.pieces[k]), -k))
    piece = work.pieces[i]
    end = _end(piece)

    def trial(stop: int) -> PageWork:
        pieces = list(work.pieces)
        pieces[i] = replace(piece, stop=stop, cut=True)
        return replace(work, pieces=tuple(pieces))

    stop = _last_fitting(trial, 1, end, cfg)
    lost = sum(len("".join(line.text.split())) for u in piece.prep.units[stop:end]
               for line in u.lines if u.role != "editor")
    art = piece.prep.article
    cut = Cut(art.id, work.plan.number, stop, lost, str(art.source))
    return trial(stop), cut


def _last_fitting(trial: Callable[[int], PageWork], lo: int, hi: int,
                  cfg: LayoutConfig) -> int:
    """Bisection for the largest stop in [lo, hi) at which the page fits, ``hi``
    known not to fit and ``lo`` taken when none does (more text never fits better)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fit(trial(mid), cfg) is not None:
            lo = mid
        else:
            hi = mid
    return lo


def _end(piece: Piece) -> int:
    """The unit the piece's text ends before on its page."""
    return piece.stop if piece.stop is not None else len(piece.prep.units)
