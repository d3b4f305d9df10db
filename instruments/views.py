from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_POST

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.concurrency import EditConflict, conflict_response
from aktywizacja.dates import month_end
from aktywizacja.downloads import pdf_download
from aktywizacja.forms import add_errors
from aktywizacja.pdf import render_pdf
from participants.models import Participation
from projects.access import get_object_for_user, has_project_perm, projects_where, scoped
from projects.models import Organisation, Project

from .forms import (
    AgendaFilterForm,
    ReferralBulkForm,
    ReferralWithdrawForm,
    SessionForm,
    SessionSeriesChangeForm,
    SessionSeriesForm,
    SessionUpdateForm,
    SupportFormForm,
)
from .hours import ZERO, hours_by_participation, support_form_hours, totals_by_instrument
from .models import (
    Attendance,
    Referral,
    Session,
    SessionKind,
    SessionSeries,
    SupportForm,
)
from .services import (
    attendance_all_present as attendance_all_present_service,
)
from .services import (
    attendance_set,
    referral_withdraw,
    referrals_create,
    referred_participations,
    session_create,
    session_delete,
    session_present_count,
    session_series_change_future,
    session_series_create,
    session_series_remove_future,
    session_update,
    timetable_dates,
)

VIEW_SESSION = "instruments.view_session"
ADD_SESSION = "instruments.add_session"
CHANGE_SESSION = "instruments.change_session"
DELETE_SESSION = "instruments.delete_session"
VIEW_ATTENDANCE = "instruments.view_attendance"
CHANGE_ATTENDANCE = "instruments.change_attendance"


@login_required
def support_form_list(request, project_pk):
    project = get_object_for_user(
        request.user, Project, perm="instruments.view_supportform", pk=project_pk
    )
    rows = support_form_hours(project)
    totals = totals_by_instrument(rows)
    return render(request, "instruments/support_form_list.html", {
        "project": project,
        "instruments": [
            (total, [row for row in rows if row.instrument == total.instrument])
            for total in totals
        ],
        "can_change": has_project_perm(request.user, project, "instruments.change_supportform"),
        "can_record_attendance": has_project_perm(request.user, project, VIEW_ATTENDANCE),
        "can_set_up_course": has_project_perm(
            request.user, project, "trainings.change_trainingcourse"
        ),
    })


class SupportFormEdit(LoginRequiredMixin, View):
    """Create (with a project) or edit (with a support form) one support form."""

    template_name = "instruments/support_form_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "pk" in kwargs:
            self.support_form = get_object_for_user(
                request.user, SupportForm, perm="instruments.change_supportform",
                pk=kwargs["pk"],
            )
            self.project = self.support_form.project
        else:
            self.project = get_object_for_user(
                request.user, Project, perm="instruments.add_supportform",
                pk=kwargs["project_pk"],
            )
            self.support_form = SupportForm(project=self.project)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self._render(self._form())

    def post(self, request, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        form.save()
        messages.success(request, _("The support form has been saved."))
        return redirect("instruments:support_form_list", project_pk=self.project.pk)

    def _form(self, data=None):
        return SupportFormForm(
            data, instance=self.support_form,
            organisations=scoped(self.request.user, Organisation),
        )

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "project": self.project, "support_form": self.support_form,
        })


def _support_form_for(request, pk, perm):
    return get_object_for_user(
        request.user, SupportForm.objects.select_related("project"), perm=perm, pk=pk
    )


def _referred(support_form):
    """The participants referred to the support form, in the order of the attendance sheet."""
    return (
        referred_participations(support_form.pk)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


@login_required
def session_list(request, support_form_pk):
    """The sessions of a support form; the names of consultees only for those who see people."""
    support_form = _support_form_for(request, support_form_pk, VIEW_SESSION)
    project = support_form.project
    return render(request, "instruments/session_list.html", {
        "support_form": support_form,
        "project": project,
        "sessions": support_form.sessions.select_related("participation__person"),
        "can_add": has_project_perm(request.user, project, ADD_SESSION),
        "can_change": has_project_perm(request.user, project, CHANGE_SESSION),
        "can_delete": has_project_perm(request.user, project, DELETE_SESSION),
        "can_see_people": has_project_perm(request.user, project, VIEW_ATTENDANCE),
        "can_refer": has_project_perm(request.user, project, "instruments.add_referral"),
        "series": support_form.session_series.all(),
        "default_month": _default_month(support_form).strftime("%Y-%m"),
    })


class SessionCreate(LoginRequiredMixin, View):
    template_name = "instruments/session_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.support_form = _support_form_for(request, kwargs["support_form_pk"], ADD_SESSION)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self._render(self._form())

    def post(self, request, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                session_create(support_form=self.support_form, by=request.user,
                               **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The session has been saved."))
                return redirect("instruments:session_list", support_form_pk=self.support_form.pk)
        return self._render(form, status=400)

    def _form(self, data=None):
        return SessionForm(
            data, instance=Session(support_form=self.support_form),
            participations=_referred(self.support_form),
        )

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "support_form": self.support_form,
            "project": self.support_form.project,
        })


class SessionUpdate(LoginRequiredMixin, View):
    """The coordinator corrects a session: checked again as a new one is."""

    template_name = "instruments/session_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.session = get_object_for_user(
            request.user,
            Session.objects.select_related("support_form__project", "participation__person"),
            perm=CHANGE_SESSION, pk=kwargs["pk"],
        )
        self.support_form = self.session.support_form
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self._render(self._form())

    def post(self, request, **kwargs):
        form = self._form(request.POST)
        back_url = reverse("instruments:session_list", args=[self.support_form.pk])
        if form.is_valid():
            changes = dict(form.cleaned_data)
            version = changes.pop("version")
            try:
                session_update(session=self.session, by=request.user, expected_version=version,
                               **changes)
            except EditConflict as conflict:
                return conflict_response(request, form, conflict, back_url=back_url)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The session has been saved."))
                return redirect(back_url)
        return self._render(form, status=400)

    def _form(self, data=None):
        return SessionUpdateForm(
            data, instance=self.session, participations=_referred(self.support_form),
        )

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "support_form": self.support_form, "session": self.session,
            "project": self.support_form.project,
        })


class SessionDelete(LoginRequiredMixin, View):
    """Asks first; a session with attendance marked present needs an explicit confirmation."""

    template_name = "instruments/session_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.session = get_object_for_user(
            request.user, Session.objects.select_related("support_form__project"),
            perm=DELETE_SESSION, pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self._render()

    def post(self, request, **kwargs):
        support_form = self.session.support_form
        try:
            session_delete(
                session=self.session, by=request.user,
                attendance_confirmed=request.POST.get("confirm_attendance") == "on",
            )
        except ValidationError as error:
            return self._render(error=" ".join(error.messages), status=400)
        messages.success(request, _("The session has been deleted."))
        return redirect("instruments:session_list", support_form_pk=support_form.pk)

    def _render(self, error="", status=200):
        return render(self.request, self.template_name, status=status, context={
            "session": self.session,
            "support_form": self.session.support_form,
            "project": self.session.support_form.project,
            "present_count": session_present_count(self.session),
            "error": error,
        })


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


def _grid_rows(support_form, sessions) -> list[GridRow]:
    """Referred participants × sessions in four queries, with the clock hours attended as
    every other page counts them (instruments.hours)."""
    present = set(
        Attendance.objects.present()
        .filter(session__support_form=support_form)
        .values_list("session_id", "participation_id")
    )
    today = timezone.localdate()
    referred = list(_referred(support_form))
    hours = hours_by_participation(referred)
    rows = []
    for participation in referred:
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


@login_required
def attendance_grid(request, support_form_pk):
    """Who attended which session: one toggle per participant and session."""
    support_form = _support_form_for(request, support_form_pk, VIEW_ATTENDANCE)
    sessions = list(support_form.sessions.all())
    return render(request, "instruments/attendance_grid.html", {
        "support_form": support_form,
        "project": support_form.project,
        "sessions": sessions,
        "rows": _grid_rows(support_form, sessions),
        "today": timezone.localdate(),
        "can_change": has_project_perm(
            request.user, support_form.project, CHANGE_ATTENDANCE
        ),
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
    support_form = _support_form_for(request, support_form_pk, CHANGE_ATTENDANCE)
    cell = _parse_cell(request.POST.get("cell", ""))
    if cell is None:
        return HttpResponseBadRequest()
    session_pk, participation_pk, present = cell
    session = get_object_or_404(support_form.sessions, pk=session_pk)
    participation = get_object_or_404(
        Participation.objects.filter(project=support_form.project).select_related("person"),
        pk=participation_pk,
    )
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    grid_url = reverse("instruments:attendance_grid", args=[support_form.pk])
    try:
        attendance_set(session=session, participation=participation, present=present,
                       by=request.user)
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect(grid_url)
    if not wants_json:
        return redirect(f"{grid_url}#cell-{session.pk}-{participation.pk}")
    return JsonResponse({
        "present": present,
        "cell": f"{session.pk}:{participation.pk}:{0 if present else 1}",
        "hours": number_format(_attended_hours(participation, support_form), 2),
    })


@login_required
def attendance_sheet_pdf(request, pk):
    """The attendance sheet of one session to print and sign (from live data, not stored)."""
    session = get_object_for_user(
        request.user,
        Session.objects.select_related("support_form__project", "participation__person"),
        perm=VIEW_ATTENDANCE, pk=pk,
    )
    log_access(request, AccessAction.PDF, session)
    participants = (
        [session.participation] if session.participation else [
            participation for participation in _referred(session.support_form)
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
        "printed_on": timezone.localdate(),
    })
    filename = f"lista-obecności-{session.date:%Y-%m-%d}-{session.pk}.pdf"
    return pdf_download(pdf, filename)


# --- The month attendance sheet --------------------------------------------------------------


def _default_month(support_form) -> date:
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
    support_form = _support_form_for(request, support_form_pk, VIEW_ATTENDANCE)
    month = (
        _parse_month(request.GET["month"]) if request.GET.get("month")
        else _default_month(support_form)
    )
    if month is None:
        return HttpResponseBadRequest(_("Choose a month."))
    days = sorted(set(
        support_form.sessions.filter(
            kind=SessionKind.GROUP, date__range=(month, month_end(month))
        ).values_list("date", flat=True)
    ))
    log_access(request, AccessAction.PDF, support_form)
    pdf = render_pdf("pdf/month_attendance_sheet.html", {
        "support_form": support_form,
        "project": support_form.project,
        "month": month,
        "tables": _chunks(days, DAYS_PER_TABLE),
        "participants": list(_referred(support_form)),
        "printed_on": timezone.localdate(),
    })
    filename = f"lista-obecności-{month:%Y-%m}-{support_form.pk}.pdf"
    return pdf_download(pdf, filename)


# --- The agenda ------------------------------------------------------------------------------


@login_required
def agenda(request):
    """Upcoming sessions across the user's projects, with the way to the attendance grid."""
    projects = projects_where(request.user, VIEW_SESSION).order_by("short_name")
    form = AgendaFilterForm(request.GET or None, projects=projects)
    chosen = form.cleaned_data if form.is_valid() else {}
    start = timezone.localdate()
    days = chosen.get("days") or AgendaFilterForm.DEFAULT_DAYS
    chosen_project = chosen.get("project")
    sessions = (
        Session.objects.filter(
            support_form__project__in=[chosen_project] if chosen_project else projects,
            date__range=(start, start + timedelta(days=days - 1)),
        )
        .select_related("support_form__project")
        .order_by("date", "start_time", "pk")
    )
    return render(request, "instruments/agenda.html", {
        "form": form,
        "sessions": sessions,
        "start": start,
        "end": start + timedelta(days=days - 1),
        "grid_projects": set(
            projects_where(request.user, VIEW_ATTENDANCE).values_list("pk", flat=True)
        ),
    })


@login_required
def referral_withdrawal(request, pk):
    """Withdraws a referral with its date and reason; the card's path tab lists it as withdrawn."""
    referral = get_object_for_user(
        request.user,
        Referral.objects.select_related("participation__person", "support_form"),
        perm="instruments.change_referral", pk=pk,
    )
    back = reverse("card:participation_tab", args=[referral.participation_id, "path"])
    if not referral.can_be_withdrawn:
        return redirect(back)
    form = ReferralWithdrawForm(
        request.POST or None, initial={"withdrawn_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral_withdraw(
                referral=referral, on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["withdrawal_reason"], by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral has been withdrawn."))
            return redirect(back)
    return render(request, "instruments/referral_withdraw.html", {
        "referral": referral, "participation": referral.participation, "form": form,
        "back": back,
    }, status=400 if form.errors else 200)


@require_POST
@login_required
def attendance_all_present(request, support_form_pk):
    """Everyone who can attend the session marked present at once; then untick the absent."""
    support_form = _support_form_for(request, support_form_pk, CHANGE_ATTENDANCE)
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
    return redirect("instruments:attendance_grid", support_form_pk=support_form.pk)


@login_required
def referral_bulk(request, support_form_pk):
    """Refers many participants to the support form in one action (the IŚR refers one by one)."""
    support_form = _support_form_for(request, support_form_pk, "instruments.add_referral")
    initial = {"referred_on": timezone.localdate()}
    form = ReferralBulkForm(request.POST if request.method == "POST" else None,
                            support_form=support_form, initial=initial)
    if request.GET.get("wszyscy") and request.method == "GET":
        form.initial["participations"] = list(form.fields["participations"].queryset)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["participations"])
        try:
            referrals_create(support_form=support_form, participations=chosen,
                             on=form.cleaned_data["referred_on"], by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, ngettext(
                "%(count)s person referred to %(form)s.",
                "%(count)s people referred to %(form)s.", len(chosen),
            ) % {"count": len(chosen), "form": support_form})
            return redirect("instruments:session_list", support_form_pk=support_form.pk)
    return render(request, "instruments/referral_bulk.html", {
        "support_form": support_form, "project": support_form.project, "form": form,
    }, status=400 if form.errors else 200)


@login_required
def session_series_create_view(request, support_form_pk):
    """A timetable from a pattern: first a preview of the dates (holidays skipped and named),
    then the sessions are made at once, each checked as a single session is."""
    support_form = _support_form_for(request, support_form_pk, ADD_SESSION)
    form = SessionSeriesForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "utworz" in request.POST:
            try:
                series = session_series_create(support_form=support_form, by=request.user,
                                               **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                count = series.sessions.count()
                messages.success(request, ngettext(
                    "%(count)s session has been created.", "%(count)s sessions have been created.",
                    count,
                ) % {"count": count})
                return redirect("instruments:session_list", support_form_pk=support_form.pk)
        dates, skipped = timetable_dates(data["first_date"], data["last_date"], data["weekdays"])
        preview = {"dates": dates, "skipped": skipped}
    return render(request, "instruments/session_series_form.html", {
        "support_form": support_form, "project": support_form.project, "form": form,
        "preview": preview,
    }, status=400 if form.errors else 200)


@require_POST
@login_required
def session_series_remove_future_view(request, pk):
    series = get_object_for_user(
        request.user, SessionSeries.objects.select_related("support_form__project"),
        perm=DELETE_SESSION, pk=pk,
    )
    removed, kept = session_series_remove_future(series=series, by=request.user)
    messages.success(request, _(
        "Future sessions of the timetable removed: %(removed)s; kept because attendance was "
        "marked: %(kept)s."
    ) % {"removed": removed, "kept": kept})
    return redirect("instruments:session_list", support_form_pk=series.support_form_id)


@login_required
def session_series_change_view(request, pk):
    """Moves a timetable's future sessions to new times, place or staff at once."""
    series = get_object_for_user(
        request.user, SessionSeries.objects.select_related("support_form__project"),
        perm=CHANGE_SESSION, pk=pk,
    )
    form = SessionSeriesChangeForm(
        request.POST if request.method == "POST" else None,
        initial={"start_time": series.start_time, "end_time": series.end_time,
                 "place": series.place, "staff_name": series.staff_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = session_series_change_future(series=series, by=request.user,
                                                 **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, ngettext(
                "%(count)s future session has been changed.",
                "%(count)s future sessions have been changed.", count,
            ) % {"count": count})
            return redirect("instruments:session_list", support_form_pk=series.support_form_id)
    support_form = series.support_form
    return render(request, "instruments/session_series_change.html", {
        "series": series, "support_form": support_form, "project": support_form.project,
        "form": form,
    }, status=400 if form.errors else 200)
