"""Regenerate the README images from a built ``out/``.

    python tools/screenshots.py [--out out] [--date 2023-01-10]

Writes ``docs/img/page1.png`` (page 1 of the issue, 600 px wide) and
``docs/img/reader.png`` (the reader in headless Chromium, the lead story's zone
highlighted), each kept under 150 KB by reducing colours. Needs Chromium at
/usr/bin/chromium and a CJK font for it (Debian: ``apt-get install chromium
fonts-noto-cjk``). Run ``make demo`` first.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
LIMIT = 150_000  # bytes: README images must stay small


def small_png(image: Image.Image, width: int) -> bytes:
    """``image`` scaled to ``width`` and saved as a palette PNG under LIMIT bytes."""
    height = round(image.height * width / image.width)
    image = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    for colors in (256, 128, 64, 32, 16):
        buf = io.BytesIO()
        image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                       dither=Image.Dither.NONE).save(buf, "PNG", optimize=True)
        if buf.tell() < LIMIT:
            return buf.getvalue()
    raise SystemExit(f"screenshots: cannot get a {width} px image under {LIMIT} bytes")


def newest_issue(out: Path) -> Path:
    """The folder of the newest issue in ``out`` that has a reader site."""
    issues = sorted(p.parent for p in out.glob("*/issue.json"))
    if not issues:
        raise SystemExit(f"screenshots: no issue in {out}; run `make demo` first")
    return issues[-1]


def reader_screenshot(issue_dir: Path) -> Image.Image:
    """The reader on page 1 with the pointer on the lead story."""
    from playwright.sync_api import sync_playwright

    manifest = json.loads((issue_dir / "issue.json").read_text("utf-8"))
    lead = next(a for a in manifest["articles"] if a["regions"] and a["page"] == 1)
    rect = lead["regions"][0]["rects_px"][0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((issue_dir / "index.html").as_uri())
        page.wait_for_load_state("load")
        box = page.locator("#page-image").bounding_box()
        s = box["width"] / manifest["pages"][0]["size_px"]["width"]
        page.mouse.move(box["x"] + (rect["x"] + rect["w"] / 2) * s,
                        box["y"] + (rect["y"] + min(rect["h"] / 2, 80)) * s)
        page.wait_for_timeout(400)  # let the highlight's fade-in finish
        png = page.screenshot()
        browser.close()
    return Image.open(io.BytesIO(png))


def main(argv: list[str] | None = None) -> int:
    """Write docs/img/page1.png and docs/img/reader.png."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out"), help="built output root")
    parser.add_argument("--date", help="issue folder to use (default: the newest)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    issue_dir = out / args.date if args.date else newest_issue(out)
    manifest = json.loads((issue_dir / "issue.json").read_text("utf-8"))
    target = ROOT / "docs" / "img"
    target.mkdir(parents=True, exist_ok=True)
    with Image.open(issue_dir / manifest["pages"][0]["image"]) as page1:
        (target / "page1.png").write_bytes(small_png(page1, 600))
    if not Path(CHROMIUM).exists():
        print("screenshots: no Chromium at /usr/bin/chromium (apt-get install chromium); "
              "wrote page1.png only", file=sys.stderr)
        return 1
    (target / "reader.png").write_bytes(small_png(reader_screenshot(issue_dir), 960))
    for name in ("page1.png", "reader.png"):
        print(f"wrote {target / name} ({(target / name).stat().st_size // 1000} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
