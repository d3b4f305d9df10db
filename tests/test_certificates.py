"""Certificates: what the PDF says (extracted text), batches as one PDF, re-issue and duplicates,
background batches with progress, and the public check that shows initials only."""

import subprocess
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from documents.batches import certificate_batch_request
from documents.certificates import (
    Holder,
    certificate_issue,
    certificates_issue,
    holders_for,
    participation_holders,
)
from documents.models import BatchStatus, CertificateBatch, DocumentKind, IssuedDocument
from documents.services import document_pdf, document_revoke
from instruments.models import Attendance
from participants.models import ParticipationStatus

from .conftest import require_tool
from .factories import ParticipationFactory, PersonFactory, ResultFactory, SessionFactory

TRAINING = DocumentKind.TRAINING_CERTIFICATE
PARTICIPATION = DocumentKind.PARTICIPATION_CERTIFICATE
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def pdf_text(pdf: bytes) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdf_pages(pdf: bytes) -> int:
    tool = require_tool("pdfinfo")
    info = subprocess.run([tool, "-"], input=pdf, capture_output=True, check=True).stdout
    return int(next(line for line in info.decode().splitlines()
                    if line.startswith("Pages:")).split()[1])


@pytest.fixture
def result(project, social_worker):
    person = PersonFactory(first_name="Żaneta", last_name="Świętochowska")
    return ResultFactory(
        course__support_form__project=project,
        course__support_form__name="Magazynier z obsługą wózków jezdniowych",
        participation__person=person, participation__social_worker=social_worker,
    )


@pytest.fixture
def completed(project, social_worker):
    participation = ParticipationFactory(
        project=project, social_worker=social_worker, status=ParticipationStatus.COMPLETED,
        person=PersonFactory(first_name="Łucja", last_name="Grzegorzewska", sex="K"),
    )
    session = SessionFactory(support_form__project=project, start_time=time(9),
                             end_time=time(12))
    Attendance.objects.create(session=session, participation=participation, present=True)
    return participation


def issue_training(result, by, **kwargs):
    return certificate_issue(kind=TRAINING, holder=Holder(result.participation, result), by=by,
                             **kwargs)


def test_the_training_certificate_shows_name_course_number_and_code(result, coordinator):
    document = issue_training(result, coordinator)
    text = pdf_text(document_pdf(document))
    flat = " ".join(text.split())
    assert "Żaneta Świętochowska" in text
    assert "Magazynier z obsługą wózków jezdniowych" in flat
    assert document.number in text
    assert document.code_display in text
    assert "120" in flat  # the course's hours
    with override("pl"):
        assert _("CERTIFICATE") in text


@pytest.mark.parametrize(("chosen", "expected", "absent"), [
    ("birth_date", "urodzona 17 maja 1980 r.", "PESEL"),
    ("pesel", "PESEL ", "urodzona"),
    ("none", "", "urodzona"),
])
def test_the_certificate_identifies_its_holder_as_the_setting_says(
    result, coordinator, settings, chosen, expected, absent
):
    """By name and date of birth unless the office chooses the PESEL or nothing; "urodzona"
    or "urodzony" by the holder's sex."""
    settings.CERTIFICATE_HOLDER_ID = chosen
    person = result.participation.person
    person.sex, person.birth_date = "K", date(1980, 5, 17)
    person.save()

    flat = " ".join(pdf_text(document_pdf(issue_training(result, coordinator))).split())

    assert expected in flat
    assert absent not in flat
    if chosen == "pesel":
        assert person.pesel in flat


def test_a_foundations_certificate_is_signed_by_its_own_title_never_a_centres(
    result, coordinator
):
    lead = result.participation.project.lead_beneficiary
    lead.name, lead.kind, lead.head_name, lead.head_title = (
        "Fundacja „Krok Dalej”", "ngo", "Katarzyna Lis", "Prezes Zarządu"
    )
    lead.save()

    flat = " ".join(pdf_text(document_pdf(issue_training(result, coordinator))).split())

    assert "Katarzyna Lis Prezes Zarządu Fundacja „Krok Dalej”" in flat
    assert "ośrodka" not in flat


def test_the_check_address_is_printed_whole_on_one_line(result, coordinator, settings):
    settings.SITE_URL = "https://aktywizacja.mops-lubartow.example.pl"
    text = pdf_text(document_pdf(issue_training(result, coordinator)))

    address = "https://aktywizacja.mops-lubartow.example.pl/dokumenty/weryfikacja/"
    assert any(address in line for line in text.splitlines()), text


def test_the_participation_certificate_shows_the_hours_from_attendance(completed, coordinator):
    (holder,) = participation_holders(completed.project)
    document = certificate_issue(kind=PARTICIPATION, holder=holder, by=coordinator)
    text = " ".join(pdf_text(document_pdf(document)).split())
    assert "Łucja Grzegorzewska" in text
    assert completed.project.title in text
    assert holder.hours == 3
    assert document.number in text


def test_a_name_outside_the_latin_subset_still_extracts(project, coordinator):
    participation = ParticipationFactory(
        project=project, status=ParticipationStatus.COMPLETED,
        person=PersonFactory(first_name="Олена", last_name="Коваленко"),
    )
    (holder,) = participation_holders(project)
    assert holder.participation == participation
    document = certificate_issue(kind=PARTICIPATION, holder=holder, by=coordinator)
    assert "Олена Коваленко" in pdf_text(document_pdf(document))


def test_issuing_again_returns_the_frozen_copy_unless_a_duplicate_is_asked(result, coordinator):
    original = issue_training(result, coordinator)
    person = result.participation.person
    person.last_name = "Nowakowska"
    person.save()
    again = issue_training(result, coordinator)
    assert again.pk == original.pk
    assert "Świętochowska" in pdf_text(document_pdf(again))
    duplicate = issue_training(result, coordinator, duplicate=True)
    assert duplicate.duplicate_of == original
    assert duplicate.number != original.number
    text = " ".join(pdf_text(document_pdf(duplicate)).split())
    assert "Nowakowska" in text
    assert original.number in text  # "duplicate of certificate no. …"


def test_a_batch_is_one_pdf_with_a_page_per_holder(project, coordinator, result):
    course = result.course
    more = [ResultFactory(course=course) for _ in range(3)]
    ResultFactory(course=course, completed=False, document_kind="none")  # no certificate
    holders = holders_for(kind=TRAINING, project=project, course=course)
    assert len(holders) == 4
    pdf = certificates_issue(kind=TRAINING, project=project, holders=holders, by=coordinator)
    assert pdf_pages(pdf) == 4
    numbers = list(IssuedDocument.objects.order_by("sequence").values_list("number", flat=True))
    assert len(numbers) == 4
    text = pdf_text(pdf)
    assert all(number in text for number in numbers)
    assert all(r.participation.person.last_name in text for r in more)
    # A rerun issues nothing new and gives the same pages (the frozen copies).
    again = certificates_issue(kind=TRAINING, project=project, holders=holders, by=coordinator)
    assert IssuedDocument.objects.count() == 4
    assert pdf_pages(again) == 4


def test_a_batch_mixing_frozen_and_new_certificates_keeps_the_order(
    project, coordinator, result
):
    ResultFactory.create_batch(2, course=result.course)
    issue_training(result, coordinator)
    holders = holders_for(kind=TRAINING, project=project, course=result.course)
    pdf = certificates_issue(kind=TRAINING, project=project, holders=holders, by=coordinator)
    assert pdf_pages(pdf) == 3
    assert IssuedDocument.objects.count() == 3


def test_a_large_batch_runs_as_a_task_and_reports_progress(
    client, settings, project, coordinator, result
):
    settings.DOCUMENTS_BACKGROUND_FROM = 2
    ResultFactory.create_batch(2, course=result.course)
    client.force_login(coordinator)
    response = client.post(reverse("documents:batch_create", args=[project.pk]),
                           {"kind": TRAINING, "course": result.course.pk})
    batch = CertificateBatch.objects.get()
    assert response["Location"] == reverse("documents:batch_detail", args=[batch.pk])
    status = client.get(reverse("documents:batch_status", args=[batch.pk])).json()
    assert status["status"] == BatchStatus.DONE
    assert (status["done"], status["total"]) == (3, 3)
    assert status["download"] == reverse("documents:batch_pdf", args=[batch.pk])
    page = client.get(reverse("documents:batch_detail", args=[batch.pk])).content.decode()
    assert "<progress" in page and "batch_progress.js" in page
    download = client.get(status["download"])
    assert download["Content-Type"] == "application/pdf"
    assert pdf_pages(download.getvalue()) == 3


def test_a_small_batch_is_made_while_the_page_waits(project, coordinator, result, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    batch = certificate_batch_request(project=project, kind=TRAINING, by=coordinator,
                                      course=result.course)
    assert batch.status == BatchStatus.DONE and batch.done == 1


def test_the_verification_page_shows_initials_only(client, result, coordinator):
    document = issue_training(result, coordinator)
    response = client.get(reverse("documents:verify", args=[document.verification_code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ż. Ś." in page
    assert document.number in page
    assert "Świętochowska" not in page
    assert "Żaneta" not in page
    assert result.participation.person.pesel not in page
    assert _("valid") in page


def test_the_verification_page_says_duplicate_revoked_and_not_found(client, result, coordinator):
    original = issue_training(result, coordinator)
    duplicate = issue_training(result, coordinator, duplicate=True)
    document_revoke(document=original, by=coordinator)
    page = client.get(reverse("documents:verify", args=[duplicate.verification_code]))
    assert _("valid duplicate") in page.content.decode()
    page = client.get(reverse("documents:verify", args=[original.verification_code]))
    assert _("revoked") in page.content.decode()
    missing = client.get(reverse("documents:verify", args=["ABCDEFGHJK"]))
    assert missing.status_code == 404
    assert _("not found") in missing.content.decode()


def test_the_typed_code_is_normalised(client, result, coordinator):
    document = issue_training(result, coordinator)
    typed = f"{document.verification_code[:5].lower()}-{document.verification_code[5:]}"
    response = client.get(reverse("documents:verify_form"), {"kod": typed})
    assert response["Location"] == reverse("documents:verify", args=[document.verification_code])


def test_a_single_certificate_is_issued_by_post_and_downloaded(client, coordinator, result):
    client.force_login(coordinator)
    url = reverse("documents:certificate_issue", args=[result.participation.pk])
    response = client.post(url, {"kind": TRAINING, "training_result": result.pk})
    document = IssuedDocument.objects.get()
    assert response["Location"] == reverse("documents:document_pdf", args=[document.pk])
    client.post(url, {"kind": TRAINING, "training_result": result.pk})
    assert IssuedDocument.objects.count() == 1
    client.post(url, {"kind": TRAINING, "training_result": result.pk, "duplicate": "1"})
    assert IssuedDocument.objects.count() == 2
    download = client.get(reverse("documents:document_pdf", args=[document.pk]))
    assert download.getvalue() == document_pdf(document)


def test_the_register_page_runs_a_fixed_number_of_queries(
    client, coordinator, project, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("documents:document_list", args=[project.pk])

    def fill(count):
        for _index in range(count):
            participation = ParticipationFactory(project=project,
                                                 status=ParticipationStatus.COMPLETED)
            certificate_issue(kind=PARTICIPATION, holder=Holder(participation, None, 0),
                              by=coordinator)

    fill(1)
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    fill(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_batch_page_offers_the_form_and_lists_the_batches_newest_first(
    client, coordinator, social_worker, project, result, django_assert_max_num_queries
):
    older = certificate_batch_request(project=project, kind=TRAINING, by=coordinator,
                                      course=result.course)
    newer = certificate_batch_request(project=project, kind=PARTICIPATION, by=coordinator)
    CertificateBatch.objects.filter(pk=older.pk).update(
        requested_at=newer.requested_at - timedelta(days=1))
    client.force_login(coordinator)
    url = reverse("documents:batch_list", args=[project.pk])
    client.get(url)

    with django_assert_max_num_queries(5):  # session, user, project, choices, batches
        page = client.get(url)

    assert [batch.pk for batch in page.context["batches"]] == [newer.pk, older.pk]
    html = page.content.decode()
    assert reverse("documents:batch_create", args=[project.pk]) in html
    assert reverse("documents:batch_detail", args=[older.pk]) in html
    register = client.get(reverse("documents:document_list", args=[project.pk]))
    assert url in register.content.decode()
    client.force_login(social_worker)  # prints nobody's certificates: no way to the page
    register = client.get(reverse("documents:document_list", args=[project.pk]))
    assert url not in register.content.decode()


def test_a_batch_asked_wrongly_shows_the_form_again_with_the_reason(
    client, coordinator, project
):
    client.force_login(coordinator)

    refused = client.post(reverse("documents:batch_create", args=[project.pk]),
                          {"kind": "no-such-kind"})

    assert refused.status_code == 400
    assert refused.context["form"].errors["kind"]
    assert "Wybierz poprawną wartość" in refused.content.decode()
    assert not CertificateBatch.objects.exists()


@pytest.mark.parametrize(("first_name", "last_name"), [
    ("Li", "李"),                  # Chinese: not in DejaVu; Droid Sans Fallback (make installs it)
    ("ليلى", "حداد"),               # Arabic: shaped and written right to left by Pango
    ("Anna", "Nowak-李"),           # one letter outside the font in a Polish name
])
def test_a_name_in_any_script_prints_and_its_batch_does_not_fail(
    project, coordinator, first_name, last_name
):
    ParticipationFactory(
        project=project, status=ParticipationStatus.COMPLETED,
        person=PersonFactory(first_name=first_name, last_name=last_name),
    )
    ParticipationFactory(project=project, status=ParticipationStatus.COMPLETED,
                         person=PersonFactory(first_name="Jan", last_name="Kowalski"))
    holders = participation_holders(project)

    batch = certificates_issue(kind=PARTICIPATION, project=project, holders=holders,
                               by=coordinator)

    text = pdf_text(batch)
    assert "Jan Kowalski" in text
    document = IssuedDocument.objects.get(participation__person__last_name=last_name)
    single = pdf_text(document_pdf(document))
    assert last_name in single or last_name[::-1] in single
    assert "Jan Kowalski" not in single
    # No glyph of the name fell back to an empty box: every letter came from a font that has it.
    fonts = subprocess.run([require_tool("pdffonts"), "-"], input=bytes(document_pdf(document)),
                           capture_output=True, check=True).stdout.decode()
    if any("\u4e00" <= char <= "\u9fff" for char in last_name):
        assert "Droid-Sans-Fallback" in fonts


def test_a_refusal_declares_its_charset_so_polish_letters_arrive(client, coordinator, project):
    participation = ParticipationFactory(project=project, status=ParticipationStatus.RESIGNED)
    client.force_login(coordinator)

    response = client.post(reverse("documents:certificate_issue", args=[participation.pk]),
                           {"kind": PARTICIPATION})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.getvalue().decode("utf-8") == _(
        "Only a participant who completed the project gets this certificate."
    )
    assert "ś" in response.getvalue().decode("utf-8")


def test_a_batch_whose_worker_died_is_marked_failed_and_runs_again(
    client, settings, project, coordinator, result
):
    """The worker was killed half-way: one certificate issued, the batch left "running"."""
    settings.DOCUMENTS_BACKGROUND_FROM = 2
    ResultFactory.create_batch(2, course=result.course)
    issue_training(result, coordinator)
    long_ago = timezone.now() - timedelta(minutes=11)
    batch = CertificateBatch.objects.create(
        project=project, kind=TRAINING, course=result.course, requested_by=coordinator,
        status=BatchStatus.RUNNING, total=3, done=1, updated_at=long_ago,
    )
    fresh = CertificateBatch.objects.create(
        project=project, kind=TRAINING, course=result.course, requested_by=coordinator,
        status=BatchStatus.RUNNING, total=3, done=1, updated_at=timezone.now(),
    )
    client.force_login(coordinator)

    status = client.get(reverse("documents:batch_status", args=[batch.pk])).json()
    page = client.get(reverse("documents:batch_detail", args=[batch.pk])).content.decode()

    assert status["status"] == BatchStatus.FAILED
    assert reverse("documents:batch_rerun", args=[batch.pk]) in page
    assert _("Run the batch again") in page
    # A batch still moving is left alone.
    fresh.refresh_from_db()
    assert fresh.status == BatchStatus.RUNNING

    client.post(reverse("documents:batch_rerun", args=[batch.pk]))

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.error) == (BatchStatus.DONE, 3, "")
    # The certificate issued before the worker died was kept, not numbered again.
    assert IssuedDocument.objects.count() == 3
    assert pdf_pages(client.get(reverse("documents:batch_pdf", args=[batch.pk])).getvalue()) == 3


def test_a_queued_batch_no_worker_took_is_marked_failed(client, project, coordinator, result):
    batch = CertificateBatch.objects.create(
        project=project, kind=TRAINING, course=result.course, requested_by=coordinator,
        total=50, updated_at=timezone.now() - timedelta(minutes=30),
    )
    client.force_login(coordinator)

    status = client.get(reverse("documents:batch_status", args=[batch.pk])).json()

    assert status["status"] == BatchStatus.FAILED
    batch.refresh_from_db()
    assert "30" not in batch.error and "10" in batch.error  # the stall time, in minutes
