"""A small synthetic issue for the e-paper tests: an IssueLayout plus the PDFs the
print renderer would have written, made here with ReportLab so these tests do not
depend on ingest, layout or the print renderer.

Page 1 holds the lead story (an L-shaped region of two rectangles) and a short
story; the lead continues on page 2 beside a third story.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from reportlab.pdfgen import canvas

from epaper.display import (
    ArticleEntry,
    ArticleView,
    IssueLayout,
    PageLayout,
    PageReport,
    PhotoView,
    PlacedBlock,
    Rect,
    Region,
)

DATE = "2023-01-10"
WIDTH, HEIGHT = 420.0, 600.0  # pt: small pages keep the images (and tests) fast

REGIONS = {
    1: (Region("lead", (Rect(20, 60, 380, 200), Rect(20, 260, 180, 160))),
        Region("second", (Rect(210, 260, 190, 160),))),
    2: (Region("lead", (Rect(20, 40, 180, 300),)),
        Region("third", (Rect(210, 40, 190, 300),))),
}


def make_layout(photo: Path | None = None, lang: str = "zh-Hant") -> IssueLayout:
    """The synthetic layout; ``photo`` is an existing image for the lead story."""
    pages = (
        PageLayout(1, "要聞", WIDTH, HEIGHT, (), REGIONS[1],
                   (ArticleEntry("lead", "矢志不渝做忠誠衛士"), ArticleEntry("second", "冬季市場")),
                   report=PageReport(100, 20, (PlacedBlock("lead", 0, 4, 0, 30),))),
        PageLayout(2, "經濟", WIDTH, HEIGHT, (), REGIONS[2],
                   (ArticleEntry("lead", "矢志不渝做忠誠衛士", continuation=True),
                    ArticleEntry("third", "外貿<新高>&")),
                   warnings=("第2版: sample warning",)),
    )
    photos = (PhotoView(str(photo), "接警中心", "本報記者"),) if photo else ()
    photos += (PhotoView("/nonexistent/none.jpg", "缺圖說明", missing=True),)
    articles = (
        ArticleView("lead", 1, lang, "矢志不渝做忠誠衛士", kicker="致敬警察節",
                    subtitle="——寫在警察節到來之際", summary="提要文字", editor_note="寒冬臘月",
                    byline="本報記者 王軍豪", editor="任玉偉",
                    blocks=(("p", "歷史時針指向2023年。"), ("h", "聚焦主責\n利劍錚錚"),
                            ("p", "第二段。")),
                    photos=photos, continued_on=2, pages=(1, 2)),
        ArticleView("second", 1, lang, "冬季市場", blocks=(("p", "市場供應充足。"),),
                    pages=(1,)),
        ArticleView("third", 2, lang, "外貿<新高>&", byline="本報通訊員",
                    blocks=(("p", "</script><b>不是標記</b>"),), pages=(2,)),
    )
    return IssueLayout("聊城日報", DATE, lang, f"聊城日報 {DATE}", pages, articles,
                       warnings=("issue warning",))


def write_pdfs(layout: IssueLayout, out_dir: Path) -> None:
    """Write ``<date>.pdf`` and ``pages/NN.pdf`` as the print renderer would: each
    region drawn as a grey box with its article id, so images show the zones."""
    (out_dir / "pages").mkdir(parents=True, exist_ok=True)
    whole = canvas.Canvas(str(out_dir / f"{layout.date}.pdf"), pagesize=(WIDTH, HEIGHT),
                          invariant=1)
    for page in layout.pages:
        one = canvas.Canvas(str(out_dir / "pages" / f"{page.number:02d}.pdf"),
                            pagesize=(page.width, page.height), invariant=1)
        for c in (whole, one):
            c.setFont("Helvetica-Bold", 18)
            c.drawString(20, page.height - 35, f"PAGE {page.number}")
            for region in page.regions:
                for r in region.rects:
                    c.setFillGray(0.85)
                    c.rect(r.x, page.height - r.y - r.h, r.w, r.h, stroke=1, fill=1)
                    c.setFillGray(0)
                    c.setFont("Helvetica", 12)
                    c.drawString(r.x + 6, page.height - r.y - 18, region.article_id)
            c.showPage()
        one.save()
    whole.save()


def make_issue(tmp: Path, lang: str = "zh-Hant") -> tuple[IssueLayout, Path]:
    """A layout and an out folder ``tmp/out/<date>`` holding its PDFs."""
    tmp.mkdir(parents=True, exist_ok=True)
    photo = tmp / "photo.jpg"
    PILImage.new("RGB", (320, 200), (90, 120, 160)).save(photo)
    layout = make_layout(photo, lang)
    out_dir = tmp / "out" / DATE
    write_pdfs(layout, out_dir)
    return layout, out_dir


def test_synthetic_issue_has_a_pdf_per_page(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    assert sorted(p.name for p in (out_dir / "pages").iterdir()) == ["01.pdf", "02.pdf"]
    assert (out_dir / f"{DATE}.pdf").stat().st_size > 0
    ids = {r.article_id for p in layout.pages for r in p.regions}
    assert ids == {a.article_id for a in layout.articles}
