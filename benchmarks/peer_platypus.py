"""Job A with ReportLab platypus, as a ReportLab user would set it.

    python benchmarks/peer_platypus.py job-a.json out.pdf

Six frames a page on the job's grid, ``Paragraph`` with ReportLab's CJK wrapping
(``wordWrap="CJK"``), justified, 2 em first-line indent, fonts registered from the
bundled .ttf files the usual way (``TTFont``). Input written by ``job_a.py``.
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    """Build the PDF; exit 0."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    job = json.loads(open(argv[0], encoding="utf-8").read())
    pdfmetrics.registerFont(TTFont("Body", job["body_font"]))
    pdfmetrics.registerFont(TTFont("Title", job["title_font"]))
    width, height = job["page"]
    bottom = height - job["top"] - job["type_h"]
    frames = [Frame(job["left"] + i * (job["col_w"] + job["gutter_w"]), bottom,
                    job["col_w"], job["type_h"], leftPadding=0, rightPadding=0,
                    topPadding=0, bottomPadding=0, id=f"c{i}")
              for i in range(job["columns"])]
    doc = BaseDocTemplate(argv[1], pagesize=(width, height), invariant=1,
                          pageTemplates=[PageTemplate("p", frames)])
    size, pitch = job["size"], job["pitch"]
    body = ParagraphStyle("body", fontName="Body", fontSize=size, leading=pitch,
                          alignment=TA_JUSTIFY, firstLineIndent=2 * size, wordWrap="CJK")
    title = ParagraphStyle("title", fontName="Title", fontSize=job["title_size"],
                           leading=2 * pitch, alignment=TA_CENTER, wordWrap="CJK")
    story = []
    for art in job["articles"]:
        story.append(Paragraph(art["title"], title))
        story.extend(Paragraph(p, body) for p in art["paragraphs"])
    doc.build(story)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
