"""The director's dashboard, the report of a payment-claim period and the final summary: totals
for those who manage the project.

The director and the coordinator see them (projects.view_indicatortarget); the social worker, who
works with people, does not; another organisation's project does not exist for them. Issuing a
numbered summary takes documents.issue_summary (the director and the coordinator).
"""

from documents.services import document_issue

from ..access_rows import LOGIN, Row, expect
from ..factories import UserFactory

TOTALS = expect(LOGIN, 403, 200, 200, 404)
THEIR_TOTALS = expect(LOGIN, 404, 404, 404, 403)
ISSUE_PAGE = expect(LOGIN, 403, 200, 200, 404)
ISSUE = expect(LOGIN, 403, 302, 302, 404)
# A report's download without a period: the form's refusal, once the project is reached.
NO_PERIOD = expect(LOGIN, 403, 400, 400, 404)
THEIR_ISSUE = expect(LOGIN, 404, 404, 404, 403)

ROWS = [
    *[
        row
        for target, totals, issue_page, issue, no_period in [
            ("project", TOTALS, ISSUE_PAGE, ISSUE, NO_PERIOD),
            ("their_project", THEIR_TOTALS, THEIR_ISSUE, THEIR_ISSUE, THEIR_TOTALS),
        ]
        for row in [
            Row("reporting:claim", "GET", target, totals),
            Row("reporting:claim_download", "GET", target, no_period, extra=("xlsx",)),
            Row("reporting:claim_download", "GET", target, no_period, extra=("pdf",)),
            Row("reporting:dashboard", "GET", target, totals),
            Row("reporting:summary", "GET", target, totals),
            Row("reporting:summary_preview", "GET", target, totals),
            Row("reporting:summary_issue", "GET", target, issue_page),
            Row("reporting:summary_issue", "POST", target, issue),
        ]
    ],
    Row("reporting:summary_issued_pdf", "GET", "issued_summary", TOTALS),
    Row("reporting:summary_issued_pdf", "GET", "their_issued_summary", THEIR_TOTALS),
]


def _issued(project):
    return document_issue(
        project=project, kind="summary", by=UserFactory(),
        render=lambda document: f"%PDF-1.4 {document.number}".encode(),
    )


def add_objects(objects) -> dict:
    return {
        "issued_summary": _issued(objects["project"]),
        "their_issued_summary": _issued(objects["their_project"]),
    }
