"""The reader's full-text search index: one small script per issue, merged at query time.

Chinese has no spaces between words, so the index is one of character bigrams (the
usual way to search CJK text without a dictionary): every pair of neighbouring letters
or digits in an article's title, kicker, subtitle, byline, summary and body maps to
the articles holding it. A query's bigrams are looked up in every issue's index, the
articles holding all of them are checked for the query itself (so 中国 does not find
中，国) and listed with date, page and snippet.

Traditional and Simplified characters are folded to one form before anything is
compared (OpenCC's character table, ``assets/fold.txt``), so 警察節 finds 警察节 and
the other way round: a paper's readers type in either script.

The index is a script (``search.js``) calling ``EPAPER_SEARCH_ADD``, not JSON:
browsers refuse ``fetch()`` under ``file://`` but load scripts, so search works from a
folder on disk as well as over HTTP. Letters are compared after NFKC, lowercasing and
folding, exactly as ``assets/search.js`` does with the query.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

from ..display import ArticleView
from .atomic import write_text

INDEX_NAME = "search.js"


@functools.cache
def fold_pairs() -> str:
    """The folding table as one string: traditional, simplified, traditional, …"""
    text = resources.files("epaper").joinpath("templates", "assets", "fold.txt").read_text(
        "utf-8")
    return "".join(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def _fold_table() -> dict[int, str]:
    pairs = fold_pairs()
    return {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)}


def normalise(text: str) -> str:
    """``text`` as the index compares it: NFKC, lowercase, Traditional folded to
    Simplified, and every run of characters that are neither letters nor digits
    (punctuation, spaces) as one space."""
    out = []
    gap = False
    for char in unicodedata.normalize("NFKC", text).lower().translate(_fold_table()):
        if unicodedata.category(char)[0] in "LN":
            if gap and out:
                out.append(" ")
            out.append(char)
            gap = False
        else:
            gap = True
    return "".join(out)


def bigrams(text: str) -> set[str]:
    """The character bigrams of ``text`` after :func:`normalise`; none span a gap."""
    found = set()
    for run in normalise(text).split(" "):
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    return found


def article_text(view: ArticleView) -> str:
    """Everything of an article a reader may search for, one block a line."""
    parts = [view.kicker, view.title, view.subtitle, view.byline, view.summary,
             view.editor_note]
    parts += [text.replace("\n", " ") for _, text in view.blocks]
    return "\n".join(p for p in parts if p)


def search_index(manifest: dict[str, Any], views: dict[str, ArticleView]) -> dict[str, Any]:
    """The search index of one issue: the published articles (``view`` not null) with
    their text, and bigram → article numbers (ascending)."""
    labels = {p["number"]: p["label"] for p in manifest["pages"]}
    docs = []
    postings: dict[str, list[int]] = {}
    for entry in manifest["articles"]:
        view = views.get(entry["id"])
        if not entry.get("view") or view is None:
            continue  # not published: nothing to link a result to
        number = len(docs)
        text = article_text(view)
        docs.append({"id": entry["id"], "title": entry["title"], "kicker": entry["kicker"],
                     "byline": entry["byline"], "page": entry["page"],
                     "page_label": labels.get(entry["page"], ""), "href": entry["view"],
                     "text": text})
        for gram in bigrams(text):
            postings.setdefault(gram, []).append(number)
    return {"format": "epaper-search/1", "paper": manifest["paper"], "date": manifest["date"],
            "lang": manifest["lang"], "docs": docs,
            "bigrams": {gram: postings[gram] for gram in sorted(postings)}}


def write_search_index(out_dir: Path, manifest: dict[str, Any],
                       views: dict[str, ArticleView]) -> Path:
    """Write ``out_dir/search.js`` for the issue; returns its path."""
    data = json.dumps(search_index(manifest, views), ensure_ascii=False,
                      separators=(",", ":"))
    # U+2028/2029 end a line in older script parsers; escaped they are the same string.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    script = ("/* epaper search index (see epaper/render/site_search.py) */\n"
              f"window.EPAPER_SEARCH_ADD && EPAPER_SEARCH_ADD(document.currentScript, {data});\n")
    return write_text(out_dir / INDEX_NAME, script)
