"""The reader site in a real browser (headless Chromium), opened from file://."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse


def zone_centre(page, rect_px, natural_width):
    """Where on the screen the centre of ``rect_px`` (image pixels) is shown."""
    box = page.locator("#page-image").bounding_box()
    s = box["width"] / natural_width
    return (box["x"] + (rect_px["x"] + rect_px["w"] / 2) * s,
            box["y"] + (rect_px["y"] + rect_px["h"] / 2) * s)


def zone_boxes(page):
    """The on-screen box of every hot-zone link, in document order."""
    return page.eval_on_selector_all(
        "a.zone", "zs => zs.map(z => { const b = z.getBoundingClientRect();"
                  " return [b.x, b.y, b.width, b.height]; })")


def expected_boxes(page, manifest, number):
    """Every rect_px of page ``number`` scaled and moved onto the displayed image."""
    width = next(p for p in manifest["pages"] if p["number"] == number)["size_px"]["width"]
    box = page.locator("#page-image").bounding_box()
    s = box["width"] / width
    out = []
    for article in manifest["articles"]:
        for region in article["regions"]:
            if region["page"] == number:
                out += [[box["x"] + r["x"] * s, box["y"] + r["y"] * s, r["w"] * s, r["h"] * s]
                        for r in region["rects_px"]]
    return out


def assert_zones_match(page, manifest, number):
    got, want = zone_boxes(page), expected_boxes(page, manifest, number)
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert all(abs(a - b) <= 1.5 for a, b in zip(g, w, strict=True)), (g, w)


def test_click_lead_story_zone_opens_its_article(page, site):
    out_dir, manifest = site
    page.goto((out_dir / "index.html").as_uri())
    lead = manifest["articles"][0]
    rect = lead["regions"][0]["rects_px"][0]
    page.mouse.click(*zone_centre(page, rect, manifest["pages"][0]["size_px"]["width"]))
    page.wait_for_url("**/articles/lead.html")
    assert page.locator("h1").inner_text() == lead["title"]
    assert page.locator(".kicker").first.inner_text() == lead["kicker"]


def test_zone_under_the_pointer_is_highlighted(page, site):
    out_dir, manifest = site
    page.goto((out_dir / "index.html").as_uri())
    second = manifest["articles"][1]
    page.mouse.move(*zone_centre(page, second["regions"][0]["rects_px"][0],
                                 manifest["pages"][0]["size_px"]["width"]))
    active = page.eval_on_selector_all(".zone.active", "z => z.map(e => e.dataset.article)")
    assert active == ["second"]
    assert page.locator(".titles a.active").inner_text() == second["title"]


def test_zones_follow_the_image_when_the_window_is_resized(page, site):
    out_dir, manifest = site
    page.goto((out_dir / "index.html").as_uri())
    assert_zones_match(page, manifest, 1)
    before = page.locator("#page-image").bounding_box()["width"]
    page.set_viewport_size({"width": 700, "height": 800})
    page.wait_for_function(f"document.getElementById('page-image').getBoundingClientRect()"
                           f".width < {before}")
    assert_zones_match(page, manifest, 1)
    # and the zone still opens the article
    rect = manifest["articles"][1]["regions"][0]["rects_px"][0]
    page.mouse.click(*zone_centre(page, rect, manifest["pages"][0]["size_px"]["width"]))
    page.wait_for_url("**/articles/second.html")


def test_next_and_previous_page(page, site):
    out_dir, manifest = site
    page.goto((out_dir / "index.html").as_uri())
    page.locator(".pager-top a.next").click()
    page.wait_for_url("**/page-02.html")
    assert "第2版" in page.locator(".pager-top .label").inner_text()
    assert_zones_match(page, manifest, 2)
    page.locator(".pager-top a.prev").click()
    page.wait_for_url("**/page-01.html")


def test_page_list_shows_every_page_with_thumbnail(page, site):
    out_dir, manifest = site
    page.goto((out_dir / "page-02.html").as_uri())
    items = page.locator(".page-list li")
    assert items.count() == len(manifest["pages"])
    assert page.locator(".page-list li.current").inner_text().split() == ["第2版", "經濟"]
    loaded = page.eval_on_selector_all(".page-list img", "i => i.map(x => x.currentSrc)")
    assert loaded and all(src.endswith(".thumb.w200.webp") for src in loaded)


def _file(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


def test_pdf_links_point_to_existing_pdfs(page, site):
    out_dir, _ = site
    page.goto((out_dir / "index.html").as_uri())
    for selector in ("a.page-pdf", "a.issue-pdf"):
        target = _file(page.locator(selector).evaluate("a => a.href"))
        assert target.is_file() and target.read_bytes()[:5] == b"%PDF-"
    # following the link opens the PDF (Chromium's viewer, or a download elsewhere)
    page.locator("a.page-pdf").click()
    page.wait_for_url("**/pages/01.pdf")


def test_keyboard_reaches_a_zone_and_opens_it(page, site):
    out_dir, _ = site
    page.goto((out_dir / "index.html").as_uri())
    page.locator("a.zone").first.focus()
    focused = page.evaluate("document.activeElement.dataset.article")
    assert focused == "lead"
    assert page.eval_on_selector_all(".zone.active", "z => z.length") == 2
    page.keyboard.press("Tab")  # the lead's second rectangle is skipped
    assert page.evaluate("document.activeElement.dataset.article") == "second"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/lead.html")


def test_article_view_navigation(page, site):
    out_dir, manifest = site
    page.goto((out_dir / "articles/second.html").as_uri())
    page.locator(".article-nav-top a.next").click()
    page.wait_for_url("**/articles/third.html")
    assert page.locator("h1").inner_text() == manifest["articles"][2]["title"]
    page.locator(".article-nav-top a.back").click()
    page.wait_for_url("**/page-02.html")


def test_archive_opens_the_issue(page, site):
    out_dir, manifest = site
    page.goto((out_dir.parent / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == manifest["lang"]
    page.locator(".issues a", has_text=manifest["paper"]).first.click()
    page.wait_for_url(f"**/{manifest['date']}/index.html")
    data = json.loads(page.locator("#page-data").inner_text())
    assert data["page"] == 1
