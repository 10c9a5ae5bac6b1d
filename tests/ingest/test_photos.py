"""Photo entries: missing, corrupt and declared-missing files."""

from __future__ import annotations

import io

from PIL import Image

from epaper.ingest import load_issue

from .conftest import LEAD_MD
from .helpers import find, problems_of


def test_missing_photo_is_an_error_at_its_file_line(make_issue):
    problems = problems_of(make_issue(photos={"one.jpg": b"absent"}))
    find(problems, "lead.md", 8, "photo 'one.jpg' not found")


def test_corrupt_photo_is_an_error(make_issue):
    problems = problems_of(make_issue(photos={"one.jpg": b"\xff\xd8\xff\xe0 not a jpeg"}))
    find(problems, "lead.md", 8, "photo 'one.jpg' cannot be read")


def test_truncated_photo_is_an_error(make_issue):
    data = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 10)).save(data, "JPEG")
    problems = problems_of(make_issue(photos={"one.jpg": data.getvalue()[:300]}))
    find(problems, "lead.md", 8, "cannot be read")


def test_declared_missing_photo_is_a_warning(make_issue):
    text = LEAD_MD.replace("    caption: 接線員在接警\n",
                           "    caption: 接線員在接警\n    missing: true\n")
    issue = load_issue(make_issue(articles={"lead": text}, photos={"one.jpg": b"absent"}))
    photo = issue.article("lead").photos[0]
    assert photo.missing and photo.caption == "接線員在接警"
    assert any("lead.md:8: warning: photo 'one.jpg' is marked missing" in w
               for w in issue.warnings)


def test_photo_outside_the_photos_folder_is_refused(make_issue):
    text = LEAD_MD.replace("file: one.jpg", "file: ../issue.yaml")
    find(problems_of(make_issue(articles={"lead": text})), "lead.md", 8, "inside")


def test_photo_entry_with_unknown_key(make_issue):
    text = LEAD_MD.replace("    caption: 接線員在接警\n", "    captoin: 接線員在接警\n")
    find(problems_of(make_issue(articles={"lead": text})), "lead.md", 9,
         "unknown key 'captoin' in photo (did you mean 'caption'?)")
