"""Certificates: completion of a training course and participation in the project.

A certificate is an issued document (documents.services): numbered, its PDF frozen. The page is a
WeasyPrint background (templates/pdf/certificate.html, the same for every holder of
a course or project, one per grammatical gender) with the holder's lines stamped on it
(documents/stamp.py), which makes a thousand certificates take seconds, not a minute.
"""

import hashlib
import io
import multiprocessing
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, pgettext

from aktywizacja.dates import written_date
from aktywizacja.pdf import render_pdf
from instruments.hours import total_hours_by_participation
from participants.models import Participation, ParticipationStatus, Sex
from projects.models.programmes import marks_data_uri
from trainings.models import TrainingResult

from . import qr, stamp, stamp_stored
from .models import DocumentKind, IssuedDocument
from .services import document_issue, document_pdf, documents_issue

TEMPLATE = "pdf/certificate.html"
LANGUAGE = "pl"
CHUNK = 100  # documents per transaction in a batch: the register is locked for one chunk
POOL_FROM = 60  # below this many codes, a process pool costs more than it saves

# Where the stamped lines go, in millimetres from the top of an A4 page (the background's CSS
# leaves these bands empty).
CENTRE = 105
LAYOUT = {
    "number": 87,
    "duplicate": 94,
    "name": 119,
    "identity": 128,
    "period": 185,
    "place": 200,
    "qr": (25, 218, 36),  # left, top, size
    "code": 255,
}


@dataclass(frozen=True)
class Holder:
    """What a certificate says about its holder, read once for a batch."""

    participation: Participation
    training_result: TrainingResult | None
    hours: Decimal | None = None


# Who gets a certificate


class Holders(Sequence):
    """Who gets a certificate, in print order. Their ids are read at once; their rows (person,
    project, course) a chunk at a time as the holders are gone through, so ten thousand holders
    are not all in memory together."""

    def __init__(self, kind: str, keys: list[int]):
        self.kind, self.keys = kind, keys

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Holders(self.kind, self.keys[index])
        return self._load([self.keys[index]])[0]

    def __iter__(self) -> Iterator[Holder]:
        for start in range(0, len(self.keys), CHUNK):
            yield from self._load(self.keys[start:start + CHUNK])

    def _load(self, keys: list[int]) -> list[Holder]:
        if self.kind == DocumentKind.TRAINING_CERTIFICATE:
            return _training_rows(keys)
        return _participation_rows(keys)


def _training_rows(keys: list[int]) -> list[Holder]:
    results = TrainingResult.objects.filter(pk__in=keys).select_related(
        "participation__person", "participation__project",
        "course__support_form__project__lead_beneficiary",
        "course__support_form__project__programme", "course__support_form__provider",
    ).in_bulk()
    # One removed since the ids were read is left out, as a fresh read would leave it.
    return [Holder(results[key].participation, results[key]) for key in keys if key in results]


def _participation_rows(keys: list[int]) -> list[Holder]:
    participations = Participation.objects.filter(pk__in=keys).select_related(
        "person", "project__lead_beneficiary", "project__programme"
    ).in_bulk()
    ordered = [participations[key] for key in keys if key in participations]
    hours = total_hours_by_participation(ordered)
    return [Holder(p, None, hours.get(p.pk, Decimal(0))) for p in ordered]


def _training_keys(course, *, edition=None) -> list[int]:
    results = TrainingResult.objects.filter(course=course, completed=True)
    if edition is not None:
        results = results.filter(participation__edition=edition)
    return list(results.order_by("participation__person__last_name",
                                 "participation__person__first_name", "pk")
                .values_list("pk", flat=True))


def training_holders(course) -> Holders:
    return Holders(DocumentKind.TRAINING_CERTIFICATE, _training_keys(course))


def participation_holders(project, *, edition=None) -> Holders:
    participations = Participation.objects.filter(
        project=project, status=ParticipationStatus.COMPLETED
    )
    if edition is not None:
        participations = participations.filter(edition=edition)
    return Holders(DocumentKind.PARTICIPATION_CERTIFICATE, list(
        participations.order_by("person__last_name", "person__first_name", "pk")
        .values_list("pk", flat=True)
    ))


# The background


def _hours_text(hours: Decimal) -> str:
    number = hours.normalize() if hours == hours.to_integral() else hours
    return ngettext("%(hours)s hour", "%(hours)s hours", int(hours)) % {
        "hours": f"{number:f}".replace(".", ",")
    }


def _funding_text(project) -> str:
    """The funding sentence: the fund and the programme in the genitive where both are kept
    ("ze środków Europejskiego Funduszu Społecznego w ramach Programu Operacyjnego …"), else
    named after colons, in the nominative."""
    programme = project.programme
    if programme.fund_genitive and programme.name_genitive:
        first = _("Project “%(title)s” co-financed by the European Union from the %(fund)s under "
                  "%(programme)s") % {"title": project.title, "fund": programme.fund_genitive,
                                      "programme": programme.name_genitive}
    else:
        first = _("Project “%(title)s” co-financed by the European Union. Fund: %(fund)s. "
                  "Programme: %(programme)s") % {"title": project.title, "fund": programme.fund,
                                                 "programme": programme.name}
    parts = [first]
    if project.funding_line:
        parts.append(project.funding_line)
    if project.agreement_number:
        parts.append(_("agreement no. %(number)s") % {"number": project.agreement_number})
    return "; ".join(parts) + "."


def _training_body(support, provider, project, *, female: bool) -> str:
    """"ukończyła szkolenie … zrealizowane … przez Lubelską Fundację Rozwoju" with the
    provider's accusative kept, else "… Organizator szkolenia: Lubelska Fundacja Rozwoju"."""
    hours = Decimal(support.planned_group_hours) + Decimal(support.planned_individual_hours)
    values = {
        "course": support.name, "hours": f"{hours.normalize():f}".replace(".", ","),
        "start": written_date(support.start_date), "end": written_date(support.end_date),
        "provider": provider.name_accusative or provider.name, "project": project.title,
    }
    # Literal contexts, so that makemessages finds both grammatical genders.
    if provider.name_accusative:
        text = npgettext(
            "female",
            "completed the vocational training course “%(course)s” of %(hours)s hour, held from "
            "%(start)s to %(end)s by %(provider)s, within the project “%(project)s”.",
            "completed the vocational training course “%(course)s” of %(hours)s hours, held from "
            "%(start)s to %(end)s by %(provider)s, within the project “%(project)s”.",
            int(hours),
        ) if female else npgettext(
            "male",
            "completed the vocational training course “%(course)s” of %(hours)s hour, held from "
            "%(start)s to %(end)s by %(provider)s, within the project “%(project)s”.",
            "completed the vocational training course “%(course)s” of %(hours)s hours, held from "
            "%(start)s to %(end)s by %(provider)s, within the project “%(project)s”.",
            int(hours),
        )
    else:
        text = npgettext(
            "female",
            "completed the vocational training course “%(course)s” of %(hours)s hour, held from "
            "%(start)s to %(end)s within the project “%(project)s”. Course organiser: "
            "%(provider)s.",
            "completed the vocational training course “%(course)s” of %(hours)s hours, held from "
            "%(start)s to %(end)s within the project “%(project)s”. Course organiser: "
            "%(provider)s.",
            int(hours),
        ) if female else npgettext(
            "male",
            "completed the vocational training course “%(course)s” of %(hours)s hour, held from "
            "%(start)s to %(end)s within the project “%(project)s”. Course organiser: "
            "%(provider)s.",
            "completed the vocational training course “%(course)s” of %(hours)s hours, held from "
            "%(start)s to %(end)s within the project “%(project)s”. Course organiser: "
            "%(provider)s.",
            int(hours),
        )
    return text % values


def _participation_body(project, centre, *, female: bool) -> str:
    """"uczestniczyła w projekcie … realizowanym przez Lubelską Fundację Rozwoju" with the
    accusative kept, else "… Realizator projektu: Lubelska Fundacja Rozwoju"."""
    values = {"project": project.title, "centre": centre.name_accusative or centre.name}
    if centre.name_accusative:
        if female:
            text = pgettext("female",
                            "took part in the project “%(project)s” carried out by %(centre)s.")
        else:
            text = pgettext("male",
                            "took part in the project “%(project)s” carried out by %(centre)s.")
    elif female:
        text = pgettext("female",
                        "took part in the project “%(project)s”. Carried out by: %(centre)s.")
    else:
        text = pgettext("male",
                        "took part in the project “%(project)s”. Carried out by: %(centre)s.")
    return text % values


def background_context(document: IssuedDocument, holder: Holder) -> dict:
    project = document.project
    centre = project.lead_beneficiary
    female = holder.participation.person.sex == Sex.FEMALE
    if document.kind == DocumentKind.TRAINING_CERTIFICATE:
        support = holder.training_result.course.support_form
        subheading = _("of completion of a vocational training course")
        body = _training_body(support, support.provider or centre, project, female=female)
    else:
        subheading = _("of participation in the project")
        body = _participation_body(project, centre, female=female)
    signatory = centre.signatory_for(document.kind, on=timezone.localdate(document.issued_at))
    return {
        "heading": _("CERTIFICATE"),
        "subheading": subheading,
        "body": body,
        "funding_text": _funding_text(project),
        "marks": project.programme.marks.name,  # the strip's stored name: a new one, a new page
        "marks_alt": project.programme.marks_alt,
        "head_name": signatory.name,
        "head_title": signatory.title,
        "centre_name": centre.name,
        "verify_base": settings.SITE_URL.rstrip("/") + "/dokumenty/weryfikacja/",
    }


_backgrounds: OrderedDict[str, stamp.Background] = OrderedDict()


def background(context: dict) -> stamp.Background:
    """The rendered background, kept for reuse while its content (and language) is the same."""
    key = hashlib.sha256(
        repr((translation.get_language(), sorted(context.items()))).encode()
    ).hexdigest()
    if key in _backgrounds:
        _backgrounds.move_to_end(key)
        return _backgrounds[key]
    # The one PDF renderer lays the page out; only the holder's part is stamped on afterwards.
    rendered = stamp.background_from_pdf(render_pdf(
        TEMPLATE, {**context, "marks_uri": marks_data_uri(context["marks"])},
        language=translation.get_language() or "pl",
    ))
    _backgrounds[key] = rendered
    while len(_backgrounds) > 32:
        _backgrounds.popitem(last=False)
    return rendered


# The holder's lines


@contextmanager
def _qr_pools():
    """Gives the pool for a chunk of ``count`` codes: none for a few, else two processes
    (encoding is a batch's slowest step), started when first needed and kept for the batch.

    The workers are fresh interpreters that import only ``documents.qr`` (segno): forked, each
    would start as a copy of this process, grown by then with Django, WeasyPrint and the batch,
    and every page this process writes to afterwards would be held twice."""
    with ExitStack() as stack:
        pools = []

        def pool_for(count: int):
            if count < POOL_FROM:
                return None
            if not pools:
                pools.append(stack.enter_context(multiprocessing.get_context("spawn").Pool(2)))
            return pools[0]

        yield pool_for


def _qr_matrices(urls: list[str], pool) -> list:
    if pool is None:
        return [qr.matrix(url) for url in urls]
    return pool.map(qr.matrix, urls, chunksize=25)


def draw(document: IssuedDocument, holder: Holder, qr_matrix=None) -> stamp.Page:
    page = stamp.Page(background(background_context(document, holder)), stamp.Canvas())
    canvas = page.canvas
    canvas.text(_("No. %(number)s") % {"number": document.number}, top_mm=LAYOUT["number"],
                size=11, centre_mm=CENTRE, max_width_mm=170)
    if document.duplicate_of_id:
        original = document.duplicate_of
        canvas.text(
            _("DUPLICATE of certificate no. %(number)s issued on %(date)s")
            % {"number": original.number,
               "date": written_date(timezone.localdate(original.issued_at))},
            top_mm=LAYOUT["duplicate"], size=9, bold=True, centre_mm=CENTRE, max_width_mm=170,
        )
    person = holder.participation.person
    canvas.text(f"{person.first_name} {person.last_name}", top_mm=LAYOUT["name"], size=18,
                bold=True, centre_mm=CENTRE, max_width_mm=170)
    identity = holder_identity(person)
    if identity:
        canvas.text(identity, top_mm=LAYOUT["identity"], size=10, centre_mm=CENTRE,
                    max_width_mm=170)
    if document.kind == DocumentKind.PARTICIPATION_CERTIFICATE:
        participation = holder.participation
        canvas.text(
            _("from %(start)s to %(end)s, %(hours)s of support in total")
            % {"start": written_date(participation.start_date),
               "end": written_date(participation.end_date or document.project.end_date),
               "hours": _hours_text(holder.hours or Decimal(0))},
            top_mm=LAYOUT["period"], size=11, centre_mm=CENTRE, max_width_mm=170,
        )
    town = document.project.lead_beneficiary.town
    issued = written_date(timezone.localdate(document.issued_at))
    canvas.text(f"{town}, {issued}" if town else issued, top_mm=LAYOUT["place"], size=10,
                left_mm=20)
    left, top, size = LAYOUT["qr"]
    canvas.qr(qr_matrix or qr.matrix(document.verification_url), left_mm=left, top_mm=top,
              size_mm=size, alt=_("QR code of the address %(url)s")
              % {"url": document.verification_url})
    canvas.text(_("code %(code)s") % {"code": document.code_display}, top_mm=LAYOUT["code"],
                size=9, centre_mm=left + size / 2)
    return page


def holder_identity(person) -> str:
    """What identifies the holder besides the name, as settings.CERTIFICATE_HOLDER_ID says:
    the date of birth (the default), the PESEL, or nothing."""
    chosen = settings.CERTIFICATE_HOLDER_ID
    if chosen == "pesel" and person.pesel:
        return _("PESEL %(pesel)s") % {"pesel": person.pesel}
    if chosen in ("birth_date", "pesel") and person.birth_date:
        born = (pgettext("female", "born on %(date)s") if person.sex == Sex.FEMALE
                else pgettext("male", "born on %(date)s"))
        return born % {"date": written_date(person.birth_date)}
    return ""


def _title(document: IssuedDocument) -> str:
    return f"{document.get_kind_display()} {document.number}"


def renderer(holder: Holder) -> Callable[[IssuedDocument], bytes]:
    def render(document: IssuedDocument) -> bytes:
        with translation.override(LANGUAGE):
            return stamp.write_pdf([draw(document, holder)], title=_title(document))

    return render


# Issuing


def _existing(kind: str, holder: Holder) -> IssuedDocument | None:
    lookup = (
        Q(training_result=holder.training_result)
        if kind == DocumentKind.TRAINING_CERTIFICATE
        else Q(participation=holder.participation)
    )
    return IssuedDocument.objects.filter(
        lookup, kind=kind, duplicate_of__isnull=True, revoked=False
    ).first()


def _existing_for(kind: str, holders: list[Holder]) -> dict[int, IssuedDocument]:
    """The valid originals already issued to the holders, keyed by ``id(holder)``; one query."""
    training = kind == DocumentKind.TRAINING_CERTIFICATE
    keys = {
        (h.training_result.pk if training else h.participation.pk): id(h) for h in holders
    }
    lookup = "training_result_id" if training else "participation_id"
    found = IssuedDocument.objects.filter(
        **{f"{lookup}__in": list(keys)}, kind=kind, duplicate_of__isnull=True, revoked=False
    )
    return {keys[getattr(document, lookup)]: document for document in found}


def certificate_issue(*, kind: str, holder: Holder, by, duplicate: bool = False) -> IssuedDocument:
    """The holder's certificate: the frozen original if issued, else a new one.

    ``duplicate`` issues a new numbered copy marked as a duplicate of the original (a lost one).
    """
    original = _existing(kind, holder)
    if original is not None and not duplicate:
        return original
    return document_issue(
        project=holder.participation.project, kind=kind, by=by, render=renderer(holder),
        participation=holder.participation, training_result=holder.training_result,
        duplicate_of=original if duplicate else None,
    )


def _issue_chunk(kind, project, by, holders: list[Holder], pool) -> list[stamp.Page]:
    pages: list[stamp.Page] = []

    def render_many(documents: list[IssuedDocument]) -> list[bytes]:
        matrices = _qr_matrices([document.verification_url for document in documents], pool)
        with translation.override(LANGUAGE):
            for document, holder, matrix in zip(documents, holders, matrices, strict=True):
                pages.append(draw(document, holder, matrix))
            return [
                stamp.write_pdf([page], title=_title(document))
                for page, document in zip(pages, documents, strict=True)
            ]

    documents_issue(
        project=project, kind=kind, by=by, render_many=render_many,
        holders=[{"participation": h.participation, "training_result": h.training_result}
                 for h in holders],
    )
    return pages


def _chunks(holders: Iterable[Holder]) -> Iterator[list[Holder]]:
    chunk: list[Holder] = []
    for holder in holders:
        chunk.append(holder)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _chunk_pages(kind, project, by, chunk: list[Holder], pools, shared) -> list:
    """The chunk's pages in order: the missing certificates issued (one transaction) and drawn,
    those issued before read from their stored PDFs (the record, as it was issued)."""
    existing = _existing_for(kind, chunk)
    missing = [holder for holder in chunk if id(holder) not in existing]
    drawn = dict(zip(
        map(id, missing),
        _issue_chunk(kind, project, by, missing, pools(len(missing))) if missing else [],
        strict=True,
    ))
    return [
        drawn[id(holder)] if id(holder) not in existing
        else stamp_stored.stored_page(document_pdf(existing[id(holder)]), shared)
        for holder in chunk
    ]


def certificates_issue(
    *, kind: str, project, holders: Iterable[Holder], by,
    progress: Callable[[int], None] | None = None, output: BinaryIO | None = None,
) -> bytes | None:
    """Issues what is missing and writes all the holders' certificates as one PDF, in order:
    to ``output`` (a binary file) as it goes, or returned when no file is given.

    Chunk by chunk: the holders' rows are read (``Holders``), the missing certificates issued
    (numbered, frozen, stored) and the chunk's pages written, then let go, so ten thousand take
    the memory of a hundred. One issued before is re-printed from its stored PDF: the record's
    own page, on the background and with the fonts the batch writes once.

    Chunks commit one by one: a failure keeps the chunks before it (numbered, frozen) and a rerun
    takes them as issued, so numbers are never spent twice.
    """
    target = io.BytesIO() if output is None else output
    shared = stamp_stored.Shared()
    done = 0
    with _qr_pools() as pools, stamp.PdfFile(target, title=_batch_title(kind, project),
                                             language=LANGUAGE) as pdf:
        for chunk in _chunks(holders):
            for page in _chunk_pages(kind, project, by, chunk, pools, shared):
                pdf.add(page)
            done += len(chunk)
            _forget_queries()
            if progress:
                progress(done)
    return target.getvalue() if output is None else None


def _forget_queries() -> None:
    """With DEBUG on (the default outside production) Django keeps the last 9,000 queries' SQL,
    and a chunk's INSERT quotes its hundred PDFs into it: kept, they would fill the memory that
    the chunks let go. A query count being taken (a test's) keeps its queries."""
    for connection in connections.all(initialized_only=True):
        if not connection.force_debug_cursor:
            connection.queries_log.clear()


def _batch_title(kind: str, project) -> str:
    """What a batch's PDF calls itself (its reader's window title, assistive technology)."""
    with translation.override(LANGUAGE):
        return f"{DocumentKind(kind).label} — {project.short_name}"


def holders_for(*, kind: str, project, course=None, edition=None) -> Holders:
    if kind == DocumentKind.TRAINING_CERTIFICATE:
        courses = [course] if course is not None else list(
            project.support_forms.filter(course__isnull=False).values_list("course", flat=True)
        )
        keys: list[int] = []
        for item in courses:
            keys += _training_keys(item, edition=edition)
        return Holders(kind, keys)
    return participation_holders(project, edition=edition)
