"""Headlines that read: 主題 lines broken between words and balanced, sizes by rank.

The title's natural advances are taken once per article (em are the same at every
size), so the lines a size needs at a width are arithmetic, not typesetting. Breaks
go only where a word starts (:mod:`.words`) and the line-start and line-end rules
allow; the editor's newlines are kept. Among the breaks that give the fewest lines,
the most even set wins. Only when a single word is wider than the measure does a
break fall inside it, and that is reported.

Sizes follow rank (docs/layouts.md): the page-1 lead carries the issue's largest
主題, every page's lead the largest of its page.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .words import word_starts, words

#: Characters a head line never starts with / ends with (cjk-typesetting.md §2, the
#: subset that occurs in heads).
NO_START = frozenset("，。、；：？！）］｝》」』〉”’…—·．,.;:?!)]}%％")
NO_END = frozenset("（［｛《「『〈“‘([{")
#: Slack in em when comparing a line with its measure (rounding of advances).
EPS = 0.01
#: Marks a break right after reads as a pause (cjk-typesetting.md §8.1: after P/C).
PAUSES = frozenset("，。、；：？！）］｝》」』〉”’…—,.;:?!)]}")
#: Paired marks whose inside a head keeps on one line: a title 《…》, a quotation
#: “…”, a 『…』 (1998 heads used it for quotes), a parenthesis (opening, closing).
PAIRS = {"《": "》", "“": "”", "『": "』", "「": "」", "（": "）", "〈": "〉", "‘": "’",
         "(": ")"}
#: Words that lean on the word before them: a line never should start with one
#: (的 and aspect particles, locatives after a noun: 竞技场｜上 reads wrong).
ENCLITICS = frozenset(("的", "之", "了", "着", "过", "们", "地", "得", "上", "中", "里",
                       "内", "外", "间", "后", "前", "下", "等", "者"))
#: Words that lean on the word after them: a line never should end with one
#: (prepositions, conjunctions, determiners: 在｜沪举行, 巴基斯坦新｜总统).
PROCLITICS = frozenset(("在", "对", "向", "从", "把", "被", "将", "为", "给", "与", "和",
                        "及", "同", "跟", "于", "以", "让", "使", "由", "自", "当", "按",
                        "据", "因", "比", "往", "朝", "沿", "随", "除", "连", "新", "各",
                        "全", "每", "该", "本", "这", "那", "其", "首", "向", "對", "從",
                        "為", "給", "與", "於", "讓", "當", "據", "隨", "連", "該", "這"))


@dataclass(frozen=True)
class TitleBreak:
    """A title set in lines: the text of each line and whether a break fell inside a
    word (only when one word is wider than the measure)."""

    lines: tuple[str, ...]
    inside_word: bool = False


@dataclass(frozen=True, eq=False)
class TitleMetrics:
    """A title's characters with their natural advances (em) and legal breaks.
    Compared and hashed by identity (one per prepared article; it keys caches)."""

    text: str
    advances: tuple[float, ...]
    breaks: frozenset[int]  # offsets where a line may start (between words)
    forced: frozenset[int]  # offsets after an editor's newline (always a break)
    #: Word starts inside a paired mark (《…》, “…”): used only when a line cannot
    #: hold the whole pair.
    paired: frozenset[int] = frozenset()
    #: Breaks at a space or after a pause (§8.1 prefers them) …
    strong: frozenset[int] = frozenset()
    #: … and breaks before a word that leans back or after one that leans forward.
    weak: frozenset[int] = frozenset()


def metrics(text: str, advances: tuple[float, ...]) -> TitleMetrics:
    """Break opportunities of a title whose characters (newlines included, at zero
    advance) have ``advances``: word starts that the line rules allow, graded."""
    forced = frozenset(i + 1 for i, c in enumerate(text) if c == "\n")
    breaks: set[int] = set(forced)
    paired: set[int] = set()
    strong: set[int] = set()
    weak: set[int] = set()
    inside = _inside_pairs(text)
    start = 0
    for part in text.split("\n"):
        cut = words(part)
        starts = word_starts(part)
        bounds = _word_bounds(cut)
        for i in starts:
            at = start + i
            if text[at] in NO_START or text[at - 1] in NO_END:
                continue
            if text[at] == text[at - 1] and text[at] in "—…":
                continue  # a doubled dash or ellipsis is one mark
            (paired if at in inside else breaks).add(at)
            before, after = bounds.get(i, ("", ""))
            if text[at - 1] in PAUSES or text[at - 1] == " " or text[at] == " ":
                strong.add(at)
            elif after in ENCLITICS or before in PROCLITICS:
                weak.add(at)
        start += len(part) + 1
    return TitleMetrics(text, advances, frozenset(breaks), forced, frozenset(paired),
                        frozenset(strong), frozenset(weak))


def _word_bounds(cut: list[str]) -> dict[int, tuple[str, str]]:
    """Per word start (0 excluded): the word that ends there and the one that starts."""
    out: dict[int, tuple[str, str]] = {}
    pos = 0
    for k, word in enumerate(cut):
        if k:
            out[pos] = (cut[k - 1].strip(), word.strip())
        pos += len(word)
    return out


def _inside_pairs(text: str) -> frozenset[int]:
    """Offsets strictly inside a paired mark that closes on the same line of the
    source (an unmatched mark protects nothing)."""
    inside: set[int] = set()
    for i, c in enumerate(text):
        close = PAIRS.get(c)
        if close is None:
            continue
        j = text.find(close, i + 1)
        if j > 0 and "\n" not in text[i:j]:
            inside.update(range(i + 1, j + 1))
    return frozenset(inside)


def _legal_char_breaks(m: TitleMetrics) -> frozenset[int]:
    """Every offset the line rules allow (the last resort inside a word)."""
    t = m.text
    return frozenset(i for i in range(1, len(t))
                     if t[i] not in NO_START and t[i - 1] not in NO_END)


@lru_cache(maxsize=65536)
def break_title(m: TitleMetrics, measure: float, max_lines: int) -> TitleBreak | None:
    """The title in the fewest lines of at most ``measure`` em, balanced; None when
    it needs more than ``max_lines`` lines even with breaks inside words."""
    for level in (BETWEEN_WORDS, INSIDE_PAIRS, INSIDE_WORDS):
        # Each level adds breaks only when the one before finds no lines: inside a
        # 《…》 when a line cannot hold it, inside a word (reported) when a single
        # word is wider than the measure.
        lines = _fewest_balanced(m, measure, max_lines, level)
        if lines is not None:
            return TitleBreak(lines, level == INSIDE_WORDS)
    return None


#: The break sets :func:`break_title` tries, in order.
BETWEEN_WORDS, INSIDE_PAIRS, INSIDE_WORDS = 0, 1, 2


@dataclass(frozen=True)
class _Lines:
    """Every line a title may be set in, whatever the measure: the break offsets
    (``nodes``, from 0 to the end), the title's width, and per node j the lines
    that may end there, (start node, width), nearest start first, none skipping an
    editor's newline. A measure takes the first of them that fit (widths grow as the
    start moves back), so the title's sizes and spans share this work."""

    nodes: tuple[int, ...]
    total: float
    ending: tuple[tuple[tuple[int, float], ...], ...]
    #: Per node, the widths of ``ending`` when they grow with the start's distance
    #: (a line fits as long as its width does), else None (then walked one by one).
    widths: tuple[tuple[float, ...], ...] | None
    #: Per node, the break there: (1 if weak, -1 if strong); (0, 0) at the ends.
    grade: tuple[tuple[int, int], ...]
    #: Lines found, by how many of each node's lines fit and the most lines: the
    #: answer depends on nothing else, and many measures share it.
    found: dict[tuple[tuple[int, ...], int], tuple[str, ...] | None] = field(
        default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=4096)
def _lines(m: TitleMetrics, level: int) -> _Lines:
    allowed = m.breaks
    if level >= INSIDE_PAIRS:
        allowed = allowed | m.paired
    if level >= INSIDE_WORDS:
        allowed = allowed | _legal_char_breaks(m)
    text = m.text
    n = len(text)
    nodes = [0, *sorted(b for b in allowed if 0 < b < n), n]
    forced = sorted(m.forced)
    prefix = [0.0, *accumulate(m.advances)]

    # Spaces and newlines at a line's ends take no width: per offset, the first
    # other character from it on, and the end of the last one before it.
    ws = " \n"
    first_ink = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        first_ink[i] = first_ink[i + 1] if text[i] in ws else i
    ink_end = [0] * (n + 1)
    for i in range(1, n + 1):
        ink_end[i] = ink_end[i - 1] if text[i - 1] in ws else i

    def width(a: int, b: int) -> float:
        a = first_ink[a]
        if a >= b:
            return 0.0
        return prefix[ink_end[b]] - prefix[a]

    ending: list[tuple[tuple[int, float], ...]] = [()]
    rising = True
    for j in range(1, len(nodes)):
        b = nodes[j]
        # A line from a to b skips a forced break when one lies strictly between:
        # when the last forced break before b is after a.
        k = bisect_left(forced, b)
        last_forced = forced[k - 1] if k else -1
        out = []
        before = -1.0
        for i in range(j - 1, -1, -1):
            a = nodes[i]
            if a < last_forced:
                break
            w = width(a, b)
            if w < before:
                rising = False
            before = w
            out.append((i, w))
        ending.append(tuple(out))
    widths = tuple(tuple(w for _, w in e) for e in ending)
    # What a line starting at each node costs in the balance's first two terms.
    grade = tuple((1 if b in m.weak else 0, -1 if b in m.strong else 0) for b in nodes)
    return _Lines(tuple(nodes), width(0, n), tuple(ending), widths if rising else None,
                  grade)


def _fewest_balanced(m: TitleMetrics, measure: float, max_lines: int,
                     level: int) -> tuple[str, ...] | None:
    """Dynamic programme over the breaks ``level`` allows: fewest lines within the
    measure, then (in this order, §8.1) the fewest weak breaks, the most breaks at
    a space or after a pause, the least squared deviation from the mean width."""
    pre = _lines(m, level)
    limit = measure + EPS
    # How many of the lines that may end at each node fit the measure (the nearest
    # starts: a line that starts further back is wider).
    if pre.widths is not None:
        fitting = [bisect_right(ws, limit) for ws in pre.widths]
    else:
        fitting = [0]
        for ending in pre.ending[1:]:
            c = 0
            for _i, w in ending:
                if w > limit:
                    break
                c += 1
            fitting.append(c)
    key = (tuple(fitting), max_lines)
    if key not in pre.found:
        pre.found[key] = _balanced(m.text, pre, key[0], max_lines)
    return pre.found[key]


def _balanced(text: str, pre: _Lines, fitting: tuple[int, ...], max_lines: int
              ) -> tuple[str, ...] | None:
    nodes = pre.nodes
    total = pre.total
    # fewest[i]: fewest lines that set text[0:nodes[i]] (a line never skips a forced
    # break); more than max_lines where none does.
    count = len(nodes)
    fewest = [0] + [max_lines + 1] * (count - 1)
    # reach[j]: (i, width) of every line that may end at node j, nearest start first:
    # it skips no forced break and fits the measure. Both passes walk these.
    reach = [pre.ending[j][:fitting[j]] for j in range(count)]
    inf = float("inf")
    for j in range(1, count):
        for i, _w in reach[j]:
            if fewest[i] < max_lines:
                fewest[j] = min(fewest[j], fewest[i] + 1)
    k = fewest[-1]
    if k > max_lines:
        return None
    # Second pass with k fixed. cost[left][j], back[left][j]: the least (weak breaks,
    # minus strong breaks, sum of squared deviations from the mean width) setting
    # text[0:nodes[j]] in ``left`` lines, compared in that order (no weights to
    # tune: a weak break is worse than any imbalance), and where its last line
    # starts (-1: none does).
    target = total / k
    grade = pre.grade
    worst = (inf, inf, inf)
    cost = [[(0, 0, 0.0)] + [worst] * (count - 1)]
    back = [[-1] * count]
    for _ in range(k):
        prev = cost[-1]
        row = [worst] * count
        where = [-1] * count
        for j in range(count):
            best, at = worst, -1
            for i, w in reach[j]:
                p = prev[i]
                if p[0] == inf:
                    continue
                weak, strong = grade[i]
                c = (p[0] + weak, p[1] + strong, p[2] + (w - target) ** 2)
                if c < best:
                    best, at = c, i
            row[j] = best
            where[j] = at
        cost.append(row)
        back.append(where)
    cuts = [count - 1]
    left = k
    while cuts[-1] != 0:
        i = back[left][cuts[-1]]
        if i < 0:
            return None
        cuts.append(i)
        left -= 1
    cuts.reverse()
    lines = []
    for i, j in zip(cuts, cuts[1:], strict=False):
        lines.append(text[nodes[i]:nodes[j]].strip(" \n"))
    return tuple(line for line in lines if line)


@dataclass(frozen=True)
class SizeRange:
    """主題 sizes an article may take on its page: its preferred size at a span comes
    from the template (span, priority); ``cap`` and ``floor`` come from its rank."""

    cap: float  # never larger (a lesser story stays below its page lead)
    floor: float  # never smaller (a lead keeps its rank)
    fixed: bool = False  # the page-1 lead: exactly ``cap``


def size_range(front: bool, lead: bool, sizes: tuple[float, ...], bonus: float,
               least: float) -> SizeRange:
    """The rank rule: page 1's lead at the top size of the issue; an inner lead one
    lead bonus below it and at most a quarter under; everything else a step (2 pt)
    under the smallest size an inner lead may take."""
    top = max(sizes) + bonus
    inner = top - bonus if bonus else top
    if lead and front:
        return SizeRange(top, top, fixed=True)
    low = max(least, inner * 0.8)
    if lead:
        return SizeRange(inner, low)
    return SizeRange(max(least, min(inner, low) - 2), least)
