"""write_epaper on a synthetic issue: files, manifest, hot zones, site structure."""

from __future__ import annotations

import json
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_epaper_synthetic import DATE, make_issue  # noqa: E402

from epaper.render.epaper import write_epaper  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("epaper")
    layout, out_dir = make_issue(tmp)
    written = write_epaper(layout, out_dir)
    manifest = json.loads((out_dir / "issue.json").read_text("utf-8"))
    return layout, out_dir, manifest, written


class _Links(HTMLParser):
    """Collects href/src values, hot-zone links, h1s and the html lang."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.zones: list[dict[str, str]] = []
        self.lang = ""
        self.maps: list[str] = []
        self.h1 = 0
        self.icons: list[str] = []
        self.imgs_without_alt = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "map":
            self.maps.append(a.get("name", ""))
        if tag == "a" and "zone" in (a.get("class") or "").split():
            self.zones.append(a)
        if tag == "h1":
            self.h1 += 1
        if tag == "link" and a.get("rel") == "icon":
            self.icons.append(a.get("href", ""))
            return
        if tag == "img" and not a.get("alt"):
            self.imgs_without_alt += 1
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append(a[key])
        for key in ("srcset",):
            if a.get(key):
                self.refs += [part.split()[0] for part in a[key].split(",")]


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_every_file_named_in_issue_json_exists(built):
    _, out_dir, manifest, _ = built
    names = [manifest["pdf"], manifest["index"]]
    for page in manifest["pages"]:
        names += [page["pdf"], page["image"], page["thumb"], page["html"]]
    names += [a["view"] for a in manifest["articles"]]
    for name in names:
        assert (out_dir / name).is_file(), name


def test_written_paths_exist_and_include_manifest(built):
    _, out_dir, _, written = built
    assert out_dir / "issue.json" in written
    assert all(p.is_file() for p in written)
    assert not list(out_dir.rglob("*.tmp")), "temporary files left behind"


def test_regions_lie_inside_their_page_in_points_and_pixels(built):
    _, _, manifest, _ = built
    pages = {p["number"]: p for p in manifest["pages"]}
    for article in manifest["articles"]:
        for region in article["regions"]:
            page = pages[region["page"]]
            for r in region["rects_pt"]:
                assert 0 <= r["x"] and r["x"] + r["w"] <= page["size_pt"]["width"]
                assert 0 <= r["y"] and r["y"] + r["h"] <= page["size_pt"]["height"]
            for r in region["rects_px"]:
                assert 0 <= r["x"] and r["x"] + r["w"] <= page["size_px"]["width"]
                assert 0 <= r["y"] and r["y"] + r["h"] <= page["size_px"]["height"]


def test_pixel_regions_are_point_regions_scaled_by_dpi(built):
    _, _, manifest, _ = built
    scale = manifest["images"]["dpi"] / 72
    lead = manifest["articles"][0]
    pt, px = lead["regions"][0]["rects_pt"][0], lead["regions"][0]["rects_px"][0]
    assert (pt["x"], pt["y"], pt["w"], pt["h"]) == (20, 60, 380, 200)
    for key in "xywh":
        assert abs(px[key] - pt[key] * scale) <= 1


def test_image_size_is_the_pdf_page_at_the_dpi(built):
    _, _, manifest, _ = built
    page = manifest["pages"][0]
    assert page["size_px"] == {"width": math.ceil(420 * 150 / 72),
                               "height": math.ceil(600 * 150 / 72)}
    assert page["thumb_px"]["width"] == 200


def test_every_article_has_a_region_and_a_view(built):
    layout, out_dir, manifest, _ = built
    assert [a["id"] for a in manifest["articles"]] == [v.article_id for v in layout.articles]
    for article in manifest["articles"]:
        assert article["regions"], article["id"]
        assert (out_dir / article["view"]).is_file()
    assert not [w for w in manifest["warnings"] if "no region" in w]


def test_manifest_records_continuation_and_pages(built):
    _, _, manifest, _ = built
    lead = manifest["articles"][0]
    assert lead["continued_on"] == 2 and lead["pages"] == [1, 2]
    assert [(r["page"], r["continuation"]) for r in lead["regions"]] == [(1, False), (2, True)]


def test_manifest_carries_warnings_and_report(built):
    _, _, manifest, _ = built
    assert manifest["warnings"][:2] == ["issue warning", "第2版: sample warning"]
    report = manifest["pages"][0]["report"]
    assert report["fill_ratio"] == 0.8 and report["blocks"][0]["article"] == "lead"


def test_manifest_text_is_readable_chinese_with_fixed_key_order(built):
    _, out_dir, manifest, _ = built
    text = (out_dir / "issue.json").read_text("utf-8")
    assert "聊城日報" in text and "\\u" not in text
    assert list(manifest)[:4] == ["format", "paper", "date", "lang"]


def _percent(style: str) -> dict[str, float]:
    return {k: float(v.rstrip("%")) for k, v in
            (part.split(":") for part in style.strip(";").split(";"))}


def test_hot_zones_are_links_placed_in_percent_of_the_image(built):
    _, out_dir, manifest, _ = built
    html = _parse(out_dir / "page-01.html")
    assert html.lang == "zh-Hant" and html.maps == []  # no image map: works without script
    assert [a["href"] for a in html.zones] == ["articles/lead.html"] * 2 + ["articles/second.html"]
    size = manifest["pages"][0]["size_px"]
    rect = manifest["articles"][0]["regions"][0]["rects_px"][0]
    box = _percent(html.zones[0]["style"])
    assert abs(box["left"] - 100 * rect["x"] / size["width"]) < 1e-3
    assert abs(box["top"] - 100 * rect["y"] / size["height"]) < 1e-3
    assert abs(box["width"] - 100 * rect["w"] / size["width"]) < 1e-3
    assert abs(box["height"] - 100 * rect["h"] / size["height"]) < 1e-3
    # one tab stop per article, not per rectangle
    assert html.zones[1].get("tabindex") == "-1" and "tabindex" not in html.zones[0]
    assert html.zones[0]["aria-label"] == "致敬警察節　矢志不渝做忠誠衛士"


def test_page_image_offers_webp_widths_with_the_png_as_fallback(built):
    _, out_dir, manifest, _ = built
    page = manifest["pages"][0]
    assert [w["width"] for w in page["webp"]] == [800, page["size_px"]["width"]]
    assert [w["width"] for w in page["thumb_webp"]] == [200, 400]
    for w in page["webp"] + page["thumb_webp"]:
        data = (out_dir / w["src"]).read_bytes()
        assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    text = (out_dir / "page-01.html").read_text("utf-8")
    assert 'srcset="pages/01.w800.webp 800w, pages/01.webp 875w"' in text
    assert '<source type="image/webp"' in text and 'src="pages/01.png"' in text
    assert text.count('loading="lazy"') == len(manifest["pages"])  # every thumbnail


@pytest.mark.parametrize("name", ["index.html", "page-01.html", "page-02.html",
                                  "articles/lead.html", "articles/third.html"])
def test_site_links_resolve_and_images_have_alt_text(built, name):
    _, out_dir, _, _ = built
    html = _parse(out_dir / name)
    assert html.imgs_without_alt == 0
    assert html.h1 == 1, "every view has one h1"
    assert html.icons and html.icons[0].startswith("data:image/svg+xml,")
    for ref in html.refs:
        if ref.startswith("#"):
            continue
        target = (out_dir / name).parent / ref.split("#")[0]
        assert target.resolve().is_file(), f"{name}: {ref}"


def test_article_view_shows_headline_system_and_escapes_text(built):
    _, out_dir, _, _ = built
    lead = (out_dir / "articles/lead.html").read_text("utf-8")
    for text in ("致敬警察節", "矢志不渝做忠誠衛士", "——寫在警察節到來之際", "本報記者 王軍豪",
                 "寒冬臘月", "聚焦主責<br>利劍錚錚", "接警中心", "圖片暫缺", "【編輯：任玉偉】"):
        assert text in lead, text
    third = (out_dir / "articles/third.html").read_text("utf-8")
    assert "&lt;/script&gt;&lt;b&gt;" in third and "外貿&lt;新高&gt;&amp;" in third
    page2 = (out_dir / "page-02.html").read_text("utf-8")
    data = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page2,
                     re.S).group(1)
    assert json.loads(data)["zones"][1]["title"] == "外貿<新高>&"


def test_article_navigation_goes_back_to_its_page_and_between_articles(built):
    _, out_dir, _, _ = built
    hrefs = _parse(out_dir / "articles/second.html").refs
    assert "../page-01.html" in hrefs and "lead.html" in hrefs and "third.html" in hrefs


def test_archive_lists_the_issue(built):
    _, out_dir, _, _ = built
    archive = out_dir.parent / "index.html"
    text = archive.read_text("utf-8")
    assert f'href="{DATE}/index.html"' in text and "<h1>聊城日報 往期報紙</h1>" in text


def test_archive_lists_every_built_issue_newest_first(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir, site=True)
    (tmp_path / "out" / "broken").mkdir()
    (tmp_path / "out" / "broken" / "issue.json").write_text("{not json", "utf-8")
    (tmp_path / "out" / "odd").mkdir()
    (tmp_path / "out" / "odd" / "issue.json").write_text(
        '{"format": "epaper-issue/1", "index": "index.html", "pages": 3}', "utf-8")
    other = tmp_path / "out" / "2023-01-11"
    other.mkdir()
    manifest = json.loads((out_dir / "issue.json").read_text("utf-8"))
    manifest["date"], manifest["paper"] = "2023-01-11", "人民日報"
    (other / "issue.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    write_epaper(layout, out_dir)
    text = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert text.index("2023-01-11/index.html") < text.index("2023-01-10/index.html")
    assert "broken" not in text and "odd/" not in text
    assert "<h1>往期回顧</h1>" in text  # two papers share the output root


def test_same_inputs_give_the_same_bytes(tmp_path):
    trees = []
    for name in ("a", "b"):
        layout, out_dir = make_issue(tmp_path / name)
        write_epaper(layout, out_dir)
        root = out_dir.parent
        trees.append({p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*"))
                      if p.is_file() and not p.name.endswith(".pdf")})
    assert trees[0].keys() == trees[1].keys() and trees[0] == trees[1]


def test_simplified_issue_gets_simplified_interface(tmp_path):
    layout, out_dir = make_issue(tmp_path, lang="zh-Hans")
    write_epaper(layout, out_dir)
    html = (out_dir / "index.html").read_text("utf-8")
    assert 'lang="zh-Hans"' in html and "版面导航" in html and "版面導航" not in html


def test_jpeg_option_and_no_site(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir, image_format="jpeg", site=False, dpi=72)
    manifest = json.loads((out_dir / "issue.json").read_text("utf-8"))
    assert manifest["images"] == {"format": "jpeg", "dpi": 72, "origin": "top-left, y downwards"}
    assert (out_dir / "pages/01.jpg").read_bytes()[:2] == b"\xff\xd8"
    assert manifest["index"] is None and not (out_dir / "index.html").exists()
    assert manifest["pages"][0]["size_px"] == {"width": 420, "height": 600}
    assert manifest["pages"][0]["webp"] == [] and not list(out_dir.glob("pages/*.webp"))


def test_missing_page_pdf_is_reported_by_name(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    (out_dir / "pages/02.pdf").unlink()
    with pytest.raises(FileNotFoundError, match="02.pdf"):
        write_epaper(layout, out_dir)


def test_rebuild_removes_files_of_pages_and_articles_no_longer_there(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir)
    (out_dir / "page-09.html").write_text("old", "utf-8")
    (out_dir / "articles" / "gone.html").write_text("old", "utf-8")
    write_epaper(layout, out_dir, image_format="jpeg")
    assert not (out_dir / "page-09.html").exists()
    assert not (out_dir / "articles" / "gone.html").exists()
    assert not list((out_dir / "pages").glob("*.png"))
    assert (out_dir / "pages" / "01.pdf").exists() and (out_dir / "page-01.html").exists()


def test_unreadable_photo_becomes_a_placeholder_with_a_warning(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    write_epaper(layout, out_dir)
    manifest = json.loads((out_dir / "issue.json").read_text("utf-8"))
    assert any("photo.jpg: photo cannot be read" in w for w in manifest["warnings"])
    assert (out_dir / "articles/lead.html").read_text("utf-8").count('class="photo missing"') == 2
