"""Events of a project: the list (counts for everyone on the team), edits, who attended."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from aktywizacja.views import ConfirmScreen, FormScreen
from participants.models import TAKING_PART, Participation
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user
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
    return render(request, "events/event_list.html", {
        "project": project,
        "events": project.events.annotate(attendee_count=Count("attendance")),
        "can": ProjectPermissions(request.user, project),
    })


class EventScreen(ProjectScreen, FormScreen):
    """A screen of one project's event; saved, it goes back to the project's events."""

    template_name = "events/event_form.html"
    form_class = EventForm
    success_message = gettext_lazy("The event has been saved.")

    def find(self):
        self.event = self.find_event()
        self.project = self.event.project

    def find_event(self) -> Event:
        """The event the screen works on, found in the user's scope."""
        raise NotImplementedError

    def get_instance(self):
        return self.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"event": self.event}

    def get_back_url(self):
        return reverse("events:event_list", args=[self.project.pk])


def _event_for(request, pk, perm) -> Event:
    return get_object_for_user(
        request.user, Event.objects.select_related("project"), perm=perm, pk=pk
    )


class EventCreate(EventScreen):
    def find_event(self):
        project = get_object_for_user(
            self.request.user, Project, perm=ADD_EVENT, pk=self.kwargs["project_pk"]
        )
        return Event(project=project)

    def save(self, form):
        return event_create(project=self.project, by=self.request.user, **form.cleaned_data)


class EventUpdate(EventScreen):
    form_class = EventUpdateForm

    def find_event(self):
        return _event_for(self.request, self.kwargs["pk"], CHANGE_EVENT)

    def save(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return event_update(event=self.event, by=self.request.user, expected_version=version,
                            **data)


class EventDelete(ConfirmScreen):
    """The coordinator deletes an event; one with attendees only with an explicit confirmation."""

    template_name = "events/event_confirm_delete.html"
    success_message = gettext_lazy("The event has been deleted.")

    def find(self):
        self.event = _event_for(self.request, self.kwargs["pk"], DELETE_EVENT)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "event": self.event,
            "project": self.event.project,
            "attendee_count": self.event.attendance.count(),
        }

    def act(self):
        event_delete(
            event=self.event, by=self.request.user,
            attendance_confirmed=self.request.POST.get("confirm_attendance") == "on",
        )

    def get_success_url(self):
        return reverse("events:event_list", args=[self.event.project_id])


class EventAttendees(EventScreen):
    """Who attended the event: tick boxes of the project's participants, saved as one set."""

    template_name = "events/event_attendees.html"
    form_class = AttendeesForm
    success_message = gettext_lazy("The list of attendees has been saved.")

    def find_event(self):
        perm = VIEW_ATTENDANCE if self.request.method in ("GET", "HEAD") else SET_ATTENDANCE
        return _event_for(self.request, self.kwargs["pk"], perm)

    def get_instance(self):
        return None  # a plain form: who attended, not the event's fields

    def get_initial(self):
        return {"participations": list(
            self.event.attendance.values_list("participation_id", flat=True)
        )}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"participations": (
            Participation.objects.for_user(self.request.user)
            .filter(project=self.project, status__in=TAKING_PART)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )}

    def save(self, form):
        return event_attendance_set(
            event=self.event, participations=form.cleaned_data["participations"],
            by=self.request.user,
        )
