"""Tagged PDF (issue #16): the structure tree of the sample issue in every profile,
read back with pikepdf (the tree), PDFium (text in tag order) and poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
from reading_order import article_texts, check, norm
from tag_reader import Node, tagged_text

from epaper import fonts
from epaper.assemble import assemble
from epaper.display import ArticleEntry, ArticleView, IssueLayout, PageLayout, Rule, TextRun
from epaper.ingest import load_issue
from epaper.layout import layout_issue
from epaper.render import render_issue
from epaper.render.pdf_profile import PROFILES
from epaper.render.pdf_tags import ARTIFACT_ROLES, DocumentTags, ParagraphMatcher

POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


@pytest.fixture(scope="module")
def sample(repo_root) -> IssueLayout:
    """The sample issue, laid out once."""
    return layout_issue(assemble(load_issue(repo_root / "issues" / "2023-01-10")))


@pytest.fixture(scope="module")
def built(sample, tmp_path_factory) -> dict[str, Path]:
    """The sample's PDFs in each profile: profile → issue folder."""
    out = {}
    for profile in PROFILES:
        folder = tmp_path_factory.mktemp(f"tags-{profile}")
        render_issue(sample, folder, SimpleNamespace(images=False, pdf=profile))
        out[profile] = folder
    return out


def issue_pdf(folder: Path, layout: IssueLayout) -> Path:
    return folder / f"{layout.date}.pdf"


def page_pdf(folder: Path, number: int) -> Path:
    return folder / "pages" / f"{number:02d}.pdf"


def reading_order(layout: IssueLayout, pages=None) -> list[str]:
    """The articles in reading order, from the layout's own page indexes (not from
    the tagger): page by page, each page's articles in order, each once."""
    seen: list[str] = []
    for page in pages or layout.pages:
        for entry in page.articles:
            if entry.article_id not in seen:
                seen.append(entry.article_id)
    return seen


def struct_kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def elements(element) -> list:
    """``element`` and every structure element below it, in tree order."""
    out = [element]
    for kid in struct_kids(element):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" \
                and "/S" in kid:
            out.extend(elements(kid))
    return out


def marks_of(element, pages) -> list[tuple[int, int]]:
    """(page index, MCID) of the element's own marked content, in order."""
    out = []
    for kid in struct_kids(element):
        if isinstance(kid, int):
            out.append((pages.index(element.Pg.objgen), int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            out.append((pages.index(kid.Pg.objgen), int(kid.MCID)))
    return out


def content_mcids(page) -> list[int]:
    """The MCIDs the page's content stream marks, read with pikepdf's parser."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                and "/MCID" in operands[1]:
            found.append(int(operands[1].MCID))
    return found


# --- the tree, read with pikepdf ----------------------------------------------------

@pytest.mark.parametrize("profile", PROFILES)
def test_issue_pdf_has_one_art_per_article_in_reading_order(built, sample, profile):
    with pikepdf.open(issue_pdf(built[profile], sample)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == sample.lang and sample.lang in ("zh-Hans", "zh-Hant")
        root = pdf.Root.StructTreeRoot
        assert root.Type == "/StructTreeRoot" and "/ParentTree" in root
        document = root.K
        assert document.S == "/Document"
        arts = [kid for kid in struct_kids(document) if kid.S == "/Art"]
        pages = [page.obj.objgen for page in pdf.pages]
        # Each Art is named by the articles whose text is in it: the first page's
        # article entries say which article starts where.
        assert len(arts) == len(reading_order(sample))
        firsts = []
        for art in arts:
            first = min(m for e in elements(art) for m in marks_of(e, pages))
            firsts.append(first)
        assert firsts == sorted(firsts)  # in drawing (= reading) order


@pytest.mark.parametrize("profile", PROFILES)
def test_mcids_resolve_through_the_parent_tree(built, sample, profile):
    paths = [issue_pdf(built[profile], sample)] + [
        page_pdf(built[profile], page.number) for page in sample.pages]
    for path in paths:
        with pikepdf.open(path) as pdf:
            root = pdf.Root.StructTreeRoot
            nums = list(root.ParentTree.Nums)
            table = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            pages = [page.obj.objgen for page in pdf.pages]
            in_tree = {}
            for element in elements(root.K):
                for page, mcid in marks_of(element, pages):
                    in_tree[(page, mcid)] = element.objgen
            for index, page in enumerate(pdf.pages):
                mcids = content_mcids(page)
                assert mcids == list(range(len(mcids))), path.name  # each once, in order
                parents = table[int(page.obj.StructParents)]
                assert len(parents) == len(mcids)
                for mcid in mcids:
                    assert in_tree[(index, mcid)] == parents[mcid].objgen, (path.name, mcid)
            assert len(in_tree) == sum(len(content_mcids(p)) for p in pdf.pages)


def test_a_jump_continuation_is_inside_its_articles_art(built, sample):
    jumped = [view for view in sample.articles if len(view.pages) > 1]
    assert jumped, "the sample has a jump"
    with pikepdf.open(issue_pdf(built["archive"], sample)) as pdf:
        pages = [page.obj.objgen for page in pdf.pages]
        arts = [kid for kid in struct_kids(pdf.Root.StructTreeRoot.K) if kid.S == "/Art"]
        spans = [sorted({page for e in elements(art) for page, _ in marks_of(e, pages)})
                 for art in arts]
        for view in jumped:
            wanted = [number - 1 for number in view.pages]
            assert wanted in spans, (view.article_id, spans)


def test_headings_figures_and_artifacts(built, sample):
    with pikepdf.open(issue_pdf(built["print"], sample)) as pdf:
        arts = [kid for kid in struct_kids(pdf.Root.StructTreeRoot.K) if kid.S == "/Art"]
        kinds = [[str(e.S) for e in elements(art)] for art in arts]
        assert all(kind.count("/H1") == 1 for kind in kinds)
        figures = [e for art in arts for e in elements(art) if e.S == "/Figure"]
        captions = {p.caption for view in sample.articles for p in view.photos}
        assert figures and all(str(f.Alt) in captions for f in figures)
        # Furniture is marked as artifact: page headers, rules.
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[1])]
        assert "BMC" in ops
        assert ops.count("BDC") + ops.count("BMC") == ops.count("EMC")


# --- the text in tag order, read with PDFium ------------------------------------------

def art_texts(root: Node, texts: dict[int, str]) -> list[str]:
    """Each top-level Art's text in tag order (MCIDs of the page)."""
    out = []
    documents = [kid for kid in root.kids if kid.type == "Document"] or [root]
    for document in documents:
        for art in document.kids:
            if art.type == "Art":
                out.append(norm("".join(texts.get(m, "") for m in art.all_mcids())))
    return out


@pytest.mark.parametrize("profile", PROFILES)
def test_text_in_tag_order_is_each_articles_text(built, sample, profile):
    for page in sample.pages:
        [(_, root, texts)] = tagged_text(page_pdf(built[profile], page.number))
        drawn = article_texts(page)
        expected = [drawn[article] for article in reading_order(sample, [page])
                    if article in drawn]
        assert art_texts(root, texts) == expected, page.number


def test_text_in_tag_order_follows_the_article_across_its_jump(built, sample):
    read = tagged_text(issue_pdf(built["screen"], sample))
    by_article: dict[str, str] = {}
    for (index, root, texts), page in zip(read, sample.pages, strict=True):
        drawn = article_texts(page)
        # PDFium gives each page the elements with content on it.
        order = [a for a in reading_order(sample) if a in drawn]
        got = art_texts(root, texts)
        assert got == [drawn[a] for a in order], index
        for article, text in zip(order, got, strict=True):
            by_article[article] = by_article.get(article, "") + text
    for view in sample.articles:
        if len(view.pages) > 1:
            body = norm("".join(text for kind, text in view.blocks if kind == "p"))
            assert body and all(norm(text) in by_article[view.article_id]
                                for kind, text in view.blocks if kind == "p")
            assert by_article[view.article_id].startswith(norm(view.kicker + view.title))


def test_headings_and_paragraphs_hold_the_views_text(built, sample):
    """H1 is the 主題, each P of the body one paragraph of the article view."""
    views = {view.article_id: view for view in sample.articles}
    page = sample.pages[0]
    [(_, root, texts)] = tagged_text(page_pdf(built["archive"], page.number))
    document = root.kids[0]
    arts = [kid for kid in document.kids if kid.type == "Art"]
    order = [a for a in reading_order(sample, [page]) if a in article_texts(page)]
    for article, art in zip(order, arts, strict=True):
        view = views[article]
        text = {id(kid): norm("".join(texts.get(m, "") for m in kid.all_mcids()))
                for kid in art.kids}
        [h1] = [kid for kid in art.kids if kid.type == "H1"]
        assert text[id(h1)] == norm(view.title)
        paragraphs = {text[id(kid)] for kid in art.kids if kid.type == "P"}
        whole = [norm(t) for kind, t in view.blocks if kind == "p"]
        on_page = [p for p in whole if p in norm("".join(texts.values()))]
        assert on_page and set(on_page) <= paragraphs
        for figure in (kid for kid in art.kids if kid.type == "Figure"):
            assert figure.alt in {p.caption for p in view.photos}


# --- the parts, on their own --------------------------------------------------------

def test_paragraph_matcher_follows_blocks_and_skips_what_was_not_drawn():
    matcher = ParagraphMatcher((("p", "一二三四五六"), ("h", "小標\n題"), ("p", "七八九"),
                                ("p", "十十一")))
    assert [matcher.feed(line) for line in ("一二三", "四五六", "小標", "題", "十十一")] == [
        ("p", 0), ("p", 0), ("h", 1), ("h", 1), ("p", 3)]
    # A line the view does not have: a paragraph of its own after a finished one.
    assert matcher.feed("不在文中") == ("x", 1)


def test_furniture_is_artifact_and_article_lines_share_one_sequence():
    size = 10.0
    face = "serif-tc"

    def run(y, text, role="body", article="a"):
        advances = tuple(fonts.advance(fonts.resolve_face(face, c), c) * size for c in text)
        return TextRun(10, y, face, size, text, advances, role=role, article_id=article)

    view = ArticleView("a", 1, "zh-Hant", "標題", blocks=(("p", "第一段文字第一段"),
                                                         ("p", "第二段")))
    tags = DocumentTags("zh-Hant", (view,))
    marks = tags.page()
    items = [run(10, "第1版", "header_page", ""), Rule(0, 12, 100, 12), run(20, "標題", "title"),
             run(30, "第一段文字"), run(40, "第一段"), run(50, "第二段"),
             run(60, "（下轉第2版）", "jump")]
    ops = [marks.enter(item) for item in items] + [marks.close()]
    assert ops == ["/Artifact BMC", "", "EMC\n/H1 <</MCID 0>> BDC", "EMC\n/P <</MCID 1>> BDC",
                   "", "EMC\n/P <</MCID 2>> BDC", "EMC\n/Artifact BMC", "EMC"]
    root = tags.finish()
    [art] = root.kids
    assert [kid.type for kid in art.kids] == ["H1", "P", "P"]
    assert "jump" in ARTIFACT_ROLES and "header_page" in ARTIFACT_ROLES


def test_a_figure_without_caption_still_has_alt(tmp_path):
    from epaper.display import Image as DImage

    tags = DocumentTags("zh-Hans", ())
    marks = tags.page()
    marks.enter(DImage(0, 0, 10, 10, "x.png", (0, 0, 1, 1), article_id="b"))
    marks.close()
    [art] = tags.finish().kids
    assert art.kids[0].type == "Figure" and art.kids[0].alt == "图片"


# --- poppler, when installed --------------------------------------------------------

@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
@pytest.mark.parametrize("profile", PROFILES)
def test_poppler_sees_a_tagged_pdf_with_boxes_and_embedded_fonts(built, sample, profile):
    for path in [issue_pdf(built[profile], sample), page_pdf(built[profile], 1)]:
        info = subprocess.run(["pdfinfo", "-box", str(path)], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), info
        assert ("TrimBox:" in info) and ("BleedBox:" in info)  # pdfinfo prints defaults
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows and all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_poppler_reads_each_article_whole_from_the_tags(built, sample):
    """``pdfinfo -struct-text`` (poppler's reader of the structure tree): under each
    Art, the article's text on the page, in reading order."""
    for page in sample.pages:
        out = subprocess.run(["pdfinfo", "-struct-text",
                              str(page_pdf(built["archive"], page.number))],
                             capture_output=True, text=True, check=True).stdout
        arts: list[str] = []
        for line in out.splitlines():
            if line.strip() == "Art":
                arts.append("")
            elif arts and line.strip().startswith('"'):
                arts[-1] += norm(line.strip()[1:-1])
        drawn = article_texts(page)
        assert arts == [drawn[a] for a in reading_order(sample, [page]) if a in drawn]


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_pdftotext_raw_reads_every_article_whole(built, sample):
    """Drawing order is reading order: pdftotext in content order gets each article
    whole on every page (its default mode orders by geometry alone: docs/outputs.md)."""
    for page in sample.pages:
        text = subprocess.run(["pdftotext", "-raw", str(page_pdf(built["screen"], page.number)),
                               "-"], capture_output=True, text=True, check=True).stdout
        reading = check(page, text)
        assert reading.whole == reading.articles, page.number


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_pdftotext_default_keeps_articles_contiguous_when_geometry_allows(tmp_path):
    """Two articles one above the other, each in one column: poppler's default mode
    returns each contiguous; the checker also tells an interleaved output apart."""
    size, face = 10.0, "serif-tc"

    def line(x, y, text, article, role="body"):
        advances = tuple(fonts.advance(fonts.resolve_face(face, c), c) * size for c in text)
        return TextRun(x, y, face, size, text, advances, role=role, article_id=article)

    first = ["春節臨近市民採購", "年貨的熱情逐漸升", "溫記者走訪城區多"]
    second = ["氣象臺提醒防寒防", "凍降溫期間晝夜溫", "差較大市民外出要"]
    items = [line(20, 30 + 14 * i, t, "a") for i, t in enumerate(first)]
    items += [line(20, 120 + 14 * i, t, "b") for i, t in enumerate(second)]
    page = PageLayout(1, "要聞", 200.0, 200.0, tuple(items),
                      articles=(ArticleEntry("a", "甲"), ArticleEntry("b", "乙")))
    layout = IssueLayout("測試日報", "2023-01-10", "zh-Hant", "測試", (page,),
                         articles=(ArticleView("a", 1, "zh-Hant", "甲"),
                                   ArticleView("b", 1, "zh-Hant", "乙")))
    render_issue(layout, tmp_path, SimpleNamespace(images=False, pdf="screen"))
    text = subprocess.run(["pdftotext", str(page_pdf(tmp_path, 1)), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert check(page, text).contiguous == ("a", "b")
    interleaved = "\n".join([first[0], second[0], first[1], second[1]])
    assert check(page, interleaved).contiguous == ()


def test_a_table_is_tagged_row_by_row_and_cell_by_cell(built, sample):
    """Table > Caption, TR > TH (header) / TD: each cell holds that cell's text."""
    views = [(view, text) for view in sample.articles for kind, text in view.blocks
             if kind == "t"]
    assert views, "the sample has a table"
    view, block = views[0]
    lines = block.split("\n")
    wanted_rows = [lines[2].split("\t")] + [line.split("\t") for line in lines[3:]]
    page = sample.pages[view.page - 1]
    [(_, root, texts)] = tagged_text(page_pdf(built["print"], page.number))

    def text(node: Node) -> str:
        return norm("".join(texts.get(m, "") for m in node.all_mcids()))

    tables = [kid for art in root.kids[0].kids for kid in art.kids if kid.type == "Table"]
    [table] = tables
    assert table.kids[0].type == "Caption" and text(table.kids[0]) == norm(lines[0])
    rows = table.kids[1:]
    assert [[cell.type for cell in row.kids] for row in rows] == [
        ["TH"] * len(wanted_rows[0])] + [["TD"] * len(r) for r in wanted_rows[1:]]
    assert [[text(cell) for cell in row.kids] for row in rows] == [
        [norm(c) for c in r] for r in wanted_rows]


def test_cell_walker_cuts_lines_at_cells():
    from epaper.render.pdf_tags import CellWalker, table_cells

    cells = table_cells("表一\nstart\tend\n名\t值\n甲乙\t12\n丙\t3")
    walker = CellWalker(cells)
    pieces = [walker.split(line) for line in ("表一", "名 值", "甲乙  12", "丙 3")]
    got = [[(line[a:b], cell.row, cell.column, cell.header) for a, b, cell in cut]
           for line, cut in zip(("表一", "名 值", "甲乙  12", "丙 3"), pieces, strict=True)]
    assert got == [[("表一", -1, 0, False)],
                   [("名 ", 0, 0, True), ("值", 0, 1, True)],
                   [("甲乙  ", 1, 0, False), ("12", 1, 1, False)],
                   [("丙 ", 2, 0, False), ("3", 2, 1, False)]]
