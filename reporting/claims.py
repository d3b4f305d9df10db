"""The report of a payment-claim period (wniosek o płatność): for the days from ``first`` to
``last``, who started support and who finished, the hours delivered per support form, the
documents issued and the results achieved. Every count is of events dated inside the period,
so the reports of consecutive periods add up to the whole project (tests/test_claims.py).
"""

import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from contracts.models import Amendment, SocialContract
from documents.models import DocumentKind, IssuedDocument
from instruments.hours import support_form_hours
from participants.models import TAKING_PART, Participation, ParticipationStatus
from results.models import Employment, SocialProgress
from trainings.models import TrainingResult

# How a participation ends, in the order the report lists them.
ENDED = [ParticipationStatus.COMPLETED, ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED]


@dataclass(frozen=True)
class Counted:
    """People counted by sex and disability (the equal-opportunity breakdown)."""

    label: str
    total: int
    women: int
    men: int
    disabled: int


@dataclass(frozen=True)
class FormHours:
    name: str
    instrument: str
    group_hours: object  # Decimal
    individual_hours: object
    sessions: int


@dataclass(frozen=True)
class ClaimReport:
    project: object
    first: date
    last: date
    started: list[Counted]  # all, then by edition
    finished: list[Counted]  # by how the participation ended
    hours: list[FormHours]
    documents: list[tuple[str, int]]  # (kind, issued in the period)
    results: list[tuple[str, int]]  # (result, people with it in the period)

    @property
    def people(self) -> list[tuple[str, list[Counted]]]:
        """The two tables of people, with their titles."""
        return [(_("Started support"), self.started),
                (_("Finished participation"), self.finished)]


def _counted(label: str, counts: dict) -> Counted:
    return Counted(str(label), counts["total"], counts["women"], counts["men"],
                   counts["disabled"])


def _started(project, first: date, last: date) -> list[Counted]:
    """People who started support in the period (new participants): all, then by edition, in
    one query."""
    groups, labels = {"all": Q()}, {"all": _("All who started")}
    editions = list(project.editions.all())
    for edition in editions:
        groups[f"edition-{edition.pk}"], labels[f"edition-{edition.pk}"] = (
            Q(edition=edition), str(edition)
        )
    if editions:
        groups["none"], labels["none"] = Q(edition__isnull=True), _("Without an edition")
    counts = (
        Participation.objects.filter(project=project, status__in=TAKING_PART,
                                     start_date__range=(first, last))
        .by_sex_and_disability(groups)
    )
    return [_counted(labels[key], counts[key]) for key in groups
            if key != "none" or counts[key]["total"]]


def _finished(project, first: date, last: date) -> list[Counted]:
    """People whose participation ended in the period, by how it ended (one query)."""
    groups = {status: Q(status=status) for status in ENDED}
    counts = (
        Participation.objects.filter(project=project, status__in=ENDED,
                                     end_date__range=(first, last))
        .by_sex_and_disability(groups)
    )
    labels = {  # people counted, not one person's status ("ukończył udział")
        ParticipationStatus.COMPLETED: _("Completed their participation"),
        ParticipationStatus.RESIGNED: _("Resigned"),
        ParticipationStatus.REMOVED: _("Removed from the project"),
    }
    return [_counted(labels[key], counts[key]) for key in groups]


def _hours(project, first: date, last: date) -> list[FormHours]:
    return [
        FormHours(row.support_form.name, row.support_form.get_instrument_display(),
                  row.delivered_group_hours, row.delivered_individual_hours, row.sessions)
        for row in support_form_hours(project, as_of=last, since=first)
        if row.sessions
    ]


def _documents(project, first: date, last: date) -> list[tuple[str, int]]:
    """Certificates issued and contracts and annexes signed in the period, by kind."""
    issued = dict(
        IssuedDocument.objects.filter(project=project, issued_at__date__range=(first, last))
        .values_list("kind").annotate(count=Count("pk")).order_by()
    )
    signed = dict(
        SocialContract.objects.filter(project=project, signed_on__range=(first, last))
        .values_list("kind").annotate(count=Count("pk")).order_by()
    )
    annexes = Amendment.objects.filter(contract__project=project,
                                       date__range=(first, last)).count()
    counts = issued | signed | {DocumentKind.CONTRACT_ANNEX: annexes}
    return [(str(kind.label), counts.get(kind.value, 0)) for kind in DocumentKind]


def _results(project, first: date, last: date) -> list[tuple[str, int]]:
    """Results dated in the period: each counts once, in the period of its date."""
    period = (first, last)
    people = Participation.objects.filter(project=project)
    return [
        (_("Completed the individual path"), people.filter(
            status=ParticipationStatus.COMPLETED, path_completed=True, end_date__range=period
        ).count()),
        (_("Qualifications obtained (certified by an external body)"),
         TrainingResult.objects.filter(participation__project=project,
                                       document_date__range=period).qualifications().count()),
        (_("Employment taken up"), Employment.objects.filter(
            participation__project=project, start_date__range=period
        ).count()),
        (_("Documented social progress"), SocialProgress.objects.filter(
            participation__project=project, date__range=period
        ).count()),
    ]


def claim_report(project, first: date, last: date) -> ClaimReport:
    """The report of the period from ``first`` to ``last`` (both included)."""
    return ClaimReport(
        project=project, first=first, last=last,
        started=_started(project, first, last), finished=_finished(project, first, last),
        hours=_hours(project, first, last), documents=_documents(project, first, last),
        results=_results(project, first, last),
    )


def claim_xlsx(report: ClaimReport) -> bytes:
    """The report as a workbook: one sheet, a block per part, numbers stored as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Okres rozliczeniowy"
    bold = Font(bold=True)

    def heading(text):
        sheet.append([])
        sheet.append([text])
        sheet.cell(sheet.max_row, 1).font = bold

    sheet.append([report.project.title])
    sheet.cell(1, 1).font = bold
    sheet.append([_("Period"), report.first, report.last])
    for column in (2, 3):
        sheet.cell(2, column).number_format = "DD.MM.YYYY"
    for title, rows in report.people:
        heading(title)
        sheet.append(["", _("People"), _("Women"), _("Men"), _("With a disability")])
        for row in rows:
            sheet.append([row.label, row.total, row.women, row.men, row.disabled])
    heading(_("Hours delivered"))
    sheet.append([_("Support form"), _("Instrument"), _("Group hours"), _("Individual hours"),
                  _("Sessions")])
    for row in report.hours:
        sheet.append([row.name, row.instrument, float(row.group_hours),
                      float(row.individual_hours), row.sessions])
    heading(_("Documents issued and signed"))
    for label, count in report.documents:
        sheet.append([label, count])
    heading(_("Results achieved"))
    for label, count in report.results:
        sheet.append([label, count])
    sheet.column_dimensions["A"].width = 60
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def claim_filename(report: ClaimReport, extension: str) -> str:
    return (f"okres-{report.project.short_name}-{report.first:%Y-%m-%d}-"
            f"{report.last:%Y-%m-%d}.{extension}")
