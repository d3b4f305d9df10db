"""Who attended: the grid of referred participants × sessions (one mark at a time, or everyone
present at once), and the attendance sheets to print and sign (a session's, a month's)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.dates import month_end
from aktywizacja.downloads import pdf_download
from aktywizacja.pdf import render_pdf
from participants.models import Participation
from projects.access import ProjectPermissions, get_object_for_user
from projects.models import SignatoryKind

from ..hours import ZERO, hours_by_participation
from ..models import Attendance, Session, SessionKind, minutes_to_hours
from ..services import attendance_all_present as attendance_all_present_service
from ..services import attendance_set
from .lookups import CHANGE_ATTENDANCE, VIEW_ATTENDANCE, referred, support_form_for


@dataclass
class GridCell:
    session: Session
    present: bool
    # Whether it can be marked: a consultation is for its own participant only, and a session
    # counts for someone taking part on its day, once it has taken place.
    applies: bool

    def value(self, participation) -> str:
        """What pressing the cell asks for: this session, this person, the other state."""
        return f"{self.session.pk}:{participation.pk}:{0 if self.present else 1}"


@dataclass
class GridRow:
    participation: Participation
    cells: list[GridCell]
    hours: Decimal

    @property
    def values(self):
        return [(cell, cell.value(self.participation)) for cell in self.cells]


def _grid_rows(support_form, sessions, user, group=None) -> list[GridRow]:
    """Referred participants whom the user may see (of ``group``, when the support form runs
    in groups) × sessions in four queries, with the clock hours attended as every other page
    counts them (instruments.hours)."""
    present = set(
        Attendance.objects.present()
        .filter(session__support_form=support_form)
        .values_list("session_id", "participation_id")
    )
    today = timezone.localdate()
    people = list(referred(support_form, user, group))
    hours = hours_by_participation(people)
    rows = []
    for participation in people:
        cells = [
            GridCell(
                session, (session.pk, participation.pk) in present,
                (session.kind == SessionKind.GROUP or session.participation_id == participation.pk)
                and session.date <= today
                and participation.takes_part_on(session.date),
            )
            for session in sessions
        ]
        attended = hours[participation.pk].get(support_form.pk, ZERO)
        rows.append(GridRow(participation, cells, attended))
    return rows


def group_hours(support_form) -> list:
    """The support form's groups, each with the clock hours of its sessions held (``hours``)."""
    groups = list(
        support_form.groups.select_related("edition").annotate(
            minutes=Sum("sessions__duration_minutes",
                        filter=Q(sessions__date__lte=timezone.localdate()))
        )
    )
    for group in groups:
        group.hours = minutes_to_hours(group.minutes or 0)
    return groups


def _grid_group(groups: list, asked: str):
    """The group the grid shows: the one asked for, else the first; None without groups, or
    for the sessions recorded without a group (asked: "0")."""
    if asked == "0":
        return None
    chosen = next((group for group in groups if str(group.pk) == asked), None)
    return chosen or (groups[0] if groups else None)


def _grid_month(support_form, months: list[date], asked: str) -> date | None:
    """The month the grid shows: the one asked for, else the latest month with a session held
    by today (where attendance is being marked), else the first month with sessions."""
    if asked:
        return _parse_month(asked)  # None: not a month, refused
    if not months:
        return None
    this_month = timezone.localdate().replace(day=1)
    held = [month for month in months if month <= this_month]
    return held[-1] if held else months[0]


def grid_url(support_form, day: date, session=None) -> str:
    """The grid at the month of ``day`` (and at the group of ``session``, when it has groups)."""
    url = reverse("instruments:attendance_grid", args=[support_form.pk])
    group = session.group_id if session else None
    if session and group is None and support_form.groups.exists():
        group = 0  # the sessions recorded without a group
    in_group = "" if group is None else f"&grupa={group}"
    return f"{url}?month={day:%Y-%m}{in_group}"


@login_required
def attendance_grid(request, support_form_pk):
    """Who attended which session: one toggle per participant and session, a month at a time
    (a support form of hundreds of sessions stays a page that opens at once)."""
    support_form = support_form_for(request, support_form_pk, VIEW_ATTENDANCE)
    groups = group_hours(support_form)
    group = _grid_group(groups, request.GET.get("grupa", ""))
    # Run in groups, the grid shows a group's sessions, or those recorded without a group.
    all_sessions = support_form.sessions.filter(group=group) if groups else support_form.sessions
    months = list(all_sessions.dates("date", "month"))
    month = _grid_month(support_form, months, request.GET.get("month", ""))
    if request.GET.get("month") and month is None:
        return HttpResponseBadRequest(_("Choose a month."))
    sessions = (
        list(all_sessions.filter(date__range=(month, month_end(month)))) if month else []
    )
    return render(request, "instruments/attendance_grid.html", {
        "support_form": support_form,
        "project": support_form.project,
        "groups": groups,
        "group": group,
        "months": months,
        "month": month,
        "sessions": sessions,
        "rows": _grid_rows(support_form, sessions, request.user, group),
        "today": timezone.localdate(),
        "can": ProjectPermissions(request.user, support_form.project),
    })


def _parse_cell(value: str) -> tuple[int, int, bool] | None:
    parts = value.split(":")
    if len(parts) != 3 or not all(part.isdigit() for part in parts) or parts[2] not in "01":
        return None
    return int(parts[0]), int(parts[1]), parts[2] == "1"


def _attended_hours(participation, support_form) -> Decimal:
    return hours_by_participation([participation])[participation.pk].get(support_form.pk, ZERO)


@require_POST
@login_required
def attendance_save(request, support_form_pk):
    """One cell of the grid: JSON for the page's script, a redirect for a plain form post."""
    support_form = support_form_for(request, support_form_pk, CHANGE_ATTENDANCE)
    cell = _parse_cell(request.POST.get("cell", ""))
    if cell is None:
        return HttpResponseBadRequest()
    session_pk, participation_pk, present = cell
    session = get_object_or_404(support_form.sessions, pk=session_pk)
    participation = get_object_or_404(
        Participation.objects.for_user(request.user).filter(project=support_form.project)
        .select_related("person"),
        pk=participation_pk,
    )
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    back = grid_url(support_form, session.date, session)
    try:
        attendance_set(session=session, participation=participation, present=present,
                       by=request.user)
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if not wants_json:
        return redirect(f"{back}#cell-{session.pk}-{participation.pk}")
    return JsonResponse({
        "present": present,
        "cell": f"{session.pk}:{participation.pk}:{0 if present else 1}",
        "hours": number_format(_attended_hours(participation, support_form), 2),
    })


@require_POST
@login_required
def attendance_all_present(request, support_form_pk):
    """Everyone who can attend the session marked present at once; then untick the absent."""
    support_form = support_form_for(request, support_form_pk, CHANGE_ATTENDANCE)
    session = get_object_or_404(support_form.sessions, pk=request.POST.get("session") or 0)
    try:
        marked = attendance_all_present_service(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ngettext(
            "%(count)d person marked present at the session of %(date)s: untick who was absent.",
            "%(count)d people marked present at the session of %(date)s: untick who was absent.",
            len(marked),
        ) % {"count": len(marked), "date": date_format(session.date, "SHORT_DATE_FORMAT")})
    return redirect(grid_url(support_form, session.date, session))


@login_required
def attendance_sheet_pdf(request, pk):
    """The attendance sheet of one session to print and sign (from live data, not stored)."""
    session = get_object_for_user(
        request.user,
        Session.objects.select_related("support_form__project__lead_beneficiary",
                                       "participation__person",
                                       "group"),
        perm=VIEW_ATTENDANCE, pk=pk,
    )
    log_access(request, AccessAction.PDF, session)
    participants = (
        [session.participation] if session.participation else [
            participation for participation in referred(session.support_form, request.user,
                                                        session.group)
            # who can sign it: taking part that day, or yet to start (the first session starts it)
            if participation.takes_part_on(session.date)
            or (participation.start_date is None and participation.end_date is None)
        ]
    )
    pdf = render_pdf("pdf/attendance_sheet.html", {
        "session": session,
        "support_form": session.support_form,
        "project": session.support_form.project,
        "participants": participants,
        "signatory": session.support_form.project.lead_beneficiary.signatory_for(
            SignatoryKind.ATTENDANCE_SHEET, on=session.date
        ),
        "printed_on": timezone.localdate(),
    })
    filename = f"lista-obecności-{session.date:%Y-%m-%d}-{session.pk}.pdf"
    return pdf_download(pdf, filename)


# --- The month attendance sheet --------------------------------------------------------------


def default_month(support_form) -> date:
    """This month, or the nearest month of the support form's period."""
    today = timezone.localdate()
    day = min(max(today, support_form.start_date), support_form.end_date)
    return day.replace(day=1)


def _parse_month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


DAYS_PER_TABLE = 10  # columns of signatures that fit across a landscape page


def _chunks(items: list, size: int) -> list[list]:
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


@login_required
def attendance_month_pdf(request, support_form_pk):
    """The month's attendance sheet: referred participants × group-session days, to sign."""
    support_form = support_form_for(request, support_form_pk, VIEW_ATTENDANCE)
    month = (
        _parse_month(request.GET["month"]) if request.GET.get("month")
        else default_month(support_form)
    )
    if month is None:
        return HttpResponseBadRequest(_("Choose a month."))
    asked = request.GET.get("grupa", "")
    group = support_form.groups.filter(pk=asked).first() if asked.isdigit() else None
    sessions = support_form.sessions.filter(group=group) if group else support_form.sessions
    days = sorted(set(
        sessions.filter(
            kind=SessionKind.GROUP, date__range=(month, month_end(month))
        ).values_list("date", flat=True)
    ))
    log_access(request, AccessAction.PDF, support_form)
    pdf = render_pdf("pdf/month_attendance_sheet.html", {
        "support_form": support_form,
        "project": support_form.project,
        "month": month,
        "tables": _chunks(days, DAYS_PER_TABLE),
        "participants": list(referred(support_form, request.user, group)),
        "group": group,
        "signatory": support_form.project.lead_beneficiary.signatory_for(
            SignatoryKind.ATTENDANCE_SHEET, on=month_end(month)
        ),
        "printed_on": timezone.localdate(),
    })
    filename = f"lista-obecności-{month:%Y-%m}-{support_form.pk}.pdf"
    return pdf_download(pdf, filename)
