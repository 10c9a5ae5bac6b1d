"""Page images: size, thumbnails, grey pages, deterministic bytes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
from test_epaper_synthetic import make_issue  # noqa: E402

from epaper.render.images import as_gray_if_gray, encode, image_ext, write_page_images  # noqa: E402


def test_colour_image_stays_rgb_and_grey_image_becomes_one_channel():
    grey = Image.new("RGB", (4, 4), (128, 128, 128))
    assert as_gray_if_gray(grey).mode == "L"
    red = grey.copy()
    red.putpixel((3, 3), (200, 10, 10))
    assert as_gray_if_gray(red).mode == "RGB"


def test_images_and_thumbnails_at_the_requested_dpi(tmp_path):
    _, out_dir = make_issue(tmp_path)
    images = write_page_images(out_dir, [1, 2], dpi=100)
    assert [i.image for i in images] == ["pages/01.png", "pages/02.png"]
    with Image.open(out_dir / "pages/01.png") as im:
        assert im.size == (images[0].width, images[0].height) == (584, 834)  # 420x600 pt
        assert im.mode == "L"  # the synthetic pages have no colour
    with Image.open(out_dir / "pages/01.thumb.png") as th:
        assert th.size == (200, 286)


def test_encoding_carries_no_metadata_and_is_repeatable():
    image = Image.new("RGB", (30, 20), (10, 200, 30))
    png = encode(image, "png")
    assert png == encode(image, "png")
    assert b"tIME" not in png and b"tEXt" not in png
    jpeg = encode(image, "jpeg")
    assert jpeg[:2] == b"\xff\xd8" and b"Exif" not in jpeg


def test_unknown_format_and_bad_dpi_are_refused(tmp_path):
    with pytest.raises(ValueError, match="gif"):
        image_ext("gif")
    with pytest.raises(ValueError, match="dpi"):
        write_page_images(tmp_path, [1], dpi=0)


def test_a_pool_of_workers_writes_the_same_bytes_as_one_process(tmp_path, monkeypatch):
    from epaper.render import images

    # Other tests may leave an idle daemon thread (Playwright's waitpid watcher), which
    # makes the pool fall back to one process; this test is about the pool itself.
    monkeypatch.setattr(images.threading, "active_count", lambda: 1)
    _, out_dir = make_issue(tmp_path)
    pages = ["pages/01.png", "pages/01.thumb.png", "pages/02.png", "pages/02.thumb.png"]
    alone = write_page_images(out_dir, [1, 2], dpi=60, jobs=1)
    first = {p: (out_dir / p).read_bytes() for p in pages}
    pooled = write_page_images(out_dir, [1, 2], dpi=60, jobs=2)
    assert pooled == alone
    assert {p: (out_dir / p).read_bytes() for p in pages} == first


def test_workers_are_capped_and_refused_while_other_threads_run(monkeypatch):
    from epaper.render import images

    monkeypatch.setattr(images.threading, "active_count", lambda: 1)
    assert images._workers(8, 1) == 1
    if sys.platform.startswith("linux"):
        assert images._workers(3, 4) == 3  # never more workers than pages
    monkeypatch.setattr(images.threading, "active_count", lambda: 2)
    assert images._workers(8, 4) == 1  # a forked child could inherit a lock held mid-call


def _workers_in_daemon(queue) -> None:
    from epaper.render import images

    queue.put(images._workers(8, 4))


def test_a_daemonic_worker_makes_its_images_in_process():
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_workers_in_daemon, args=(queue,), daemon=True)
    child.start()
    got = queue.get(timeout=60)
    child.join(timeout=60)
    assert got == 1  # daemonic processes may not start a pool of their own


@pytest.mark.parametrize("dpi", [72, 100, 150, 300])
def test_expected_sizes_are_the_sizes_written(tmp_path, dpi):
    """The site is written from the sizes the images will have, while they render."""
    from epaper.render.images import start_page_images

    _, out_dir = make_issue(tmp_path)
    pending = start_page_images(out_dir, [1, 2], dpi=dpi, jobs=2)
    assert pending.expected() == pending.result()
