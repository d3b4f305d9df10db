"""Events of a project: the list (counts for everyone on the team), edits, who attended."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from aktywizacja.concurrency import EditConflict, conflict_response
from aktywizacja.forms import add_errors
from participants.models import TAKING_PART, Participation
from projects.access import get_object_for_user, has_project_perm
from projects.models import Project

from .forms import AttendeesForm, EventForm, EventUpdateForm
from .models import Event
from .services import event_attendance_set, event_create, event_delete, event_update

VIEW_EVENT = "events.view_event"
ADD_EVENT = "events.add_event"
CHANGE_EVENT = "events.change_event"
DELETE_EVENT = "events.delete_event"
VIEW_ATTENDANCE = "events.view_eventattendance"
SET_ATTENDANCE = "events.add_eventattendance"


@login_required
def event_list(request, project_pk):
    """The project's events with how many attended; names only on the attendees page."""
    project = get_object_for_user(request.user, Project, perm=VIEW_EVENT, pk=project_pk)
    user = request.user
    return render(request, "events/event_list.html", {
        "project": project,
        "events": project.events.annotate(attendee_count=Count("attendance")),
        "can_add": has_project_perm(user, project, ADD_EVENT),
        "can_change": has_project_perm(user, project, CHANGE_EVENT),
        "can_delete": has_project_perm(user, project, DELETE_EVENT),
        "can_see_attendees": has_project_perm(user, project, VIEW_ATTENDANCE),
    })


class EventEdit(LoginRequiredMixin, View):
    template_name = "events/event_form.html"
    form_class = EventForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.set_event(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self._render(self.form_class(instance=self.event))

    def post(self, request, **kwargs):
        form = self.form_class(request.POST, instance=self.event)
        list_url = reverse("events:event_list", args=[self.project.pk])
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except EditConflict as conflict:
                return conflict_response(request, form, conflict, back_url=list_url)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The event has been saved."))
                return redirect(list_url)
        return self._render(form, status=400)

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "project": self.project, "event": self.event,
        })


class EventCreate(EventEdit):
    def set_event(self, request, project_pk):
        self.project = get_object_for_user(request.user, Project, perm=ADD_EVENT, pk=project_pk)
        self.event = Event(project=self.project)

    def save(self, data):
        event_create(project=self.project, by=self.request.user, **data)


class EventUpdate(EventEdit):
    form_class = EventUpdateForm

    def set_event(self, request, pk):
        self.event = get_object_for_user(
            request.user, Event.objects.select_related("project"), perm=CHANGE_EVENT, pk=pk
        )
        self.project = self.event.project

    def save(self, data):
        data = dict(data)
        version = data.pop("version")
        event_update(event=self.event, by=self.request.user, expected_version=version, **data)


class EventDelete(LoginRequiredMixin, View):
    """The coordinator deletes an event; one with attendees only with an explicit confirmation."""

    template_name = "events/event_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.event = get_object_for_user(
            request.user, Event.objects.select_related("project"), perm=DELETE_EVENT,
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self._render()

    def post(self, request, pk):
        try:
            event_delete(
                event=self.event, by=request.user,
                attendance_confirmed=request.POST.get("confirm_attendance") == "on",
            )
        except ValidationError as error:
            return self._render(error=" ".join(error.messages), status=400)
        messages.success(request, _("The event has been deleted."))
        return redirect("events:event_list", project_pk=self.event.project_id)

    def _render(self, error="", status=200):
        return render(self.request, self.template_name, status=status, context={
            "event": self.event,
            "project": self.event.project,
            "attendee_count": self.event.attendance.count(),
            "error": error,
        })


class EventAttendees(LoginRequiredMixin, View):
    """Who attended the event: tick boxes of the project's participants, saved as one set."""

    template_name = "events/event_attendees.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        perm = VIEW_ATTENDANCE if request.method in ("GET", "HEAD") else SET_ATTENDANCE
        self.event = get_object_for_user(
            request.user, Event.objects.select_related("project"), perm=perm, pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        participations = (
            Participation.objects.filter(project=self.event.project, status__in=TAKING_PART)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        initial = {"participations": list(
            self.event.attendance.values_list("participation_id", flat=True)
        )}
        return AttendeesForm(data, initial=initial, participations=participations)

    def get(self, request, pk):
        return self._render(self._form())

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                event_attendance_set(
                    event=self.event, participations=form.cleaned_data["participations"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The list of attendees has been saved."))
                return redirect("events:event_list", project_pk=self.event.project_id)
        return self._render(form, status=400)

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "event": self.event, "project": self.event.project,
            "can_change": has_project_perm(
                self.request.user, self.event.project, SET_ATTENDANCE
            ),
        })
