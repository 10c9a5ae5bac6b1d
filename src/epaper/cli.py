"""Command line: ``epaper build``, ``epaper rebuild`` and ``epaper import``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import __version__


def _build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, run_build

    options = BuildOptions(dpi=args.dpi, image_format=args.image_format, site=not args.no_site,
                           images=not args.no_images)
    return run_build(Path(args.issue_dir), Path(args.out), options)


def _rebuild(args: argparse.Namespace) -> int:
    from .build import BuildOptions
    from .rebuild import RebuildOptions, run_rebuild

    build = BuildOptions(dpi=args.dpi, image_format=args.image_format, site=not args.no_site,
                         images=not args.no_images)
    options = RebuildOptions(date_from=args.date_from, date_to=args.date_to,
                             force=args.force, verify=args.verify, scheduler=args.scheduler,
                             build=build, **({"jobs": args.jobs} if args.jobs else {}))
    return run_rebuild(Path(args.issues_root), Path(args.out), options)


def _date(value: str) -> date:
    """A YYYY-MM-DD date."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _jobs(value: str) -> int:
    """A number of parallel builds, at least 1."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{jobs}: at least one job")
    return jobs


def _import_scraped(args: argparse.Namespace) -> int:
    from .importers.scraped import run_import_scraped

    return run_import_scraped(Path(args.file), args.date, Path(args.out),
                              allow_damaged=args.allow_damaged, lang=args.lang,
                              paper=args.paper, serial=args.serial)


def _import_pd1998(args: argparse.Namespace) -> int:
    from .importers.pd1998 import run_import_pd1998

    return run_import_pd1998(Path(args.file), Path(args.out))


def _dpi(value: str) -> int:
    """A page image resolution the rasteriser accepts (10-600 dpi)."""
    try:
        dpi = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 10 <= dpi <= 600:
        raise argparse.ArgumentTypeError(f"{dpi} is outside 10-600 dpi")
    return dpi


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every command (also used for --help docs)."""
    parser = argparse.ArgumentParser(
        prog="epaper",
        description="Lay out a Chinese daily newspaper: print PDFs and the e-paper "
                    "(page images, hot zones, reader site) from one issue folder.")
    parser.add_argument("--version", action="version", version=f"epaper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build", help="build an issue folder into PDFs and the e-paper",
        description="Build ISSUE_DIR (issue.yaml, articles/, photos/) into OUT/<date>/: "
                    "the issue PDF, one PDF and image per page, issue.json and the "
                    "reader site. Exits non-zero when the inputs have errors.")
    build.add_argument("issue_dir", metavar="ISSUE_DIR", help="the issue folder, e.g. "
                       "issues/2023-01-10")
    build.add_argument("-o", "--out", default="out", metavar="OUT",
                       help="output root folder (default: ./out)")
    build.add_argument("--dpi", type=_dpi, default=150,
                       help="page image resolution in dots per inch, 10-600 (default: 150)")
    build.add_argument("--image-format", choices=("png", "jpeg"), default="png",
                       help="page image format (default: png)")
    build.add_argument("--no-images", action="store_true",
                       help="skip page images (and the reader site, which needs them)")
    build.add_argument("--no-site", action="store_true", help="skip the reader site")
    build.set_defaults(func=_build)

    rebuild = sub.add_parser(
        "rebuild", help="build many issue folders: parallel, incremental, verifiable",
        description="Build every issue folder ISSUES_ROOT/<YYYY-MM-DD>/ in the date range "
                    "into OUT/<date>/ and refresh the archive index OUT/index.html. An "
                    "issue whose inputs, template, fonts and software are unchanged since "
                    "its last build is skipped. Exits 1 when any issue failed (the others "
                    "are built) or, with --verify, when any file differs.")
    rebuild.add_argument("issues_root", metavar="ISSUES_ROOT",
                         help="the folder of issue folders, e.g. issues/")
    rebuild.add_argument("-o", "--out", required=True, metavar="OUT",
                         help="output root folder")
    rebuild.add_argument("--from", dest="date_from", type=_date, metavar="DATE",
                         help="first issue date, YYYY-MM-DD (default: the earliest)")
    rebuild.add_argument("--to", dest="date_to", type=_date, metavar="DATE",
                         help="last issue date, YYYY-MM-DD (default: the latest)")
    rebuild.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                         help="issues built at once (default: the usable cores)")
    rebuild.add_argument("--force", action="store_true",
                         help="rebuild every issue in the range, changed or not")
    rebuild.add_argument("--verify", action="store_true",
                         help="rebuild into a temporary folder and compare every file with "
                              "OUT; change nothing; exit 1 when any differ")
    rebuild.add_argument("--scheduler", metavar="ADDRESS",
                         help="run the builds on a Dask cluster, e.g. tcp://10.0.0.5:8786 "
                              "(needs pip install 'epaper[cluster]'; OUT and ISSUES_ROOT on "
                              "a file system the workers share)")
    rebuild.add_argument("--dpi", type=_dpi, default=150,
                         help="page image resolution in dots per inch, 10-600 (default: 150)")
    rebuild.add_argument("--image-format", choices=("png", "jpeg"), default="png",
                         help="page image format (default: png)")
    rebuild.add_argument("--no-images", action="store_true",
                         help="skip page images (and the reader site, which needs them)")
    rebuild.add_argument("--no-site", action="store_true", help="skip the reader site")
    rebuild.set_defaults(func=_rebuild)

    imp = sub.add_parser("import", help="turn external sources into issue folders",
                         description="Import articles from scraped web pages or the "
                                     "People's Daily 1998 archive into an issue folder.")
    isub = imp.add_subparsers(dest="source", required=True, metavar="SOURCE")
    scraped = isub.add_parser(
        "scraped", help="one scraped article page (the seed's format)",
        description="Import one scraped article into ISSUE folder OUT, creating or "
                    "extending its issue.yaml. Damaged passages are reported with line "
                    "and column; the import fails unless --allow-damaged.")
    scraped.add_argument("file", metavar="FILE", help="the scraped text file")
    scraped.add_argument("--date", required=True, help="issue date, YYYY-MM-DD")
    scraped.add_argument("-o", "--out", required=True, metavar="OUT",
                         help="issue folder to write, e.g. issues/2023-01-10/")
    scraped.add_argument("--allow-damaged", action="store_true",
                         help="keep each lost character as 〓 (U+3013) with a warning")
    scraped.add_argument("--lang", choices=("zh-Hans", "zh-Hant"),
                         help="the article's script (default: detected from the text)")
    scraped.add_argument("--paper", help="報名 for a new issue.yaml (default: the page's "
                                         "source line)")
    scraped.add_argument("--serial", help="刊號 for a new issue.yaml, e.g. 'CN 37-0052'")
    scraped.set_defaults(func=_import_scraped)
    pd = isub.add_parser(
        "pd1998", help="one day of the People's Daily 1998 corpus (JSON)",
        description="Import one day of the People's Daily January 1998 corpus as an "
                    "issue folder of 人民日报 (zh-Hans, broadsheet).")
    pd.add_argument("file", metavar="DAY.json", help="the corpus day file")
    pd.add_argument("-o", "--out", required=True, metavar="OUT",
                    help="issue folder to write, e.g. issues/1998-01-01/")
    pd.set_defaults(func=_import_pd1998)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``epaper`` console script."""
    args = make_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
