"""Every kind of PDF the application writes is tagged for assistive technology: the language and
the title declared, a structure tree, and the text extractable (issue 12, point 5)."""

import io
from datetime import timedelta

import pikepdf
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import User
from contracts.models import SocialContract
from contracts.services import contract_amend
from documents.certificates import (
    Holder,
    certificate_issue,
    certificates_issue,
    participation_holders,
)
from documents.models import DocumentKind
from instruments.models import Session, SessionKind
from trainings.models import TrainingResult

from .test_document_renders import COUNSELLING, FORKLIFT, coordinator_client, demo, seed

__all__ = ["demo", "seed"]  # the module's fixtures, shared


def assert_tagged(pdf: bytes, *, expected_text: str) -> pikepdf.Pdf:
    document = pikepdf.open(io.BytesIO(pdf))
    root = document.Root
    assert str(root.Lang) == "pl"
    assert str(document.docinfo.Title).strip()
    assert root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in root and "/K" in root.StructTreeRoot
    elements = [obj for obj in document.objects
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"]
    assert len(elements) > 3
    assert root.ViewerPreferences.DisplayDocTitle is True
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert expected_text in " ".join(text.split())
    return document


def get(client, url, **params) -> bytes:
    response = coordinator_client(client).get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.getvalue()


def coordinator():
    return User.objects.get(username="koordynator")


def test_the_attendance_sheets(client, seed):
    session = Session.objects.filter(support_form__project=seed, support_form__name=COUNSELLING,
                                     kind=SessionKind.GROUP).order_by("date").first()
    assert_tagged(get(client, reverse("instruments:attendance_sheet_pdf", args=[session.pk])),
                  expected_text=COUNSELLING)
    assert_tagged(get(client, reverse("instruments:attendance_month_pdf",
                                      args=[session.support_form.pk]), month="2011-11"),
                  expected_text=COUNSELLING)


def test_the_contract_and_its_annex(client, seed):
    contract = SocialContract.objects.filter(participation__project=seed).order_by("pk").first()
    person = str(contract.participation.person)
    assert_tagged(get(client, reverse("contracts:contract_pdf", args=[contract.pk])),
                  expected_text=person)
    contract = next(item for item in SocialContract.objects.for_user(coordinator())
                    .select_related("participation__person").order_by("pk") if item.in_force)
    person = str(contract.participation.person)
    amendment = contract_amend(contract=contract, on=contract.valid_from + timedelta(days=1),
                               description="Przedłużenie", by=coordinator(),
                               expected_version=contract.version,
                               valid_to=contract.valid_to + timedelta(days=10))
    assert_tagged(get(client, reverse("contracts:amendment_pdf", args=[amendment.pk])),
                  expected_text=person)


def test_the_summary_and_the_claim_report(client, seed):
    assert_tagged(get(client, reverse("reporting:summary_preview", args=[seed.pk])),
                  expected_text=seed.title)
    assert_tagged(get(client, reverse("reporting:claim_download", args=[seed.pk, "pdf"]),
                      od="01.10.2011", do="31.12.2011"),
                  expected_text=seed.short_name)


def test_a_stamped_certificate_keeps_its_tags_in_reading_order(client, seed):
    result = (TrainingResult.objects.filter(course__support_form__project=seed,
                                            course__support_form__name=FORKLIFT, completed=True)
              .select_related("participation__person").order_by("pk").first())
    document = certificate_issue(kind=DocumentKind.TRAINING_CERTIFICATE,
                                 holder=Holder(result.participation, result), by=coordinator())
    name = str(result.participation.person)

    pdf = assert_tagged(get(client, reverse("documents:document_pdf", args=[document.pk])),
                        expected_text=name)

    elements = list(pdf.Root.StructTreeRoot.K.K)
    kinds = [str(element.S) for element in elements]
    assert kinds[0] == "/Figure" and str(elements[0].Alt)  # the marks, described
    assert "/H1" in kinds
    # The holder's name (stamped) comes after the heading and before the body (background).
    stamped = [index for index, element in enumerate(elements)
               if all(isinstance(kid, int) for kid in element.K)]
    assert kinds.index("/H1") < stamped[1] < len(kinds) - 1
    qr = [element for element in elements if element.S == "/Figure" and element is not elements[0]]
    assert qr and document.verification_url in str(qr[0].Alt)


def test_a_batch_of_certificates(seed):
    holders = participation_holders(seed)[:3]
    pdf = certificates_issue(kind=DocumentKind.PARTICIPATION_CERTIFICATE, project=seed,
                             holders=holders, by=coordinator())
    assert_tagged(pdf, expected_text=str(holders[2].participation.person))
