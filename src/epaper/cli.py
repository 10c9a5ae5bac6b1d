"""Command line: ``epaper build``, ``epaper rebuild``, ``epaper serve`` and
``epaper import``.

No traceback reaches a user: every failure ends in ``path:line: …`` lines or one
``epaper: …`` line and an exit status documented in docs/cli.md (``--debug`` shows the
traceback as well).
"""

from __future__ import annotations

import argparse
import signal
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import InputError, printable

# Exit statuses (docs/cli.md).
EXIT_OK = 0
EXIT_INPUT = 1  # the inputs have errors (reported as path:line)
EXIT_USAGE = 2  # bad command line (argparse's own status)
EXIT_ENVIRONMENT = 3  # I/O or environment: unreadable, full or read-only output, locked
EXIT_INTERNAL = 4  # a bug in epaper: please report it with the --debug traceback
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), the shells' convention


def _build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, run_build

    options = BuildOptions(dpi=args.dpi, image_format=args.image_format, site=not args.no_site,
                           images=not args.no_images, site_url=args.site_url,
                           allow_overset=args.allow_overset, pdf=args.pdf,
                           output_intent=args.output_intent)
    return run_build(Path(args.issue_dir), Path(args.out), options)


def _serve(args: argparse.Namespace) -> int:
    from .build import BuildOptions
    from .serve import run_serve

    options = BuildOptions(dpi=args.dpi)
    return run_serve(Path(args.issue_dir), args.port, Path(args.out) if args.out else None,
                     options)


def _rebuild(args: argparse.Namespace) -> int:
    from .build import BuildOptions
    from .rebuild import RebuildOptions, run_rebuild

    build = BuildOptions(dpi=args.dpi, image_format=args.image_format, site=not args.no_site,
                         images=not args.no_images, pdf=args.pdf)
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
    parser.add_argument("--debug", action="store_true",
                        help="on an unexpected failure, print the full traceback too")
    # Also accepted after the command (epaper build --debug …); SUPPRESS keeps the
    # subcommand from resetting a --debug given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="on an unexpected failure, print the full traceback too")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build", parents=[common], help="build an issue folder into PDFs and the e-paper",
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
    build.add_argument("--site-url", metavar="URL",
                       help="address OUT will be published at, e.g. https://epaper.example.com/"
                            "; article views then get an absolute permalink and a QR code")
    build.add_argument("--allow-overset", action="store_true",
                       help="when copy fits no page, cut it, mark each cut 「（未完）」 in print "
                            "and list it (default: fail with the copy-fit report)")
    build.add_argument("--pdf", choices=("print", "archive", "screen"), default="print",
                       help="PDF profile: print (PDF/X-4, CMYK, for the plant), archive "
                            "(PDF/A-2u, sRGB) or screen (as drawn, RGB) (default: print)")
    build.add_argument("--output-intent", metavar="FILE.icc",
                       help="the printing plant's CMYK profile for --pdf print (default: "
                            "the shipped newsprint profile, CGATS TR 002 at 240%% ink)")
    build.set_defaults(func=_build)

    serve = sub.add_parser(
        "serve", help="preview an issue in the browser, rebuilt on every change",
        description="Build ISSUE_DIR, serve the reader on http://127.0.0.1:PORT/, watch "
                    "the issue folder and the reader templates, rebuild on every change "
                    "and reload the open pages. A failed build shows its errors (with "
                    "path:line) in the page. Ctrl-C stops.")
    serve.add_argument("issue_dir", metavar="ISSUE_DIR", help="the issue folder")
    serve.add_argument("--port", type=int, default=8000,
                       help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    serve.add_argument("-o", "--out", metavar="OUT",
                       help="output root (default: a temporary folder, removed on exit)")
    serve.add_argument("--dpi", type=_dpi, default=150,
                       help="page image resolution, 10-600 (default: 150)")
    serve.set_defaults(func=_serve)


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
    rebuild.add_argument("--pdf", choices=("print", "archive", "screen"), default="print",
                         help="PDF profile, as for build (default: print)")
    rebuild.set_defaults(func=_rebuild)

    imp = sub.add_parser("import", help="turn external sources into issue folders",
                         description="Import articles from scraped web pages or the "
                                     "People's Daily 1998 archive into an issue folder.")
    isub = imp.add_subparsers(dest="source", required=True, metavar="SOURCE")
    scraped = isub.add_parser(
        "scraped", parents=[common], help="one scraped article page (the seed's format)",
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
        "pd1998", parents=[common], help="one day of the People's Daily 1998 corpus (JSON)",
        description="Import one day of the People's Daily January 1998 corpus as an "
                    "issue folder of 人民日报 (zh-Hans, broadsheet).")
    pd.add_argument("file", metavar="DAY.json", help="the corpus day file")
    pd.add_argument("-o", "--out", required=True, metavar="OUT",
                    help="issue folder to write, e.g. issues/1998-01-01/")
    pd.set_defaults(func=_import_pd1998)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``epaper`` console script: the command's exit status, or the
    status of the failure it ended in (docs/cli.md)."""
    args = make_parser().parse_args(argv)
    return run_guarded(lambda: int(args.func(args) or 0), args.debug)


class _Terminated(BaseException):
    """SIGTERM, raised so that cleanup (the staging folder) runs as for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


def run_guarded(command: Callable[[], int], debug: bool = False,
                errors: TextIO | None = None) -> int:
    """Run ``command`` (returning an exit status) and turn every way it can fail into
    a message and a documented status; ``debug`` adds the traceback."""
    errors = errors or sys.stderr
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave SIGTERM alone
        pass
    try:
        return command()
    except InputError as err:
        for problem in err.problems:
            print(problem, file=errors)
        return EXIT_INPUT
    except (KeyboardInterrupt, _Terminated, Exception) as err:  # the last line of defence
        status, message = _failure(err)
        if debug:
            traceback.print_exception(err, file=errors)
        print(printable(f"epaper: {message}"), file=errors)
        return status
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _failure(err: BaseException) -> tuple[int, str]:
    """(exit status, one-line message) for a command that ended in ``err``."""
    if isinstance(err, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted; the previous output is unchanged"
    if isinstance(err, _Terminated):
        return 128 + signal.SIGTERM, "terminated; the previous output is unchanged"
    if isinstance(err, OSError):
        return EXIT_ENVIRONMENT, _os_message(err)
    if isinstance(err, RecursionError):
        return EXIT_INPUT, "the input nests too deeply to process (docs/limits.md)"
    if isinstance(err, MemoryError):
        return EXIT_ENVIRONMENT, "out of memory"
    return EXIT_INTERNAL, (f"internal error: {type(err).__name__}: {err} (a bug in "
                           "epaper; run with --debug and report the traceback)")


def _os_message(err: OSError) -> str:
    """``path: reason`` for an I/O failure, as the user would say it."""
    reason = err.strerror or str(err)
    where = err.filename if err.filename is not None else ""
    if err.filename2 is not None:
        where = f"{where} -> {err.filename2}"
    from .render.atomic import public_path

    return public_path(f"{where}: {reason}" if where else reason)


if __name__ == "__main__":
    sys.exit(main())
