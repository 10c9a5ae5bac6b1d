"""The e-paper of the real sample issue (the session's one full build)."""

from __future__ import annotations


def test_every_file_named_in_issue_json_exists(built_manifest):
    out_dir, manifest = built_manifest
    names = [manifest["pdf"], manifest["index"]]
    for page in manifest["pages"]:
        names += [page["pdf"], page["image"], page["thumb"], page["html"]]
    names += [a["view"] for a in manifest["articles"]]
    missing = [n for n in names if not (out_dir / n).is_file()]
    assert not missing


def test_every_article_has_a_region_inside_its_page_and_a_view(built_manifest):
    out_dir, manifest = built_manifest
    pages = {p["number"]: p for p in manifest["pages"]}
    for article in manifest["articles"]:
        assert article["regions"], f"{article['id']} has no hot zone"
        assert (out_dir / article["view"]).is_file()
        for region in article["regions"]:
            size = pages[region["page"]]["size_px"]
            for r in region["rects_px"]:
                assert r["w"] > 0 and r["h"] > 0
                assert r["x"] + r["w"] <= size["width"] and r["y"] + r["h"] <= size["height"]


def test_page_images_match_the_page_size_at_150_dpi(built_manifest):
    _, manifest = built_manifest
    for page in manifest["pages"]:
        w_pt, w_px = page["size_pt"]["width"], page["size_px"]["width"]
        assert abs(w_px - w_pt * 150 / 72) < 1
        assert page["thumb_px"]["width"] == 200


def test_lead_story_of_page_one_is_listed_first(built_manifest):
    _, manifest = built_manifest
    first = manifest["pages"][0]["articles"][0]["id"]
    lead = next(a for a in manifest["articles"] if a["id"] == first)
    assert lead["page"] == 1 and lead["regions"][0]["page"] == 1
