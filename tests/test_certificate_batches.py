"""Certificate batches in constant memory: written to a file chunk by chunk as they are issued,
re-printed from the stored PDFs sharing one background and its fonts, downloaded from storage."""

import io
import multiprocessing
import re
import subprocess
import sys
import tempfile
import tracemalloc

from django.core.management import call_command
from django.urls import reverse

from documents import certificates
from documents.batches import certificate_batch_request
from documents.certificates import certificates_issue, participation_holders
from documents.models import BatchStatus, DocumentKind, IssuedDocument
from documents.services import document_pdf
from participants.models import Participation, ParticipationStatus, Person

from .conftest import require_tool
from .factories import ParticipationFactory, PersonFactory

PARTICIPATION = DocumentKind.PARTICIPATION_CERTIFICATE


def completed_participants(project, count: int, *, prefix: str = "Nowak") -> None:
    """``count`` who completed the project, inserted at once (a factory each would be slow)."""
    people = []
    for index in range(count):
        person = PersonFactory.build(organisation=project.lead_beneficiary,
                                     last_name=f"{prefix}-{index:04d}")
        person.refresh_search_text()
        people.append(person)
    Person.objects.bulk_create(people)
    Participation.objects.bulk_create([
        ParticipationFactory.build(project=project, person=person,
                                   organisation=project.lead_beneficiary,
                                   status=ParticipationStatus.COMPLETED)
        for person in people
    ])


def page_texts(pdf: bytes) -> list[str]:
    tool = require_tool("pdftotext")
    pages = subprocess.run([tool, "-layout", "-", "-"], input=pdf, capture_output=True,
                           check=True).stdout.decode().split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


def test_a_reprint_is_the_stored_pages_on_a_shared_background(project, coordinator):
    completed_participants(project, 20)
    holders = participation_holders(project)
    fresh = certificates_issue(kind=PARTICIPATION, project=project, holders=holders,
                               by=coordinator)
    # Changed after issue: the re-print shows the record, what was issued.
    Person.objects.filter(last_name="Nowak-0003").update(first_name="Zmieniona")

    reprint = certificates_issue(kind=PARTICIPATION, project=project, holders=holders,
                                 by=coordinator)

    assert IssuedDocument.objects.count() == 20
    assert len(reprint) < 2 * len(fresh)  # each stored PDF embedded whole: 30 times
    texts = page_texts(reprint)
    assert len(texts) == 20
    for holder, text in zip(holders, texts, strict=True):
        document = IssuedDocument.objects.get(participation=holder.participation)
        assert text == page_texts(document_pdf(document))[0]
    assert "Zmieniona" not in " ".join(texts)


def test_a_batch_mixing_stored_and_new_pages_is_tagged_and_well_formed(project, coordinator):
    import pikepdf

    completed_participants(project, 6)
    holders = participation_holders(project)
    certificates_issue(kind=PARTICIPATION, project=project, holders=holders[::2],
                       by=coordinator)

    pdf = certificates_issue(kind=PARTICIPATION, project=project, holders=holders,
                             by=coordinator)

    document = pikepdf.open(io.BytesIO(pdf), attempt_recovery=False)
    assert document.check_pdf_syntax() == []
    assert len(document.pages) == 6
    # Stored and new pages share one background and one font: written once.
    assert len({page.Resources.XObject.Bg.Resources.Font.objgen
                for page in document.pages}) == 1
    assert len({page.Resources.Font.S1.objgen for page in document.pages}) == 1
    parents = document.Root.StructTreeRoot.ParentTree.Nums
    for page in document.pages:
        row = parents[2 * page.StructParents + 1]
        assert len(row) and all(element.Pg.objgen == page.objgen for element in row)
        assert parents[2 * page.Resources.XObject.Bg.StructParents + 1][0].Pg.objgen == \
            page.objgen
    numbers = [IssuedDocument.objects.get(participation=h.participation).number
               for h in holders]
    texts = page_texts(pdf)
    assert all(number in text for number, text in zip(numbers, texts, strict=True))


class Recording(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.largest = 0

    def write(self, data):
        self.largest = max(self.largest, len(data))
        return super().write(data)


def test_the_batch_is_written_to_the_file_as_each_chunk_is_issued(
    project, coordinator, monkeypatch
):
    monkeypatch.setattr(certificates, "CHUNK", 4)
    completed_participants(project, 12)
    out = Recording()
    written = []

    result = certificates_issue(
        kind=PARTICIPATION, project=project, holders=participation_holders(project),
        by=coordinator, output=out, progress=lambda done: written.append((done, out.tell())),
    )

    assert result is None
    assert [done for done, _size in written] == [4, 8, 12]
    sizes = [size for _done, size in written]
    assert 0 < sizes[0] < sizes[1] < sizes[2] < out.tell()  # the pages went out chunk by chunk
    assert out.largest < out.tell() / 4  # no write of the whole batch at once
    assert len(page_texts(out.getvalue())) == 12


def _peak(project, coordinator, holders) -> int:
    with tempfile.TemporaryFile() as out:
        tracemalloc.start()
        try:
            certificates_issue(kind=PARTICIPATION, project=project, holders=holders,
                               by=coordinator, output=out)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_a_batch_takes_the_memory_of_a_chunk_however_many_it_holds(
    project, coordinator, monkeypatch
):
    monkeypatch.setattr(certificates, "CHUNK", 20)  # both batches several chunks long
    completed_participants(project, 2, prefix="A")
    certificates_issue(kind=PARTICIPATION, project=project,  # fonts and background made
                       holders=participation_holders(project), by=coordinator)
    completed_participants(project, 40, prefix="B")
    small = _peak(project, coordinator, participation_holders(project)[2:42])
    completed_participants(project, 300, prefix="C")
    large = _peak(project, coordinator, participation_holders(project)[42:])
    reprint = _peak(project, coordinator, participation_holders(project))

    assert IssuedDocument.objects.count() == 342
    # Pages, documents and the file are let go chunk by chunk: what grows with the batch is a
    # few numbers per page (offsets, structure) and the holders' ids, far less than the 6 KB a
    # page takes in the file (260 more certificates: under 1 MB).
    assert large - small < 2**20, (small, large)
    assert reprint - small < 2**20, (small, reprint)


def test_a_batch_is_downloaded_from_its_stored_file(client, project, coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DOCUMENTS_BACKGROUND_FROM = 2
    completed_participants(project, 3)
    batch = certificate_batch_request(project=project, kind=PARTICIPATION, by=coordinator)
    assert batch.status == BatchStatus.DONE
    assert batch.file.name and batch.pdf is None
    client.force_login(coordinator)

    response = client.get(reverse("documents:batch_pdf", args=[batch.pk]))

    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    pdf = response.getvalue()
    with batch.file.open("rb") as stored:
        assert pdf == stored.read()
    assert len(page_texts(pdf)) == 3


def test_render_certificates_measures_the_issue_and_the_reprint(project, coordinator):
    completed_participants(project, 3)
    out = io.StringIO()

    call_command("render_certificates", project=project.short_name, count=2, measure=True,
                 by=coordinator.username, stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("issue: 2 certificates (2 newly issued)")
    assert lines[1].startswith("re-print: 2 certificates (0 newly issued)")
    assert all(re.search(r"peak PSS of the process tree [1-9]\d* MB", line) for line in lines)
    assert IssuedDocument.objects.count() == 2


def test_render_certificates_counts_only_the_children_of_the_batch(project, coordinator):
    """A child that ended before the batch (WeasyPrint's import forks the process to look for
    libraries) is not the batch's: the kernel's peak of the children would report it."""
    completed_participants(project, 2)
    subprocess.run([sys.executable, "-c", "b = b'x' * (120 * 2**20)"], check=True)
    out = io.StringIO()

    call_command("render_certificates", project=project.short_name, measure=True,
                 by=coordinator.username, stdout=out)

    children = re.findall(r"(\d+) MB largest child", out.getvalue())
    assert len(children) == 2 and all(int(size) < 100 for size in children), out.getvalue()


def test_a_stored_pdf_the_stamp_writer_did_not_make_is_reprinted_whole():
    from weasyprint import HTML

    from documents import stamp, stamp_stored

    older = HTML(string="<html lang='pl'><title>Z</title><p>Zaświadczenie nr 7 dla "
                        "Łucji Grzegorzewskiej</p></html>").write_pdf(pdf_variant="pdf/ua-1")
    page = stamp_stored.stored_page(older, stamp_stored.Shared())

    assert not page.fonts() and page.tagged()  # the whole page is its background
    assert page_texts(stamp.write_pdf([page, page])) == page_texts(older) * 2


def test_a_stored_blank_page_is_reprinted_blank():
    from pypdf import PdfWriter

    from documents import stamp, stamp_stored

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(buffer)
    page = stamp_stored.stored_page(buffer.getvalue(), stamp_stored.Shared())

    assert page_texts(stamp.write_pdf([page])) == []


def _resident_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def test_the_qr_workers_are_not_copies_of_the_grown_issuing_process():
    """A batch runs in a worker process that has grown (Django, WeasyPrint, the chunks): forked
    QR workers would each map all of it, and keep copies of every page it writes afterwards."""
    from documents import qr

    grown = b"x" * (160 * 2**20)  # the issuing process, 160 MB larger
    urls = [f"https://example.org/dokumenty/weryfikacja/{n:012d}"
            for n in range(certificates.POOL_FROM)]
    with certificates._qr_pools() as pools:
        pool = pools(len(urls))
        matrices = certificates._qr_matrices(urls, pool)
        workers = [process.pid for process in multiprocessing.active_children()]
        sizes = [_resident_mb(pid) for pid in workers]

    assert pool is not None and len(workers) == 2
    assert matrices == [qr.matrix(url) for url in urls]
    assert max(sizes) < 80, sizes  # a fresh interpreter with segno: about 25 MB
    assert len(grown) == 160 * 2**20


def test_a_chunk_is_stored_a_few_documents_an_insert(project, coordinator):
    """Each INSERT quotes its documents' PDFs (50 KB each) into the SQL text with PostgreSQL:
    a hundred in one statement built 20 MB of it at once, the largest part of a batch's peak."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents import services

    completed_participants(project, 45)
    with CaptureQueriesContext(connection) as queries:
        certificates_issue(kind=PARTICIPATION, project=project,
                           holders=participation_holders(project), by=coordinator)

    inserts = [query["sql"] for query in queries.captured_queries
               if query["sql"].startswith('INSERT INTO "documents_issueddocument"')]
    assert services.INSERT_BATCH == 20 and len(inserts) == 3
    assert IssuedDocument.objects.count() == 45
