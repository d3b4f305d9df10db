"""The fast certificate writer (documents/stamp.py) writes PDF objects by hand: qpdf (through
pikepdf) reads what it wrote as a PDF reader would, strictly, with no repair."""

import io
from datetime import time

import pikepdf
import pytest
from django.utils.translation import override

from documents.certificates import certificate_issue, certificates_issue, participation_holders
from documents.models import DocumentKind
from documents.services import document_pdf
from instruments.models import Attendance
from participants.models import ParticipationStatus

from .factories import ParticipationFactory, PersonFactory, SessionFactory

PARTICIPATION = DocumentKind.PARTICIPATION_CERTIFICATE
NAMES = [("Łucja", "Grzegorzewska"), ("Олена", "Коваленко"), ("Li", "Wei 李伟")]


@pytest.fixture
def completed(project):
    session = SessionFactory(support_form__project=project, start_time=time(9), end_time=time(12))
    for first, last in NAMES:
        participation = ParticipationFactory(
            project=project, status=ParticipationStatus.COMPLETED,
            person=PersonFactory(first_name=first, last_name=last),
        )
        Attendance.objects.create(session=session, participation=participation, present=True)
    return project


def strictly_read(pdf: bytes) -> pikepdf.Pdf:
    """The PDF as qpdf reads it without repairing anything: a wrong cross-reference offset, a
    stream length that lies or an object that does not parse fails here."""
    document = pikepdf.open(io.BytesIO(pdf), attempt_recovery=False)
    assert document.check_pdf_syntax() == []
    return document


def test_a_batch_is_a_well_formed_pdf_sharing_its_background_and_fonts(completed, coordinator):
    holders = participation_holders(completed)

    pdf = certificates_issue(kind=PARTICIPATION, project=completed, holders=holders,
                             by=coordinator)

    document = strictly_read(pdf)
    assert len(document.pages) == len(NAMES)
    # Rendered once, placed on every page: each page has its own copy of the background's
    # content (its tags belong to the page's structure), its fonts are written once.
    backgrounds = {page.Resources.XObject.Bg.Resources.Font.objgen for page in document.pages}
    assert len(backgrounds) == 1
    regular = {page.Resources.Font.S1.objgen for page in document.pages}
    assert len(regular) == 1  # the Latin subset written once for the batch
    for page in document.pages:
        for font in page.Resources.Font.values():
            assert font.Subtype == "/Type0"
            assert "/ToUnicode" in font  # the text extracts and searches
    with override("pl"):
        assert str(document.docinfo.Title) == f"{PARTICIPATION.label} — {completed.short_name}"


def test_each_stored_certificate_is_a_complete_pdf_on_its_own(completed, coordinator):
    holders = participation_holders(completed)
    documents = [certificate_issue(kind=PARTICIPATION, holder=holder, by=coordinator)
                 for holder in holders]

    for issued in documents:
        document = strictly_read(document_pdf(issued))
        assert len(document.pages) == 1
        assert "/Bg" in document.pages[0].Resources.XObject


def structure_texts(document: pikepdf.Pdf) -> list[tuple[str, str]]:
    """The structure elements under the Document, in order: (type, what they hold), where a
    stamped line's MCIDs are looked up on its page and a background's through /Stm."""
    elements = document.Root.StructTreeRoot.K.K
    return [(str(element.S), "stm" if any(isinstance(kid, pikepdf.Dictionary)
                                             for kid in element.K) else "page")
            for element in elements]


def test_a_batch_is_tagged_page_by_page(completed, coordinator):
    pdf = certificates_issue(kind=PARTICIPATION, project=completed,
                             holders=participation_holders(completed), by=coordinator)

    document = strictly_read(pdf)
    assert document.Root.MarkInfo.Marked is True
    parents = document.Root.StructTreeRoot.ParentTree.Nums
    for index, page in enumerate(document.pages):
        assert page.StructParents == 2 * index
        form = page.Resources.XObject.Bg
        assert form.StructParents == 2 * index + 1
        # Every MCID of the page and of its background has its parent element on that page.
        for key, mcids in ((page.StructParents, page_mcids(page.Contents.read_bytes())),
                           (form.StructParents, page_mcids(form.read_bytes()))):
            row = parents[2 * key + 1]
            assert mcids and all(row[mcid].Pg.objgen == page.objgen for mcid in mcids)
    assert len(structure_texts(document)) == 3 * len(structure_texts(strictly_read(
        document_pdf(certificate_issue(kind=PARTICIPATION,
                                       holder=participation_holders(completed)[0],
                                       by=coordinator))
    )))


def page_mcids(content: bytes) -> list[int]:
    import re

    return [int(number) for number in re.findall(rb"<</MCID (\d+)>>", content)]
