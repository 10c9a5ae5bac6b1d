"""Ingest stage: read and validate an issue folder into :class:`model.Issue`.

The one entry is :func:`load_issue`; :func:`layouts_dir` tells every stage where the
page templates live.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, Problem
from ..model import Article, Issue, SourcePos
from .article_md import read_article
from .issue_yaml import IssueHead, read_issue_yaml
from .limits import MAX_ARTICLES
from .problems import Problems

__all__ = ["load_issue", "layouts_dir"]

_PACKAGE = Path(__file__).resolve().parents[1]


def layouts_dir() -> Path:
    """The folder of page templates ``<name>.yaml``.

    ``$EPAPER_LAYOUTS`` wins; then ``layouts/`` of the source checkout (the repo root
    holds ``src/epaper``); then ``epaper/data/layouts`` of an installed package."""
    env = os.environ.get("EPAPER_LAYOUTS")
    if env:
        return Path(env)
    checkout = _PACKAGE.parents[1] / "layouts"
    if checkout.is_dir():
        return checkout
    return _PACKAGE / "data" / "layouts"


def load_issue(issue_dir: Path) -> Issue:
    """Read ``issue.yaml``, ``articles/*.md`` and check ``photos/``.

    Raises :class:`epaper.errors.InputError` listing every problem as
    ``path:line: message``; warnings travel on the returned issue's ``warnings``.
    """
    issue_dir = Path(issue_dir)
    problems = Problems()
    issue_yaml = issue_dir / "issue.yaml"
    if not issue_dir.is_dir():
        raise InputError([_problem(issue_dir, "not a folder (want issue.yaml, articles/, "
                                              "photos/)")])
    if not os.path.lexists(issue_yaml):
        raise InputError([_problem(issue_yaml, "missing: every issue folder has one")])
    head = read_issue_yaml(issue_yaml, layouts_dir(), problems)
    if head is None:
        problems.raise_if_errors()
        raise InputError(problems.items)  # unreachable: None always comes with an error
    articles = _articles(issue_dir, head, problems)
    problems.raise_if_errors()
    assert head.date is not None and head.number is not None
    assert head.total_number is not None
    return Issue(
        paper=head.paper, date=head.date, number=head.number,
        total_number=head.total_number, serial=head.serial, lang=head.lang,
        layout=head.layout, pages=head.pages, articles=articles, root=issue_dir.resolve(),
        publisher=head.publisher, weather=head.weather, note=head.note,
        source=SourcePos(str(issue_yaml), 1),
        warnings=tuple(str(p) for p in problems.warnings))


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), 0, message)


def _articles(issue_dir: Path, head: IssueHead, problems: Problems) -> tuple[Article, ...]:
    """Every article on a page: listed ids in page order, then articles that an empty
    page takes by ``section``; files on no page are reported and left out."""
    articles_dir = issue_dir / "articles"
    issue_yaml = issue_dir / "issue.yaml"
    files = sorted(articles_dir.glob("*.md")) if articles_dir.is_dir() else []
    if len(files) > MAX_ARTICLES:
        problems.error(articles_dir, 0, f"{len(files)} article files, over the limit of "
                                        f"{MAX_ARTICLES} (docs/limits.md)")
        return ()
    by_id = {f.stem: f for f in files}
    loaded: dict[str, Article] = {}
    for path in files:
        article = read_article(path, issue_dir / "photos", head.lang, len(head.pages),
                               problems)
        if article is not None:
            loaded[path.stem] = article
    for article_id, (page, line) in head.listed.items():
        if article_id not in by_id:
            problems.error(issue_yaml, line, f"page {page} lists '{article_id}' but "
                                             f"{articles_dir / (article_id + '.md')} does "
                                             "not exist")
    open_sections = {p.section for p in head.pages if not p.article_ids}
    result = [loaded[i] for i in head.listed if i in loaded]
    for article_id, article in loaded.items():
        if article_id in head.listed:
            continue
        if article.section and article.section in open_sections:
            result.append(article)
            continue
        problems.warn(by_id[article_id], 1, f"article '{article_id}' is on no page: "
                                            "list it in issue.yaml (or give it the section "
                                            "of a page that lists no articles)")
    return tuple(result)
