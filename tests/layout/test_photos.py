"""Photos: EXIF-aware sizes, crops to the frame, placeholders and resolution warnings."""

from __future__ import annotations

import pytest
from PIL import Image as PILImage

from epaper.display import Box, Image, TextRun
from epaper.layout import finalize, layout_drafts
from epaper.layout.config import load_layout
from epaper.layout.photos import PhotoInfo, crop_for, effective_dpi, photo_info

from .helpers import article, photo, plan


def _jpeg(path, size, orientation=1):
    im = PILImage.new("RGB", size, (120, 130, 140))
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    im.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_exif_rotation_swaps_width_and_height(tmp_path):
    info = photo_info(photo(_jpeg(tmp_path / "r.jpg", (400, 300), orientation=6)))
    assert (info.width, info.height) == (300, 400)
    assert photo_info(photo(_jpeg(tmp_path / "n.jpg", (400, 300)))).width == 400


def test_crop_keeps_the_frame_aspect_and_the_middle():
    tall = PhotoInfo("x", 600, 1200)
    left, top, right, bottom = crop_for(tall, 300, 200)
    assert (left, right) == (0, 600)
    assert (bottom - top) / (right - left) == pytest.approx(200 / 300)
    wide = PhotoInfo("x", 1200, 300)
    left, top, right, bottom = crop_for(wide, 100, 100)
    assert (top, bottom) == (0, 300) and right - left == pytest.approx(300)
    assert left == pytest.approx(450)
    assert effective_dpi((0, 0, 720, 10), 72) == pytest.approx(720)


def _lay(tmp_path, photos):
    art = article("p", [200, 150, 120], priority=1, photos=photos)
    p = plan([[art]])
    cfg = load_layout("tabloid")
    return finalize(p, cfg, layout_drafts(p, cfg)).pages[0]


def test_missing_photo_prints_a_placeholder_and_warns(tmp_path):
    page = _lay(tmp_path, [photo(tmp_path / "gone.jpg", caption="失蹤的照片")])
    assert not [it for it in page.items if isinstance(it, Image)]
    assert any(isinstance(it, Box) and it.fill for it in page.items)
    assert any("gone.jpg" in w and "placeholder" in w for w in page.warnings)
    caption = "".join(it.text for it in page.items
                      if isinstance(it, TextRun) and it.role == "caption")
    assert caption == "失蹤的照片"


def test_photo_declared_missing_prints_a_placeholder_without_a_second_warning(tmp_path):
    # ingest has warned about `missing: true` with the article's line already
    page = _lay(tmp_path, [photo(tmp_path / "later.jpg", missing=True)])
    assert any(isinstance(it, Box) and it.fill for it in page.items)
    assert not [w for w in page.warnings if "later.jpg" in w]


def test_low_resolution_warns_and_a_sharp_photo_does_not(tmp_path):
    # 150 px cannot reach 150 dpi even one column (126 pt) wide: it warns.
    small = _lay(tmp_path, [photo(_jpeg(tmp_path / "s.jpg", (150, 100)))])
    assert any("s.jpg" in w and "dpi" in w for w in small.warnings)
    sharp = _lay(tmp_path, [photo(_jpeg(tmp_path / "b.jpg", (4000, 2600)))])
    assert not [w for w in sharp.warnings if "dpi" in w]
    image = next(it for it in sharp.items if isinstance(it, Image))
    left, top, right, bottom = image.crop
    assert (right - left) / (bottom - top) == pytest.approx(image.w / image.h, rel=1e-3)
    g = load_layout("tabloid").grid
    # The frame sits in whole grid lines (a small inset above and below).
    lines = (image.h + 0.45 * g.pitch) / g.pitch
    assert lines == pytest.approx(round(lines), abs=1e-6)


def test_a_short_manual_height_is_kept_and_the_rest_jumps(tmp_path):
    from epaper.model import Placement

    art = article("m", [200, 150, 300], priority=1,
                  photos=[photo(_jpeg(tmp_path / "w.jpg", (4000, 3000)))])
    p = plan([[art, article("n", [100])], [article("o", [300])]],
             placements={"m": Placement(1, 2, 24)})
    cfg = load_layout("tabloid")
    lay = finalize(p, cfg, layout_drafts(p, cfg))
    page = lay.pages[0]
    block = next(b for b in page.report.blocks if b.article_id == "m")
    assert (block.span, block.lines) == (2, 24)
    image = next(it for it in page.items if isinstance(it, Image))
    rect = next(r for r in page.regions if r.article_id == "m").rects[0]
    assert image.y + image.h <= rect.y + rect.h
    assert [e.article_id for e in lay.pages[1].articles if e.continuation] == ["m"]


def _lead_photo(tmp_path, size, paragraphs=(400, 300, 300)):
    art = article("q", list(paragraphs), priority=1,
                  photos=[photo(_jpeg(tmp_path / f"q{size[0]}.jpg", size))])
    # A second page takes what does not fit the first.
    p = plan([[art], [article("r", [900] * 3)]])
    cfg = load_layout("tabloid")
    page = finalize(p, cfg, layout_drafts(p, cfg)).pages[0]
    image = next(it for it in page.items if isinstance(it, Image))
    block = page.report.blocks[0]
    return cfg, page, image, block


def test_photo_is_sized_to_print_sharp_not_blown_up(tmp_path):
    # 451 px: 257 dpi one column wide, 124 dpi at two, 82 at three. A story longer
    # than its page never blows the photo up past rules.photo_min_dpi.
    cfg, page, image, _ = _lead_photo(tmp_path, (451, 300), [900] * 5)
    assert effective_dpi(image.crop, image.w) >= cfg.rules.photo_min_dpi
    assert image.w <= cfg.grid.span_width(2) + 1e-6


def test_photos_take_at_most_a_third_of_their_block(tmp_path):
    # A sharp photo could span the page; it stays within rules.photo_share of the block.
    cfg, page, image, block = _lead_photo(tmp_path, (4000, 3000))
    g = cfg.grid
    block_area = g.span_width(block.span) * block.lines * g.pitch
    assert image.w * image.h <= cfg.rules.photo_share * block_area
    assert image.h / image.w <= 4 / 3 + 1e-6


def test_photo_extent_matches_the_shape_it_stands_for(tmp_path):
    # The option search sizes photos with photo_extent; the block is composed with
    # photo_shape: they must agree on every width, size and row grouping.
    from epaper.layout.block import Piece, photo_extent, photo_shape
    from epaper.layout.prepare import prepare

    cfg = load_layout("broadsheet")
    files = [_jpeg(tmp_path / f"{k}.jpg", size) for k, size in
             enumerate([(800, 600), (600, 900), (1600, 500), (400, 400)])]
    photos = [photo(f, caption="圖說" * (3 * k + 1)) for k, f in enumerate(files)]
    photos.append(photo(tmp_path / "gone.jpg", caption="失蹤"))  # a placeholder
    art = article("x", [200, 150], priority=1, photos=photos)
    whole = Piece(prepare(art, cfg))
    rest = Piece(whole.prep, 1, None, 1)
    seen = 0
    for piece in (whole, rest):
        for span in range(1, cfg.grid.columns + 1):
            for cols in range(0, span + 1):
                for per_row in (0, 2, 3):
                    for grow in range(-8, 45, 3):
                        shape = photo_shape.__wrapped__(piece, span, cols, cfg, grow, per_row)
                        assert photo_extent(piece, span, cols, cfg, grow, per_row) == \
                            (shape.tops, shape.cells)
                        seen += shape.cells > 0
    assert seen > 100
