"""Issuing documents: take the next number, render the PDF once, store it with the number.

The register row is locked (an UPDATE first, so PostgreSQL takes the row lock and SQLite the write
lock before the number is read) for the transaction that stores the document: a render that fails
rolls the number back, so the series has no gaps, and two issuers never share a number.
"""

import hashlib
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import KIND_CODES, DocumentKind, DocumentRegister, IssuedDocument

# Documents per INSERT when several are stored at once: the statement quotes their PDFs (about
# 50 KB each), and a hundred in one would build 20 MB of SQL text for a moment.
INSERT_BATCH = 20


class DocumentIntegrityError(Exception):
    """The stored bytes no longer match the SHA-256 taken at issue."""


def _take_numbers(*, project, kind: str, year: int, count: int) -> range:
    """Reserves ``count`` consecutive numbers; must run inside the issuing transaction."""
    register, _created = DocumentRegister.objects.get_or_create(
        project=project, kind=kind, year=year
    )
    DocumentRegister.objects.filter(pk=register.pk).update(
        last_number=F("last_number") + count
    )
    last = (
        DocumentRegister.objects.select_for_update()
        .values_list("last_number", flat=True)
        .get(pk=register.pk)
    )
    return range(last - count + 1, last + 1)


def number_for(project, kind: str, year: int, sequence: int) -> str:
    return f"{project.short_name}/{KIND_CODES[kind]}/{year}/{sequence:04d}"


def number_take(*, project, kind: str, year: int) -> tuple[int, str]:
    """The next number of a series, for a record numbered in the register that keeps its own
    terms (a contract, an annex). Call inside the transaction that saves the record."""
    (sequence,) = _take_numbers(project=project, kind=kind, year=year, count=1)
    return sequence, number_for(project, kind, year, sequence)


def _unsaved_document(*, project, kind, by, issued_at, participation, training_result,
                      duplicate_of) -> IssuedDocument:
    if training_result is not None and participation is None:
        participation = training_result.participation
    if duplicate_of is not None and duplicate_of.duplicate_of_id:
        duplicate_of = duplicate_of.duplicate_of
    document = IssuedDocument(
        kind=kind, project=project, participation=participation,
        training_result=training_result, issued_at=issued_at, issued_by=by,
        duplicate_of=duplicate_of, year=timezone.localdate(issued_at).year,
        project_title=project.title,
        holder_initials=participation.person.initials if participation else "",
        subject=str(training_result.course)[:300] if training_result else "",
    )
    _check(document)
    return document


def _check(document: IssuedDocument) -> None:
    """The rules of a document's parts, checked before a number is spent on it."""
    participation = document.participation
    if document.kind == DocumentKind.SUMMARY and participation is not None:
        raise ValidationError(_("The final summary belongs to the project, not to a person."))
    if document.kind != DocumentKind.SUMMARY and participation is None:
        raise ValidationError(_("A certificate needs its participant."))
    if participation is not None and participation.project_id != document.project_id:
        raise ValidationError(_("The participant takes part in another project."))
    result = document.training_result
    if document.kind == DocumentKind.TRAINING_CERTIFICATE:
        if result is None:
            raise ValidationError(_("A training certificate needs the training result."))
        if result.participation_id != participation.pk:
            raise ValidationError(_("The training result is another participant's."))
    original = document.duplicate_of
    if original is not None and (
        original.kind != document.kind
        or original.project_id != document.project_id
        or original.participation_id != document.participation_id
        or original.training_result_id != document.training_result_id
    ):
        raise ValidationError(_("A duplicate must repeat the original's kind and holder."))


# The related rows were passed in as objects (and _check looked at them): re-reading each from
# the database to validate the foreign keys would double the queries of a batch.
RELATED = ["project", "participation", "training_result", "issued_by", "duplicate_of"]


def _freeze(document: IssuedDocument, pdf: bytes) -> None:
    document.pdf = bytes(pdf)
    document.sha256 = hashlib.sha256(document.pdf).hexdigest()


def document_issue(
    *,
    project,
    kind: str,
    by,
    render: Callable[[IssuedDocument], bytes],
    participation=None,
    training_result=None,
    duplicate_of: IssuedDocument | None = None,
) -> IssuedDocument:
    """Issues one numbered document; ``render`` gets it numbered but unsaved and returns the PDF.

    If ``render`` raises, nothing is stored and the number is not used.
    """
    issued_at = timezone.now()
    document = _unsaved_document(
        project=project, kind=kind, by=by, issued_at=issued_at, participation=participation,
        training_result=training_result, duplicate_of=duplicate_of,
    )
    with transaction.atomic():
        (document.sequence,) = _take_numbers(
            project=project, kind=kind, year=document.year, count=1
        )
        document.number = number_for(project, kind, document.year, document.sequence)
        _freeze(document, render(document))
        document.full_clean(exclude=RELATED, validate_constraints=False)
        document.validate_constraints()  # all of them, the related fields' included
        document.save()
    return document


def documents_issue(
    *,
    project,
    kind: str,
    by,
    holders: Sequence[dict],
    render_many: Callable[[list[IssuedDocument]], list[bytes]],
) -> list[IssuedDocument]:
    """Issues several documents of one series in one transaction (a batch's chunk).

    ``holders`` are dicts of ``participation`` / ``training_result`` / ``duplicate_of``;
    ``render_many`` returns one PDF per document, in order. All or none are stored.
    """
    issued_at = timezone.now()
    documents = [
        _unsaved_document(
            project=project, kind=kind, by=by, issued_at=issued_at,
            participation=holder.get("participation"),
            training_result=holder.get("training_result"),
            duplicate_of=holder.get("duplicate_of"),
        )
        for holder in holders
    ]
    if not documents:
        return []
    year = documents[0].year
    with transaction.atomic():
        numbers = _take_numbers(project=project, kind=kind, year=year, count=len(documents))
        for document, sequence in zip(documents, numbers, strict=True):
            document.sequence = sequence
            document.number = number_for(project, kind, year, sequence)
        for document, pdf in zip(documents, render_many(documents), strict=True):
            _freeze(document, pdf)
            # Uniqueness is the database's to guard: a query per field would cost a batch dearly.
            document.full_clean(
                exclude=RELATED, validate_unique=False, validate_constraints=False
            )
        IssuedDocument.objects.bulk_create(documents, batch_size=INSERT_BATCH)
    return documents


def document_pdf(document: IssuedDocument) -> bytes:
    """The frozen PDF exactly as issued (checked against its SHA-256)."""
    pdf = bytes(document.pdf)
    if hashlib.sha256(pdf).hexdigest() != document.sha256:
        raise DocumentIntegrityError(document.number)
    return pdf


def document_revoke(*, document: IssuedDocument, by) -> IssuedDocument:
    """Marks a document revoked: the public check says so; the record and its file stay."""
    with transaction.atomic():
        document.revoked = True
        document.save(update_fields=["revoked"])
    return document
