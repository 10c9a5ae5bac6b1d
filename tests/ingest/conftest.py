"""Tiny issue folders written into tmp_path, one bad thing at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

ISSUE_YAML = """\
paper: 測試日報
date: 2023-01-10
number: 9
total_number: 21452
serial: CN 37-0052
lang: zh-Hant
layout: tabloid
pages:
  - number: 1
    section: 要聞
    credits: {editor: 任玉偉}
    articles: [lead, second]
  - number: 2
    section: 經濟
"""

LEAD_MD = """\
---
kicker: 致敬警察節
title: 矢志不渝做忠誠衛士
subtitle: ——寫在警察節到來之際
byline: 本報記者 王軍豪
priority: 1
photos:
  - file: one.jpg
    caption: 接線員在接警
---
\u3000\u3000第一段第一行，
第一段第二行。

## 聚焦主責主業
## 利劍錚錚守護平安

第二段有全角ＡＢＣ１２３。
"""

SECOND_MD = """\
---
title: 第二篇
---
正文。
"""


@pytest.fixture
def make_issue(tmp_path: Path) -> Callable[..., Path]:
    """Write an issue folder named 2023-01-10; keyword args replace or drop files
    (``None`` drops). Articles map id → text; photos map name → bytes or None (a
    real small JPEG)."""

    def make(issue_yaml: str | None = ISSUE_YAML, articles: dict | None = None,
             photos: dict | None = None) -> Path:
        root = tmp_path / "2023-01-10"
        (root / "articles").mkdir(parents=True)
        (root / "photos").mkdir()
        if issue_yaml is not None:
            (root / "issue.yaml").write_text(issue_yaml, encoding="utf-8")
        texts = {"lead": LEAD_MD, "second": SECOND_MD}
        texts.update(articles or {})
        for article_id, text in texts.items():
            if text is not None:
                (root / "articles" / f"{article_id}.md").write_text(text, encoding="utf-8")
        files = {"one.jpg": None}
        files.update(photos or {})
        for name, data in files.items():
            if data is None:
                Image.new("RGB", (8, 6), (200, 30, 30)).save(root / "photos" / name)
            elif data != b"absent":
                (root / "photos" / name).write_bytes(data)
        return root

    return make
