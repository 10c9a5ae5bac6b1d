"""issue.json pieces: rectangles in points and pixels, warnings about regions."""

from __future__ import annotations

from epaper.display import ArticleView, IssueLayout, PageLayout, Rect, Region
from epaper.render.images import PageImage
from epaper.render.manifest import build_manifest, clip_rect, dumps, rect_to_pixels

IMAGE = PageImage(1, "pages/01.png", "pages/01.thumb.png", 200, 300, 200, 300, 2.0)


def test_rect_to_pixels_rounds_edges_and_stays_inside_the_image():
    assert rect_to_pixels(Rect(10.2, 20.4, 30.0, 40.0), IMAGE) == {"x": 20, "y": 41, "w": 60,
                                                                    "h": 80}
    # edges are rounded, not the width: neighbouring zones never overlap or gap
    left, right = Rect(0, 0, 10.3, 5), Rect(10.3, 0, 10, 5)
    a, b = rect_to_pixels(left, IMAGE), rect_to_pixels(right, IMAGE)
    assert a["x"] + a["w"] == b["x"]
    assert rect_to_pixels(Rect(90, 140, 50, 50), IMAGE) == {"x": 180, "y": 280, "w": 20, "h": 20}


def test_clip_rect_cuts_to_the_page():
    assert clip_rect(Rect(-5, 10, 50, 500), 100, 200) == Rect(0, 10, 45, 190)


def _layout(regions, articles):
    page = PageLayout(1, "要聞", 100, 150, (), regions)
    return IssueLayout("報", "2023-01-10", "zh-Hans", "報", (page,), articles)


def test_regions_outside_the_page_unknown_articles_and_missing_regions_are_warned():
    layout = _layout(
        (Region("a", (Rect(50, 100, 80, 80),)), Region("ghost", (Rect(0, 0, 10, 10),))),
        (ArticleView("a", 1, "zh-Hans", "甲"), ArticleView("b", 1, "zh-Hans", "乙")))
    manifest = build_manifest(layout, [IMAGE], dpi=144, image_format="png")
    region = manifest["articles"][0]["regions"][0]
    assert region["rects_pt"] == [{"x": 50.0, "y": 100.0, "w": 50.0, "h": 50.0}]
    warnings = "\n".join(manifest["warnings"])
    assert "outside the page" in warnings and "'ghost'" in warnings
    assert "'b' has no region" in warnings


def test_dumps_is_stable_readable_json():
    layout = _layout((Region("a", (Rect(1, 2, 3, 4),)),), (ArticleView("a", 1, "zh-Hans", "标题"),))
    text = dumps(build_manifest(layout, [IMAGE], dpi=144, image_format="png"))
    assert text == dumps(build_manifest(layout, [IMAGE], dpi=144, image_format="png"))
    assert '"title": "标题"' in text and text.endswith("}\n")
