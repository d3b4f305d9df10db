"""A support form's sessions: the list, one session created, edited or deleted, and timetables
(many sessions from one pattern, their future ones moved or removed at once)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from aktywizacja.pagination import keyset_page
from aktywizacja.views import ConfirmScreen, FormScreen
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user

from ..forms import SessionForm, SessionSeriesChangeForm, SessionSeriesForm, SessionUpdateForm
from ..models import Session, SessionSeries
from ..services import session_create, session_delete, session_present_count, session_update
from ..timetables import (
    session_series_change_future,
    session_series_create,
    session_series_remove_future,
    timetable_dates,
)
from .attendance import default_month
from .lookups import (
    ADD_SESSION,
    CHANGE_SESSION,
    DELETE_SESSION,
    VIEW_SESSION,
    referred,
    support_form_for,
)


@login_required
def session_list(request, support_form_pk):
    """The sessions of a support form; the names of consultees only for those who see people."""
    support_form = support_form_for(request, support_form_pk, VIEW_SESSION)
    project = support_form.project
    sessions = support_form.sessions.select_related("participation__person", "group")
    return render(request, "instruments/session_list.html", {
        "support_form": support_form,
        "project": project,
        "sessions": keyset_page(sessions, ["date", "start_time", "pk"], request.GET),
        "can": ProjectPermissions(request.user, project),
        "groups": support_form.groups.all(),
        "default_month": default_month(support_form).strftime("%Y-%m"),
    })


@login_required
def session_series_list(request, support_form_pk):
    """A support form's timetables: each with its pattern and how many of its sessions are
    still to come, to be moved or removed at once."""
    support_form = support_form_for(request, support_form_pk, VIEW_SESSION)
    series = support_form.session_series.annotate(
        made=Count("sessions"),
        to_come=Count("sessions", filter=Q(sessions__date__gt=timezone.localdate())),
    )
    return render(request, "instruments/session_series_list.html", {
        "support_form": support_form,
        "project": support_form.project,
        "series": series,
        "can": ProjectPermissions(request.user, support_form.project),
    })


class SessionScreen(ProjectScreen, FormScreen):
    template_name = "instruments/session_form.html"
    success_message = gettext_lazy("The session has been saved.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "participations": referred(self.support_form, self.request.user),
            "support_form": self.support_form,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"support_form": self.support_form}

    def get_back_url(self):
        return reverse("instruments:session_list", args=[self.support_form.pk])


class SessionCreate(SessionScreen):
    form_class = SessionForm

    def find(self):
        self.support_form = support_form_for(self.request, self.kwargs["support_form_pk"],
                                             ADD_SESSION)
        self.project = self.support_form.project

    def get_instance(self):
        return Session(support_form=self.support_form)

    def save(self, form):
        return session_create(support_form=self.support_form, by=self.request.user,
                              **form.cleaned_data)


class SessionUpdate(SessionScreen):
    """The coordinator corrects a session: checked again as a new one is."""

    form_class = SessionUpdateForm

    def find(self):
        self.session = get_object_for_user(
            self.request.user,
            Session.objects.select_related("support_form__project", "participation__person"),
            perm=CHANGE_SESSION, pk=self.kwargs["pk"],
        )
        self.support_form = self.session.support_form
        self.project = self.support_form.project

    def get_instance(self):
        return self.session

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"session": self.session}

    def save(self, form):
        changes = dict(form.cleaned_data)
        version = changes.pop("version")
        return session_update(session=self.session, by=self.request.user,
                              expected_version=version, **changes)


class SessionDelete(ConfirmScreen):
    """Asks first; a session with attendance marked present needs an explicit confirmation."""

    template_name = "instruments/session_confirm_delete.html"
    success_message = gettext_lazy("The session has been deleted.")

    def find(self):
        self.session = get_object_for_user(
            self.request.user, Session.objects.select_related("support_form__project"),
            perm=DELETE_SESSION, pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "session": self.session,
            "support_form": self.session.support_form,
            "project": self.session.support_form.project,
            "present_count": session_present_count(self.session),
        }

    def act(self):
        session_delete(
            session=self.session, by=self.request.user,
            attendance_confirmed=self.request.POST.get("confirm_attendance") == "on",
        )

    def get_success_url(self):
        return reverse("instruments:session_list", args=[self.session.support_form_id])


class SessionSeriesCreate(ProjectScreen, FormScreen):
    """A timetable from a pattern: first a preview of the dates (holidays skipped and named),
    then the sessions are made at once, each checked as a single session is."""

    template_name = "instruments/session_series_form.html"
    form_class = SessionSeriesForm
    preview = None

    def find(self):
        self.support_form = support_form_for(self.request, self.kwargs["support_form_pk"],
                                             ADD_SESSION)
        self.project = self.support_form.project

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"support_form": self.support_form}

    def form_valid(self, form):
        data = form.cleaned_data
        dates, skipped = timetable_dates(data["first_date"], data["last_date"], data["weekdays"])
        self.preview = {"dates": dates, "skipped": skipped}
        if "utworz" in self.request.POST:
            return super().form_valid(form)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "support_form": self.support_form, "preview": self.preview,
        }

    def save(self, form):
        return session_series_create(support_form=self.support_form, by=self.request.user,
                                     **form.cleaned_data)

    def get_success_message(self, saved):
        count = saved.sessions.count()
        return ngettext(
            "%(count)s session has been created.", "%(count)s sessions have been created.", count,
        ) % {"count": count}

    def get_back_url(self):
        return reverse("instruments:session_series_list", args=[self.support_form.pk])


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
    return redirect("instruments:session_series_list", support_form_pk=series.support_form_id)


class SessionSeriesChange(ProjectScreen, FormScreen):
    """Moves a timetable's future sessions to new times, place or staff at once."""

    template_name = "instruments/session_series_change.html"
    form_class = SessionSeriesChangeForm

    def find(self):
        self.series = get_object_for_user(
            self.request.user, SessionSeries.objects.select_related("support_form__project"),
            perm=CHANGE_SESSION, pk=self.kwargs["pk"],
        )
        self.support_form = self.series.support_form
        self.project = self.support_form.project

    def get_initial(self):
        return {"start_time": self.series.start_time, "end_time": self.series.end_time,
                "place": self.series.place, "staff_name": self.series.staff_name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "series": self.series, "support_form": self.support_form,
        }

    def save(self, form):
        return session_series_change_future(series=self.series, by=self.request.user,
                                            **form.cleaned_data)

    def get_success_message(self, saved):
        return ngettext(
            "%(count)s future session has been changed.",
            "%(count)s future sessions have been changed.", saved,
        ) % {"count": saved}

    def get_back_url(self):
        return reverse("instruments:session_series_list", args=[self.support_form.pk])
