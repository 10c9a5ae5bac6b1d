"""The reader of the real sample issue in headless Chromium."""

from __future__ import annotations


def test_click_lead_story_of_sample_page_one(page, built_manifest):
    out_dir, manifest = built_manifest
    first = manifest["pages"][0]["articles"][0]["id"]
    lead = next(a for a in manifest["articles"] if a["id"] == first)
    rect = lead["regions"][0]["rects_px"][0]
    page.goto((out_dir / "index.html").as_uri())
    box = page.locator("#page-image").bounding_box()
    s = box["width"] / manifest["pages"][0]["size_px"]["width"]
    page.mouse.click(box["x"] + (rect["x"] + rect["w"] / 2) * s,
                     box["y"] + (rect["y"] + rect["h"] / 2) * s)
    page.wait_for_url(f"**/articles/{lead['id']}.html")
    assert page.locator("h1").inner_text() == lead["title"]
    assert page.locator("html").get_attribute("lang") == manifest["lang"]


def test_sample_pages_chain_from_first_to_last(page, built_manifest):
    out_dir, manifest = built_manifest
    page.goto((out_dir / "index.html").as_uri())
    for p in manifest["pages"][1:]:
        page.locator(".pager-top a.next").click()
        page.wait_for_url(f"**/{p['html']}")
    assert page.locator(".pager-top .next.disabled").count() == 1
    # the page list keeps the current page in view
    item = page.locator(".page-list li.current").bounding_box()
    shown = page.locator(".page-list ol").bounding_box()
    assert shown["y"] <= item["y"] and item["y"] + item["height"] <= shown["y"] + shown["height"]
