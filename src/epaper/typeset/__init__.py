"""The CJK typesetter (cjk-typesetting.md §§1-9): lines with exact advances.

Public API::

    from epaper.typeset import set_paragraph, TypesetConfig
    lines = set_paragraph(text, measure, *, lang="zh-Hans", kind="body",
                          indent=2.0, level="gb", font=None, config=None)
"""
