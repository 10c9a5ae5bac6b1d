#!/usr/bin/env python3
"""Rebuild the bundled fonts in ``fonts/`` from pinned Debian packages.

Usage::

    .venv/bin/python tools/build_fonts.py [--work /tmp/epaper-fonts] [--out fonts]

Steps (see docs/fonts.md in the shared docs for the measured facts behind them):

1. ``apt-get download`` the pinned versions of fonts-noto-cjk, fonts-lxgw-wenkai,
   fonts-arphic-ukai and unicode-data into the work directory, check each .deb's
   sha256, unpack with ``dpkg-deb -x`` (nothing is installed).
2. Build two repertoires: SC (all of GB 2312, the 通用规范汉字表 8105 from Unihan
   ``kTGH``, symbols) and TC (all of Big5, symbols).
3. Subset each face with fontTools (layout features ``vert vrt2 halt palt vhal vpal
   kern``, no ``locl``: ReportLab maps by code point and never reaches locl glyphs),
   convert CFF outlines to TrueType with cu2qu (ReportLab refuses CFF), rename the
   WenKai subset (OFL Reserved Font Names), pin timestamps.
4. Write ``fonts/<key>.ttf``, ``fonts/<key>.metrics.json`` (widths + coverage for
   fast loading by ``epaper.fonts``), ``fonts/manifest.yaml`` and licence files.
5. Write ``fonts/<key>.rlface``: ReportLab's parse of each face, restored by
   ``epaper.render.reportlab_adapter`` instead of parsing the .ttf at every build.
   ``--tables-only`` does only this step (seconds; after a ReportLab upgrade).

The output is byte-identical between runs (checked: two full runs and the committed
fonts/ have the same sha256 for all 20 files). A full build takes 2–3.5 minutes on
2 cores; ``--only KEY ...`` rebuilds some faces and keeps the others' metrics.
Faces are built one at a time on purpose: each Noto face peaks at ~320 MB and two
conversions in parallel are no faster.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent

# package -> (version, .deb file name as apt-get download writes it, sha256)
PACKAGES: dict[str, tuple[str, str, str]] = {
    "fonts-noto-cjk": (
        "1:20220127+repack1-1",
        "fonts-noto-cjk_1%3a20220127+repack1-1_all.deb",
        "4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502",
    ),
    "fonts-lxgw-wenkai": (
        "1.250+repack-1",
        "fonts-lxgw-wenkai_1.250+repack-1_all.deb",
        "6d1e4c4aac78ad32062aefa2c836ee4d6e58f9dcf8b3f4407c9eefe304615318",
    ),
    "fonts-arphic-ukai": (
        "0.2.20080216.2-5",
        "fonts-arphic-ukai_0.2.20080216.2-5_all.deb",
        "b9db73184895b067f7911f9adbf3b137df99c2d4ec5425b4ad779a9834b7110b",
    ),
    "unicode-data": (
        "15.0.0-1",
        "unicode-data_15.0.0-1_all.deb",
        "5efef23bbb1c6a133ecbdd63a2cfa07159ccacf5466a49e2426101c5ecd691fc",
    ),
}

NOTO = "usr/share/fonts/opentype/noto"
FEATURES = ["vert", "vrt2", "halt", "palt", "vhal", "vpal", "kern"]
MAX_ERR = 1.0  # cu2qu tolerance in font units (of 1000)


@dataclass(frozen=True)
class Face:
    """One bundled face: where it comes from and what it is called."""

    key: str
    source: str  # path inside the unpacked packages
    index: int  # face number in a .ttc
    script: str  # "SC" or "TC"
    repertoire: str  # key into repertoires(): "SC", "TC" or "TC1"
    rename: tuple[str, str, str] | None = None  # (family, full name, PostScript name)


FACES: tuple[Face, ...] = (
    Face("serif-sc", f"{NOTO}/NotoSerifCJK-Regular.ttc", 2, "SC", "SC"),
    Face("serif-tc", f"{NOTO}/NotoSerifCJK-Regular.ttc", 3, "TC", "TC"),
    Face("serif-bold-sc", f"{NOTO}/NotoSerifCJK-Bold.ttc", 2, "SC", "SC"),
    Face("serif-bold-tc", f"{NOTO}/NotoSerifCJK-Bold.ttc", 3, "TC", "TC"),
    Face("sans-bold-sc", f"{NOTO}/NotoSansCJK-Bold.ttc", 2, "SC", "SC"),
    Face("sans-bold-tc", f"{NOTO}/NotoSansCJK-Bold.ttc", 3, "TC", "TC"),
    # OFL Reserved Font Names "霞鹜" and "LXGW": a subset is a Modified Version.
    Face(
        "kai-sc",
        "usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
        0,
        "SC",
        "SC",
        ("Epaper Kai SC", "Epaper Kai SC Regular", "EpaperKaiSC-Regular"),
    ),
    # Face 2 of ukai.ttc is "AR PL UKai TW": centred punctuation for zh-Hant.
    # UKai's outlines are heavy (all of Big5: 10 MB), so it keeps Big5 level 1
    # (5,401 常用字) only; editor's notes are short and fall back to serif-tc.
    Face("kai-tc", "usr/share/fonts/truetype/arphic/ukai.ttc", 2, "TC", "TC1"),
)

SYMBOLS = "●○■□▲△◆◇★☆※→"


def sh(*cmd: str, cwd: Path | None = None) -> None:
    """Run a command, failing loudly."""
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(work: Path) -> Path:
    """Download (if needed), verify and unpack the pinned packages; return the root."""
    debs = work / "debs"
    root = work / "root"
    debs.mkdir(parents=True, exist_ok=True)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    for name, (version, fname, digest) in PACKAGES.items():
        deb = debs / fname
        if not deb.exists():
            sh("apt-get", "download", f"{name}={version}", cwd=debs)
        got = sha256(deb)
        if got != digest:
            sys.exit(f"sha256 mismatch for {fname}: {got}, pinned {digest}")
        sh("dpkg-deb", "-x", str(deb), str(root))
    return root


def codec_chars(codec: str, leads: range, trails: list[int]) -> set[int]:
    """Every character a double-byte codec decodes (all rows, symbols included)."""
    out: set[int] = set()
    for a in leads:
        for b in trails:
            try:
                ch = bytes((a, b)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.add(ord(ch))
    return out


def gb2312_chars() -> set[int]:
    """All of GB 2312 (hanzi rows 16–87 and the symbol rows)."""
    return codec_chars("gb2312", range(0xA1, 0xF8), list(range(0xA1, 0xFF)))


def big5_chars(last_lead: int = 0xF9) -> set[int]:
    """All of Big5 as Python's codec knows it (up to lead byte ``last_lead``).

    Lead bytes A1–A3 are symbols, A4–C6 level 1 hanzi (常用字), C9–F9 level 2.
    """
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return codec_chars("big5", range(0xA1, last_lead + 1), trails)


def tgh_chars(root: Path) -> set[int]:
    """The 通用规范汉字表 (8105 hanzi): Unihan's kTGH field."""
    out: set[int] = set()
    path = root / "usr/share/unicode/Unihan_OtherMappings.txt.bz2"
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if "\tkTGH\t" in line:
                out.add(int(line.split("\t", 1)[0][2:], 16))
    if len(out) != 8105:
        sys.exit(f"expected 8105 kTGH characters, got {len(out)}")
    return out


def symbols() -> set[int]:
    """Punctuation, symbols and Latin shared by both repertoires."""
    out = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))  # Latin-1, printable
    out |= set(range(0x2000, 0x2070))  # general punctuation
    out |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    out |= set(range(0xFF00, 0xFFF0))  # half/full-width forms
    out |= set(range(0xFE10, 0xFE1A)) | set(range(0xFE30, 0xFE50))  # vertical forms
    out |= set(range(0x2460, 0x2474))  # ①–⑳
    out |= set(range(0x2160, 0x216C))  # Ⅰ–Ⅻ
    out |= {0x2E3A, 0x2E3B}  # ⸺ ⸻ two/three-em dashes (clreq)
    # Beyond fonts.md's list: every mark cjk-typesetting.md §2 names (− € ⋯ ℉ №, the
    # kana of class J), Greek and Cyrillic (W tokens), and the symbols news copy uses
    # (μ, Ω, ±, ≤, →, ℃): without them such text printed as placeholder boxes.
    out |= set(range(0x0370, 0x0400)) | set(range(0x0400, 0x0460))  # Greek, Cyrillic
    out |= set(range(0x20A0, 0x20C0))  # currency symbols (€)
    out |= set(range(0x2100, 0x2150))  # letterlike (℃ ℉ № ™)
    out |= set(range(0x2150, 0x2190))  # number forms (⅓, Ⅰ–Ⅻ, ⅰ–ⅻ)
    out |= set(range(0x2190, 0x2200))  # arrows
    out |= set(range(0x2200, 0x2300))  # mathematical operators (− ± ≤ ⋯)
    out |= set(range(0x2474, 0x2500))  # more enclosed alphanumerics
    out |= set(range(0x25A0, 0x2600))  # geometric shapes
    out |= set(range(0x2600, 0x2610))  # ★ ☆ ☎
    out |= set(range(0x3040, 0x3100)) | set(range(0x31F0, 0x3200))  # kana
    out |= {ord(c) for c in SYMBOLS}
    return out


def repertoires(root: Path) -> dict[str, set[int]]:
    """Code points to keep for SC and TC faces."""
    sym = symbols()
    return {
        "SC": gb2312_chars() | tgh_chars(root) | sym,
        "TC": big5_chars() | sym,
        "TC1": big5_chars(0xC6) | sym,
    }


def to_quadratic(font: TTFont) -> None:
    """Replace CFF outlines by TrueType glyf (fontTools' otf2ttf recipe, cu2qu)."""
    order = font.getGlyphOrder()
    gset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gset)
        # CFF contours run counter-clockwise, TrueType clockwise.
        gset[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:  # only meaningful with CFF; vmtx carries the origins
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(g, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentElements = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, ReportLab does not need them
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, full: str, ps: str) -> None:
    """Give a subset new names and drop localized family names (OFL RFN)."""
    name = font["name"]
    old = {"LXGW", "霞鹜"}
    name.names = [
        r
        for r in name.names
        if r.nameID not in (1, 3, 4, 6, 16, 17, 18, 21, 22)
        and not any(w in r.toUnicode() for w in old if r.nameID != 0)
    ]
    for nid, text in ((1, family), (2, "Regular"), (3, f"{ps};epaper subset"),
                      (4, full), (6, ps)):
        name.setName(text, nid, 3, 1, 0x409)
        name.setName(text, nid, 1, 0, 0)


def build_face(face: Face, root: Path, rep: set[int], out: Path) -> Path:
    """Subset, convert and save one face; return the written file."""
    src = TTFont(root / face.source, fontNumber=face.index, recalcTimestamp=False)
    created, modified = src["head"].created, src["head"].modified
    opts = subset.Options()
    opts.layout_features = FEATURES
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False  # PDFs never use TrueType hinting
    opts.drop_tables += ["FFTM", "DSIG", "BASE"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(rep))
    sub.subset(src)
    if "CFF " in src:
        to_quadratic(src)
    if face.rename:
        rename(src, *face.rename)
    head = src["head"]
    head.created, head.modified = created, modified  # reproducible bytes
    path = out / f"{face.key}.ttf"
    src.save(path)
    return path


def is_hanzi(cp: int) -> bool:
    """True for CJK unified/compatibility ideographs (ink boxes computed lazily)."""
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
    )


def metrics(face: Face, path: Path) -> dict:
    """Compact width/coverage table and face facts, read by epaper.fonts."""
    font = TTFont(path)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    glyf = font["glyf"]
    os2 = font["OS/2"]
    name = font["name"]
    cps = sorted(cmap)
    adv = [hmtx[cmap[c]][0] for c in cps]
    runs: list[list[int]] = []  # [advance, count] run-length over cps
    for a in adv:
        if runs and runs[-1][0] == a:
            runs[-1][1] += 1
        else:
            runs.append([a, 1])
    ink = {}
    for c in cps:
        if is_hanzi(c):
            continue
        g = glyf[cmap[c]]
        if g.numberOfContours:
            g.recalcBounds(glyf)
            ink[str(c)] = [g.xMin, g.yMin, g.xMax, g.yMax]
    deltas = [cps[0]] + [b - a for a, b in zip(cps, cps[1:], strict=False)]
    return {
        "key": face.key,
        "file": path.name,
        "family": name.getDebugName(1),
        "postscript": name.getDebugName(6),
        "weight": os2.usWeightClass,
        "script": face.script,
        "coverage": len(cps),
        "sha256": sha256(path),
        "units_per_em": font["head"].unitsPerEm,
        "ascent": os2.sTypoAscender,
        "descent": -os2.sTypoDescender,
        "codepoints": deltas,
        "advances": runs,
        "ink": ink,
    }


def copyright_of(path: Path) -> str:
    """Name ID 0 of a built face."""
    return TTFont(path, lazy=True)["name"].getDebugName(0) or ""


def ofl_text(root: Path) -> str:
    """The OFL 1.1 text as quoted in Noto's Debian copyright file."""
    lines = (root / "usr/share/doc/fonts-noto-cjk/copyright").read_text().splitlines()
    # The last "License: SIL-1.1" line starts the stand-alone licence paragraph.
    start = len(lines) - lines[::-1].index("License: SIL-1.1")
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def write_licences(root: Path, out: Path, infos: list[dict]) -> None:
    """OFL.txt, ARPHIC-LICENSE.txt and LICENSES.md (notices per face)."""
    (out / "OFL.txt").write_text(ofl_text(root))
    arphic = root / "usr/share/doc/fonts-arphic-ukai/license/english/ARPHICPL.TXT.gz"
    (out / "ARPHIC-LICENSE.txt").write_bytes(gzip.decompress(arphic.read_bytes()))
    md = [
        "# Bundled fonts: licences",
        "",
        "Built by `tools/build_fonts.py` from Debian bookworm packages "
        + ", ".join(f"{k} {v[0]}" for k, v in PACKAGES.items() if k.startswith("fonts"))
        + ". Each file is a subset (GB 2312 + 通用规范汉字表 + symbols for SC, Big5 + "
        "symbols for TC); Noto outlines were converted from CFF to TrueType.",
        "",
        "- Noto Serif CJK / Noto Sans CJK (serif-*, sans-bold-*): SIL Open Font License "
        "1.1, see OFL.txt. No Reserved Font Name.",
        "- kai-sc: a Modified Version of LXGW WenKai 1.250 under the SIL Open Font "
        "License 1.1 (OFL.txt). Renamed \"Epaper Kai SC\" because \"霞鹜\" and \"LXGW\" "
        "are Reserved Font Names. Copyright 2021-2022 lxgw <calxgw2018@gmail.com>.",
        "- kai-tc: AR PL UKai TW, Arphic Public License (ARPHIC-LICENSE.txt); "
        "subset, otherwise unmodified.",
        "",
        "## Copyright notices (name ID 0 of each file)",
        "",
    ]
    for info in infos:
        notice = copyright_of(out / info["file"]).replace("\r\n", "\n").strip()
        md += [f"### {info['key']} ({info['file']}, {info['family']})", "", notice, ""]
    (out / "LICENSES.md").write_text("\n".join(md))


def write_manifest(out: Path, infos: list[dict]) -> None:
    """fonts/manifest.yaml, written by hand so the bytes never depend on a yaml lib."""
    lines = ["# Generated by tools/build_fonts.py; do not edit.", "faces:"]
    for i in infos:
        lines += [
            f"  {i['key']}:",
            f"    file: {i['file']}",
            f"    family: \"{i['family']}\"",
            f"    postscript: {i['postscript']}",
            f"    weight: {i['weight']}",
            f"    script: {i['script']}",
            f"    coverage: {i['coverage']}",
            f"    sha256: {i['sha256']}",
            f"    metrics: {i['key']}.metrics.json",
        ]
    (out / "manifest.yaml").write_text("\n".join(lines) + "\n")


def write_rl_tables(out: Path) -> None:
    """Write ``<key>.rlface`` for every face: ReportLab's parse of the font, stored so
    that a build restores it in milliseconds (epaper.render.reportlab_adapter)."""
    sys.path.insert(0, str(ROOT / "src"))
    from epaper.render.reportlab_adapter import reportlab_release, write_face_table

    for face in FACES:
        path = write_face_table(out / f"{face.key}.ttf", out / f"{face.key}.rlface")
        print(f"{path.name}: {path.stat().st_size / 1e3:.0f} kB "
              f"(ReportLab {reportlab_release()})", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Build everything; print one line per face."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/epaper-fonts"))
    ap.add_argument("--out", type=Path, default=ROOT / "fonts")
    ap.add_argument("--only", nargs="*", help="face keys to build (default: all)")
    ap.add_argument("--tables-only", action="store_true",
                    help="only rewrite the precomputed ReportLab faces (<key>.rlface) "
                         "from the bundled .ttf files (after a ReportLab upgrade)")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    if args.tables_only:
        write_rl_tables(args.out)
        return 0
    root = fetch(args.work)
    reps = repertoires(root)
    args.out.mkdir(parents=True, exist_ok=True)
    infos = []
    for face in FACES:
        mpath = args.out / f"{face.key}.metrics.json"
        if args.only and face.key not in args.only:
            infos.append(json.loads(mpath.read_text()))
            continue
        t = time.monotonic()
        path = build_face(face, root, reps[face.repertoire], args.out)
        info = metrics(face, path)
        mpath.write_text(json.dumps(info, separators=(",", ":"), sort_keys=True) + "\n")
        infos.append(info)
        print(f"{face.key}: {info['coverage']} chars, {path.stat().st_size / 1e6:.1f} MB, "
              f"{time.monotonic() - t:.0f} s", flush=True)
    write_licences(root, args.out, infos)
    write_manifest(args.out, infos)
    write_rl_tables(args.out)
    print(f"done in {time.monotonic() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
