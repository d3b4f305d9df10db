"""Project events: study visits, workshops, conferences, with their places and who attended."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from projects.models import Project, ProjectScopedQuerySet


class EventKind(models.TextChoices):
    STUDY_VISIT = "study_visit", _("study visit")
    WORKSHOP = "workshop", _("workshop")
    CONFERENCE = "conference", _("conference")
    OTHER = "other", _("other event")


class Event(Versioned):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Only for an event of several days.")
    )
    places = models.CharField(
        _("places"), max_length=300, help_text=_("e.g. Łęczna, Chełm")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What happened; the final summary quotes it.")
    )
    attendees = models.ManyToManyField(
        "participants.Participation", verbose_name=_("attended"), through="EventAttendance",
        related_name="events", blank=True,
    )
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_date", "pk"]
        constraints = [
            Check(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_period_ordered",
                violation_error_message=_("An event cannot end before it starts."),
                field="end_date",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("An event cannot end before it starts.")})
        project = getattr(self, "project", None)
        if project and self.start_date and not project.contains_period(
            self.start_date, self.end_date
        ):
            raise ValidationError({"start_date": project.period_error()})

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def scope_project(self):
        return self.project


class EventAttendanceQuerySet(ProjectScopedQuerySet):
    project_path = "event__project"
    participation_path = "participation"


class EventAttendance(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendance"
    )
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="event_attendance",
    )
    history = HistoricalRecords()

    objects = EventAttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("event attendance")
        verbose_name_plural = _("event attendance")
        constraints = [
            Unique(
                fields=["event", "participation"], name="event_attendance_once",
                violation_error_message=_("This participant is already recorded as attending."),
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.event}"

    def clean(self):
        if self.event_id and self.participation_id and (
            self.event.project_id != self.participation.project_id
        ):
            raise ValidationError(_("The participant belongs to another project."))
