"""The first page of each printed document, rendered from the demo project as a PNG for the README
(docs/screenshots/pdf-*.png): the PDFs come from the views a user downloads them from, their text
is checked with pdftotext, their first page drawn with pdftoppm."""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from aktywizacja.dates import written_date
from contracts.models import SocialContract
from documents.certificates import Holder, certificate_issue, participation_holders
from documents.models import DocumentKind
from instruments.hours import total_hours_by_participation
from instruments.models import Session, SessionKind
from participants.models import Participation
from projects.models import Project
from trainings.models import TrainingResult

from .conftest import require_tool, screenshot_dir
from .helpers.demo import demo_loaded

SEED = "LUB-7.1.1-2011"
COUNSELLING = "Doradztwo zawodowe"
FORKLIFT = "Magazynier z obsługą wózków jezdniowych"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (each test works in its own rolled-back savepoint)."""
    with demo_loaded(django_db_blocker):
        yield


@pytest.fixture
def seed(db, demo):
    return Project.objects.get(short_name=SEED)


def coordinator_client(client):
    client.force_login(User.objects.get(username="koordynator"))
    return client


def pdf_text(pdf: bytes) -> str:
    tool = require_tool("pdftotext")
    text = subprocess.run(
        [tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def first_page_png(pdf: bytes, name: str) -> Path:
    """pdf-<name>.png (docs/screenshots with ``make screenshots``): the first page at 50 dpi."""
    tool = require_tool("pdftoppm")
    prefix = screenshot_dir() / f"pdf-{name}"
    subprocess.run(
        [tool, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-", str(prefix)],
        input=pdf, capture_output=True, check=True,
    )
    return prefix.with_suffix(".png")


def assert_rendered(path: Path):
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    # A4 at 50 dpi: about 413 × 585 pixels (portrait) or the other way round (landscape).
    assert sorted((width, height)) == pytest.approx([413, 585], abs=3)
    assert len(data) > 10_000  # a blank page compresses to a few hundred bytes


def download(client, url, **params) -> bytes:
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.getvalue()


def test_the_attendance_sheet_of_a_session(client, seed):
    session = (
        Session.objects.filter(support_form__project=seed, support_form__name=COUNSELLING,
                               kind=SessionKind.GROUP)
        .order_by("date", "start_time").first()
    )
    pdf = download(coordinator_client(client),
                   reverse("instruments:attendance_sheet_pdf", args=[session.pk]))

    text = pdf_text(pdf)
    assert COUNSELLING in text
    with translation.override("pl"):
        assert written_date(session.date) in text  # "2 listopada 2011 r."
    referred = Participation.objects.filter(referrals__support_form=session.support_form)
    assert referred.count() == 25
    assert all(str(participation.person) in text for participation in referred)
    assert_rendered(first_page_png(pdf, "attendance-sheet"))


def test_the_attendance_sheet_of_a_month(client, seed):
    support_form = seed.support_forms.get(name=COUNSELLING)
    pdf = download(coordinator_client(client),
                   reverse("instruments:attendance_month_pdf", args=[support_form.pk]),
                   month="2011-11")

    text = pdf_text(pdf)
    assert COUNSELLING in text
    days = {
        day.strftime("%d.%m") for day in support_form.sessions.filter(
            kind=SessionKind.GROUP, date__year=2011, date__month=11
        ).values_list("date", flat=True)
    }
    assert days and all(day in text for day in days)
    assert_rendered(first_page_png(pdf, "attendance-month"))


def test_the_social_contract(client, seed):
    contract = (
        SocialContract.objects.filter(participation__project=seed)
        .select_related("participation__person").order_by("pk").first()
    )
    pdf = download(coordinator_client(client),
                   reverse("contracts:contract_pdf", args=[contract.pk]))

    text = pdf_text(pdf)
    assert str(contract.participation.person) in text
    assert seed.lead_beneficiary.name in text
    with translation.override("pl"):
        signed, start, end = (written_date(day) for day in (
            contract.signed_on, contract.valid_from, contract.valid_to
        ))
    assert signed in text  # "3 października 2011 r."
    assert f"od {start} do {end}" in text
    assert_rendered(first_page_png(pdf, "contract"))


def test_the_training_certificate(client, seed):
    result = (
        TrainingResult.objects.filter(course__support_form__project=seed,
                                      course__support_form__name=FORKLIFT, completed=True)
        .select_related("participation__person").order_by("pk").first()
    )
    document = certificate_issue(
        kind=DocumentKind.TRAINING_CERTIFICATE, holder=Holder(result.participation, result),
        by=User.objects.get(username="koordynator"),
    )
    pdf = download(coordinator_client(client),
                   reverse("documents:document_pdf", args=[document.pk]))

    text = pdf_text(pdf)
    assert str(result.participation.person) in text
    assert FORKLIFT in text
    assert document.number in text and document.code_display in text
    assert_rendered(first_page_png(pdf, "training-certificate"))


def test_the_participation_certificate(client, seed):
    holder = participation_holders(seed)[0]
    document = certificate_issue(
        kind=DocumentKind.PARTICIPATION_CERTIFICATE, holder=holder,
        by=User.objects.get(username="koordynator"),
    )
    pdf = download(coordinator_client(client),
                   reverse("documents:document_pdf", args=[document.pk]))

    text = pdf_text(pdf)
    assert str(holder.participation.person) in text
    assert seed.title in text
    # The hours line: the one hours computation, counted here apart from the certificate's own.
    participation = holder.participation
    hours = total_hours_by_participation([participation])[participation.pk]
    assert hours > 0
    shown = f"{hours.normalize():f}".replace(".", ",")
    with translation.override("pl"):
        period = (f"od {written_date(participation.start_date)} do "
                  f"{written_date(participation.end_date)}, łącznie {shown} godzin")
    assert period in text  # "od 2 listopada 2011 r. do 9 grudnia 2011 r., łącznie 65 godzin"
    assert_rendered(first_page_png(pdf, "participation-certificate"))


def test_the_final_summary(client, seed):
    pdf = download(coordinator_client(client),
                   reverse("reporting:summary_preview", args=[seed.pk]))

    text = pdf_text(pdf)
    assert seed.title in text
    assert seed.agreement_number in text
    assert "30 listopada 2011 r." in text
    assert "r.." not in text  # a date ending a sentence keeps one full stop
    assert "Kierownik Miejskiego Ośrodka Pomocy Społecznej w Lubartowie" in text
    assert_rendered(first_page_png(pdf, "summary"))
