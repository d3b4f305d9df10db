"""Issued documents: the team reads the register; the coordinator issues; the director sees no
names (403); the public check answers everyone, signed in or not."""

from io import BytesIO
from types import SimpleNamespace

from pypdf import PdfWriter

from documents.models import BatchStatus, CertificateBatch, DocumentKind
from documents.services import document_issue
from participants.models import ParticipationStatus
from tests.access_rows import LOGIN, OUR_PAGE, THEIR_PAGE, Row, expect
from tests.factories import ParticipationFactory, UserFactory

ONLY_POST = expect(405, 405, 405, 405, 405)
PUBLIC = expect(200, 200, 200, 200, 200)
BATCH_PAGE = expect(LOGIN, 403, 200, 403, 404)
THEIR_BATCH_PAGE = expect(LOGIN, 404, 404, 404, 403)


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _issued(project, by):
    participation = ParticipationFactory(project=project, status=ParticipationStatus.COMPLETED)
    return document_issue(
        project=project, kind=DocumentKind.PARTICIPATION_CERTIFICATE, by=by,
        render=lambda document: _blank_pdf(), participation=participation,
    )


def _batch(project, by):
    return CertificateBatch.objects.create(
        project=project, kind=DocumentKind.TRAINING_CERTIFICATE, requested_by=by,
        status=BatchStatus.DONE, total=1, done=1, pdf=b"%PDF-1.4 access table",
    )


def add_objects(objects):
    issuer = UserFactory(organisation=objects["office"])
    their_issuer = UserFactory(organisation=objects["their_office"])
    issued = _issued(objects["project"], issuer)
    return {
        "completed": ParticipationFactory(
            project=objects["project"], status=ParticipationStatus.COMPLETED
        ),
        "their_completed": ParticipationFactory(
            project=objects["their_project"], status=ParticipationStatus.COMPLETED
        ),
        "issued_document": issued,
        "their_issued_document": _issued(objects["their_project"], their_issuer),
        "certificate_batch": _batch(objects["project"], issuer),
        "their_certificate_batch": _batch(objects["their_project"], their_issuer),
        # The public check takes the code, not a primary key.
        "verification_code": SimpleNamespace(pk=issued.verification_code),
    }


POST_DATA = {
    "participation_certificate": lambda obj, objects: {"kind": "participation"},
    "participation_batch": lambda obj, objects: {"kind": "participation"},
}

ROWS = [
    Row("documents:document_list", "GET", "project", OUR_PAGE),
    Row("documents:document_list", "GET", "their_project", THEIR_PAGE),
    Row("documents:document_pdf", "GET", "issued_document", OUR_PAGE),
    Row("documents:document_pdf", "GET", "their_issued_document", THEIR_PAGE),
    Row("documents:certificate_issue", "POST", "completed",
        expect(LOGIN, 403, 302, 403, 404), "participation_certificate"),
    Row("documents:certificate_issue", "POST", "their_completed",
        expect(LOGIN, 404, 404, 404, 403), "participation_certificate"),
    Row("documents:certificate_issue", "GET", "completed", ONLY_POST),
    Row("documents:batch_list", "GET", "project", expect(LOGIN, 403, 200, 403, 404)),
    Row("documents:batch_list", "GET", "their_project", expect(LOGIN, 404, 404, 404, 403)),
    Row("documents:batch_create", "POST", "project",
        expect(LOGIN, 403, 302, 403, 404), "participation_batch"),
    Row("documents:batch_create", "POST", "their_project",
        expect(LOGIN, 404, 404, 404, 403), "participation_batch"),
    Row("documents:batch_create", "GET", "project", ONLY_POST),
    *[
        row
        for name in ["documents:batch_detail", "documents:batch_status", "documents:batch_pdf"]
        for row in [
            Row(name, "GET", "certificate_batch", BATCH_PAGE),
            Row(name, "GET", "their_certificate_batch", THEIR_BATCH_PAGE),
        ]
    ],
    Row("documents:batch_rerun", "POST", "certificate_batch", expect(LOGIN, 403, 302, 403, 404)),
    Row("documents:batch_rerun", "POST", "their_certificate_batch", THEIR_BATCH_PAGE),
    Row("documents:batch_rerun", "GET", "certificate_batch", ONLY_POST),
    Row("documents:verify_form", "GET", None, PUBLIC),
    Row("documents:verify", "GET", "verification_code", PUBLIC),
]
