"""Issued documents as records: gap-free numbering per series, frozen bytes, duplicates."""

import hashlib
import re
import threading
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from documents.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    DocumentKind,
    DocumentRegister,
    IssuedDocument,
    normalise_code,
)
from documents.services import (
    DocumentIntegrityError,
    document_issue,
    document_pdf,
    documents_issue,
)
from participants.models import ParticipationStatus

from .factories import ParticipationFactory, ProjectFactory, ResultFactory

PARTICIPATION = DocumentKind.PARTICIPATION_CERTIFICATE


def fake_pdf(document: IssuedDocument) -> bytes:
    """A stand-in renderer: the bytes show what the document looked like when rendered."""
    return f"%PDF-fake {document.number} {document.verification_code}".encode()


@pytest.fixture
def completed(project, social_worker):
    return ParticipationFactory(
        project=project, social_worker=social_worker, status=ParticipationStatus.COMPLETED
    )


def issue(project, by, participation, **kwargs):
    return document_issue(
        project=project, kind=PARTICIPATION, by=by, render=fake_pdf,
        participation=participation, **kwargs,
    )


def test_it_numbers_in_the_documented_format(project, coordinator, completed):
    document = issue(project, coordinator, completed)
    year = timezone.localdate().year
    assert document.number == f"NASZ-1/ZU/{year}/0001"
    assert document.pdf == fake_pdf(document)
    assert document.sha256 == hashlib.sha256(document.pdf).hexdigest()


def test_render_sees_the_number_and_code_before_saving(project, coordinator, completed):
    seen = {}

    def render(document):
        seen["number"], seen["code"], seen["pk"] = (
            document.number, document.verification_code, document.pk
        )
        return b"%PDF"

    document = document_issue(project=project, kind=PARTICIPATION, by=coordinator,
                              render=render, participation=completed)
    assert seen == {"number": document.number, "code": document.verification_code, "pk": None}


def test_numbers_run_per_project_kind_and_year(project, coordinator, completed, monkeypatch):
    other = ProjectFactory(short_name="INNY-2")
    theirs = ParticipationFactory(project=other, status=ParticipationStatus.COMPLETED)
    second = ParticipationFactory(project=project, status=ParticipationStatus.COMPLETED)
    result = ResultFactory(course__support_form__project=project, participation=completed)
    numbers = [
        issue(project, coordinator, completed).sequence,
        issue(other, coordinator, theirs).sequence,
        issue(project, coordinator, second).sequence,
        document_issue(project=project, kind=DocumentKind.TRAINING_CERTIFICATE, by=coordinator,
                       render=fake_pdf, training_result=result).sequence,
    ]
    assert numbers == [1, 1, 2, 1]
    third = ParticipationFactory(project=project, status=ParticipationStatus.COMPLETED)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2031, 1, 2, 9, tzinfo=UTC))
    next_year = issue(project, coordinator, third)
    assert (next_year.sequence, next_year.number) == (1, "NASZ-1/ZU/2031/0001")
    assert DocumentRegister.objects.filter(project=project, kind=PARTICIPATION).count() == 2


def test_a_failed_render_leaves_no_gap(project, coordinator, completed):
    def broken(document):
        raise RuntimeError("WeasyPrint fell over")

    with pytest.raises(RuntimeError):
        document_issue(project=project, kind=PARTICIPATION, by=coordinator, render=broken,
                       participation=completed)
    assert not IssuedDocument.objects.exists()
    assert issue(project, coordinator, completed).sequence == 1


def test_a_failed_batch_leaves_no_gap_and_stores_nothing(project, coordinator):
    people = ParticipationFactory.create_batch(3, project=project)

    def broken(documents):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        documents_issue(project=project, kind=PARTICIPATION, by=coordinator,
                        holders=[{"participation": p} for p in people], render_many=broken)
    assert not IssuedDocument.objects.exists()
    issued = documents_issue(
        project=project, kind=PARTICIPATION, by=coordinator,
        holders=[{"participation": p} for p in people],
        render_many=lambda documents: [fake_pdf(d) for d in documents],
    )
    assert [d.sequence for d in issued] == [1, 2, 3]
    assert IssuedDocument.objects.count() == 3


def test_the_frozen_copy_does_not_change_when_the_person_is_renamed(
    project, coordinator, completed
):
    def render(document):
        return f"%PDF {document.participation.person}".encode()

    document = document_issue(project=project, kind=PARTICIPATION, by=coordinator,
                              render=render, participation=completed)
    before = document_pdf(document)
    person = completed.person
    person.last_name = "Zmieniona"
    person.save()
    stored = IssuedDocument.objects.get(pk=document.pk)
    assert document_pdf(stored) == before
    assert b"Zmieniona" not in document_pdf(stored)
    assert stored.holder_initials == document.holder_initials != person.initials


def test_tampered_bytes_are_detected(project, coordinator, completed):
    document = issue(project, coordinator, completed)
    IssuedDocument.objects.filter(pk=document.pk).update(pdf=b"%PDF changed")
    with pytest.raises(DocumentIntegrityError):
        document_pdf(IssuedDocument.objects.get(pk=document.pk))


def test_a_duplicate_is_a_new_number_pointing_at_the_original(project, coordinator, completed):
    original = issue(project, coordinator, completed)
    duplicate = issue(project, coordinator, completed, duplicate_of=original)
    again = issue(project, coordinator, completed, duplicate_of=duplicate)
    assert duplicate.number != original.number
    assert duplicate.duplicate_of == original
    assert again.duplicate_of == original  # a duplicate of a duplicate points at the original
    assert duplicate.verification_code != original.verification_code


def test_a_second_original_for_the_same_person_is_refused(project, coordinator, completed):
    issue(project, coordinator, completed)
    with pytest.raises(ValidationError):
        issue(project, coordinator, completed)
    assert IssuedDocument.objects.count() == 1
    assert DocumentRegister.objects.get().last_number == 1


def test_a_certificate_for_another_projects_participant_is_refused(project, coordinator):
    stranger = ParticipationFactory(project=ProjectFactory())
    with pytest.raises(ValidationError):
        issue(project, coordinator, stranger)


def test_the_summary_belongs_to_no_person(project, coordinator):
    summary = document_issue(project=project, kind=DocumentKind.SUMMARY, by=coordinator,
                             render=fake_pdf)
    assert summary.number.startswith("NASZ-1/PK/")
    assert summary.holder_initials == ""


def test_verification_codes_are_unguessable_and_normalised(project, coordinator):
    codes = {
        document_issue(project=project, kind=DocumentKind.SUMMARY, by=coordinator,
                       render=fake_pdf).verification_code
        for _ in range(5)
    }
    assert len(codes) == 5
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    code = codes.pop()
    assert normalise_code(f" {code[:5].lower()}-{code[5:]} ") == code


# Transactional (threads need committed rows); the serialized rollback restores the code lists
# that the data migrations put in, which the flush at the end would otherwise remove.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuers_get_consecutive_numbers():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in-memory test databases are not shared between threads")
    from accounts.models import User

    project = ProjectFactory()
    people = ParticipationFactory.create_batch(8, project=project)
    user = User.objects.create(username="wątek")
    errors = []

    def work(participation):
        try:
            issue(project, user, participation)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    sequences = sorted(IssuedDocument.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 9))
    assert all(re.search(r"/\d{4}$", n) for n in IssuedDocument.objects.values_list(
        "number", flat=True))
