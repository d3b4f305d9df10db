"""Certificates: completion of a training course and participation in the project.

A certificate is an issued document (documents.services): numbered, its PDF frozen. The page is a
WeasyPrint background (templates/pdf/certificate.html, the same for every holder of
a course or project, one per grammatical gender) with the holder's lines stamped on it
(documents/stamp.py), which makes a thousand certificates take seconds, not a minute.
"""

import hashlib
import multiprocessing
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings
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

from . import stamp
from .models import DocumentKind, IssuedDocument
from .services import document_issue, documents_issue

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


def training_holders(course) -> list[Holder]:
    results = (
        TrainingResult.objects.filter(course=course, completed=True)
        .select_related("participation__person", "participation__project",
                        "course__support_form__project__lead_beneficiary",
                        "course__support_form__project__programme",
                        "course__support_form__provider")
        .order_by("participation__person__last_name", "participation__person__first_name", "pk")
    )
    return [Holder(result.participation, result) for result in results]


def participation_holders(project, *, edition=None) -> list[Holder]:
    participations = Participation.objects.filter(
        project=project, status=ParticipationStatus.COMPLETED
    ).select_related("person", "project__lead_beneficiary", "project__programme")
    if edition is not None:
        participations = participations.filter(edition=edition)
    participations = list(participations.order_by("person__last_name", "person__first_name", "pk"))
    hours = total_hours_by_participation(participations)
    return [Holder(p, None, hours.get(p.pk, Decimal(0))) for p in participations]


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


def _qr_matrix(url: str):
    # A fixed mask: choosing the best of eight costs 15 ms a code, and every mask is valid.
    return segno.make(url, error="m", mask=2, boost_error=False).matrix


@contextmanager
def _qr_pool(count: int):
    """Two processes for the QR codes of a large batch (encoding is its slowest step)."""
    if count < POOL_FROM:
        yield None
        return
    with multiprocessing.get_context("fork").Pool(2) as pool:
        yield pool


def _qr_matrices(urls: list[str], pool) -> list:
    if pool is None:
        return [_qr_matrix(url) for url in urls]
    return pool.map(_qr_matrix, urls, chunksize=25)


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
    canvas.qr(qr_matrix or _qr_matrix(document.verification_url), left_mm=left, top_mm=top,
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


def certificates_issue(
    *, kind: str, project, holders: list[Holder], by,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Issues what is missing and returns all the holders' certificates as one PDF.

    Chunks commit one by one: a failure keeps the chunks before it (numbered, frozen) and a rerun
    takes them as issued, so numbers are never spent twice and no file is half-written.
    """
    existing = _existing_for(kind, holders)
    missing = [holder for holder in holders if id(holder) not in existing]
    new_pages: dict[int, stamp.Page] = {}
    done = len(existing)
    if progress:
        progress(done)
    with _qr_pool(len(missing)) as pool:
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start:start + CHUNK]
            pages = _issue_chunk(kind, project, by, chunk, pool)
            for holder, page in zip(chunk, pages, strict=True):
                new_pages[id(holder)] = page
            done += len(chunk)
            if progress:
                progress(done)
    if not existing:
        return stamp.write_pdf([new_pages[id(holder)] for holder in holders],
                               title=_batch_title(kind, project))
    return _merge(holders, existing, new_pages, title=_batch_title(kind, project))


def _batch_title(kind: str, project) -> str:
    """What a batch's PDF calls itself (its reader's window title, assistive technology)."""
    with translation.override(LANGUAGE):
        return f"{DocumentKind(kind).label} — {project.short_name}"


def _merge(holders, existing, new_pages, *, title: str) -> bytes:
    """Frozen copies issued before go into the batch as they are (pypdf), in the holders' order."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for holder in holders:
        if id(holder) in existing:
            pdf = bytes(existing[id(holder)].pdf)
        else:
            pdf = stamp.write_pdf([new_pages[id(holder)]])
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title, "/Producer": "Aktywizacja"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def holders_for(*, kind: str, project, course=None, edition=None) -> list[Holder]:
    if kind == DocumentKind.TRAINING_CERTIFICATE:
        courses = [course] if course is not None else list(
            project.support_forms.filter(course__isnull=False).values_list("course", flat=True)
        )
        from trainings.models import TrainingCourse

        holders = []
        for item in courses:
            item = item if isinstance(item, TrainingCourse) else TrainingCourse.objects.get(pk=item)
            holders += [h for h in training_holders(item)
                        if edition is None or h.participation.edition_id == edition.pk]
        return holders
    return participation_holders(project, edition=edition)
