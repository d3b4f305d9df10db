"""The administrator's retention pages: no role of a project's team reaches them (403); the
administrator's own access is tested in tests/test_retention_pages.py."""

from participants.models import Participation, Person

from ..access_rows import LOGIN, Row, expect

# A refused anonymisation leaves the people and their history as they were.
STATE_MODELS = [Person, Participation]

NOBODY = expect(LOGIN, 403, 403, 403, 403)

ROWS = [
    Row("retention:overview", "GET", None, NOBODY),
    *[
        Row("retention:project_anonymise", method, target, NOBODY)
        for method in ["GET", "POST"]
        for target in ["project", "their_project"]
    ],
]
