"""Each programme's logo strip, uploaded by the administrator, heads its projects' documents;
no strip, no marks, and never another period's (issue 12, point 2)."""

import io
from datetime import date, time

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from demo.marks import sample_strip
from documents.certificates import certificate_issue, participation_holders
from documents.models import DocumentKind
from documents.services import document_pdf
from instruments.models import Attendance
from participants.models import ParticipationStatus
from projects.models import FundingProgramme

from .factories import ParticipationFactory, PersonFactory, SessionFactory, UserFactory
from .helpers.forms import form_data, formset_data

PO_KL, FEL = "po-kl-2007-2013", "fel-2021-2027"


def strip(programme: FundingProgramme, width: int) -> None:
    """A plain PNG ``width`` pixels wide (its width tells the strips apart in the PDF)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, 100), "navy").save(buffer, "PNG")
    programme.marks.save(f"{programme.code}.png", ContentFile(buffer.getvalue()))


def image_widths(pdf: bytes) -> set[int]:
    """The widths of the images in the PDF, wherever they are (page, background form)."""
    document = pikepdf.open(io.BytesIO(pdf))
    return {int(obj.Width) for obj in document.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"}


@pytest.fixture
def po_kl_project(project):
    project.programme = FundingProgramme.objects.get(code=PO_KL)
    project.start_date, project.end_date = date(2011, 1, 1), date(2011, 12, 31)
    project.save()
    session = SessionFactory(support_form__project=project, date=date(2011, 11, 2),
                             start_time=time(9), end_time=time(12))
    participation = ParticipationFactory(
        project=project, status=ParticipationStatus.COMPLETED,
        person=PersonFactory(first_name="Łucja", last_name="Grzegorzewska"),
    )
    Attendance.objects.create(session=session, participation=participation, present=True)
    return project


def certificate(project, by) -> bytes:
    document = certificate_issue(kind=DocumentKind.PARTICIPATION_CERTIFICATE,
                                 holder=participation_holders(project)[0], by=by)
    return document_pdf(document)


def test_a_2011_certificate_never_prints_the_2021_2027_strip(po_kl_project, coordinator):
    strip(FundingProgramme.objects.get(code=FEL), 1600)

    pdf = certificate(po_kl_project, coordinator)

    assert image_widths(pdf) == set()  # PO KL has no strip uploaded: no marks at all
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Łucja Grzegorzewska" in text
    assert "Fundusze Europejskie" not in text  # the 2021–2027 strip's words, drawn or described
    document = pikepdf.open(io.BytesIO(pdf))
    structure = document.Root.StructTreeRoot.K.K
    assert not [element for element in structure if "Fundusze" in str(element.get("/Alt", ""))]


def test_the_uploaded_strip_of_the_projects_programme_heads_its_documents(
        po_kl_project, coordinator, client):
    strip(FundingProgramme.objects.get(code=FEL), 1600)
    strip(FundingProgramme.objects.get(code=PO_KL), 1200)
    client.force_login(coordinator)
    session = po_kl_project.support_forms.get().sessions.get()

    pdfs = {
        "certificate": certificate(po_kl_project, coordinator),
        "summary": client.get(reverse("reporting:summary_preview", args=[po_kl_project.pk])),
        "attendance": client.get(reverse("instruments:attendance_sheet_pdf", args=[session.pk])),
    }

    for name, pdf in pdfs.items():
        data = pdf if isinstance(pdf, bytes) else pdf.getvalue()
        assert image_widths(data) == {1200}, name


def test_the_administrator_uploads_a_strip_and_nothing_else(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    programme = FundingProgramme.objects.get(code=PO_KL)
    url = reverse("admin:projects_fundingprogramme_change", args=[programme.pk])
    page = client.get(url)  # the page as the browser sends it: the form and its rules' rows
    fields = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        fields |= formset_data(inline.formset)
    fields.pop("marks", None)

    refused = client.post(url, fields | {"marks": ContentFile(b"<svg/>", name="x.png")})
    assert refused.status_code == 200 and "PNG" in refused.content.decode()
    client.post(url, fields | {"marks": ContentFile(sample_strip(programme), name="pasek.png"),
                               "marks_description": "Znaki PO KL"})

    programme.refresh_from_db()
    assert programme.marks.name.startswith("programmes/marks/pasek")
    assert programme.marks_data_uri().startswith("data:image/png;base64,")


def test_only_the_administrator_edits_programmes(client, coordinator):
    client.force_login(coordinator)
    programme = FundingProgramme.objects.get(code=PO_KL)
    response = client.get(reverse("admin:projects_fundingprogramme_change", args=[programme.pk]))
    assert response.status_code == 302  # to the admin's sign-in: not staff
