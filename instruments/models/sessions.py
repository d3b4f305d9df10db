"""Support delivered: sessions (group ones and individual consultations), timetables, and who
attended, with the hours they count for."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from projects.models import (
    ProjectScopedQuerySet,
)

from .support import SupportForm, SupportGroup


class SessionKind(models.TextChoices):
    GROUP = "group", _("group session")
    INDIVIDUAL = "individual", _("individual consultation")


class HoursUnit(models.TextChoices):
    CLOCK = "clock", _("clock hours (60 minutes)")
    TEACHING = "teaching", _("teaching hours (45 minutes)")


MINUTES_PER_HOUR = {HoursUnit.CLOCK: 60, HoursUnit.TEACHING: 45}
WEEKDAYS = [
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday")),
]
HUNDREDTHS = Decimal("0.01")


def minutes_to_hours(minutes: int, unit: str = HoursUnit.CLOCK) -> Decimal:
    """Minutes as hours of the unit, to two places: 90 minutes are 1.5 clock or 2 teaching hours."""
    return (Decimal(minutes) / MINUTES_PER_HOUR[unit]).quantize(HUNDREDTHS)


def _minutes_between(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class SessionSeriesQuerySet(ProjectScopedQuerySet):
    project_path = "support_form__project"


class SessionQuerySet(SessionSeriesQuerySet):
    participation_path = "participation"  # an individual consultation is its participant's
    participation_optional = True


class SessionSeries(models.Model):
    """A timetable: the group sessions of a support form made at once from a pattern (weekdays,
    times, a date range), Polish public holidays skipped. Its future sessions can be removed at
    once."""

    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.PROTECT,
        related_name="session_series",
    )
    weekdays = models.CharField(_("weekdays"), max_length=20)  # "0,2" = Monday and Wednesday
    first_date = models.DateField(_("from"))
    last_date = models.DateField(_("to"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    staff_name = models.CharField(
        pgettext_lazy("session", "staff"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SessionSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("timetable")
        verbose_name_plural = _("timetables")
        ordering = ["first_date", "pk"]
        constraints = [
            Check(
                condition=Q(last_date__gte=F("first_date")), name="session_series_period_ordered",
                field="last_date",
                violation_error_message=_("The timetable cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.support_form} · {self.first_date:%d.%m.%Y}–{self.last_date:%d.%m.%Y}"

    @property
    def weekday_names(self) -> list[str]:
        names = dict(WEEKDAYS)
        return [str(names[int(day)]) for day in self.weekdays.split(",") if day]

    @property
    def scope_project(self):
        return self.support_form.project


class Session(Versioned):
    """One group session or individual consultation of a support form (zajęcia)."""

    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.PROTECT,
        related_name="sessions",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.GROUP
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    hours_unit = models.CharField(
        _("hours unit"), max_length=10, choices=HoursUnit.choices, default=HoursUnit.CLOCK
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), editable=False, default=0
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    staff_name = models.CharField(
        pgettext_lazy("session", "staff"), max_length=200, blank=True
    )
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="consultations",
        help_text=_("Only for an individual consultation: whom it is for."),
    )
    series = models.ForeignKey(
        SessionSeries, verbose_name=_("timetable"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="sessions", editable=False,
    )
    group = models.ForeignKey(
        SupportGroup, verbose_name=pgettext_lazy("support group", "group"),
        on_delete=models.PROTECT, null=True, blank=True,
        related_name="sessions",
        help_text=_("For a support form run in groups: whose session it is."),
    )
    history = HistoricalRecords()

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        # A support form's sessions in order, a page at a time (issue 13).
        indexes = [
            models.Index(fields=["support_form", "date", "start_time", "id"],
                         name="session_list_order"),
        ]
        constraints = [
            Check(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
                field="end_time",
            ),
            Check(
                condition=Q(kind=SessionKind.GROUP, participation__isnull=True)
                | Q(kind=SessionKind.INDIVIDUAL, participation__isnull=False),
                name="session_participant_only_for_consultation",
                violation_error_message=_(
                    "Only an individual consultation is for one participant, and it must be."
                ),
                field="participation",
            ),
        ]

    def __str__(self):
        return f"{self.support_form} · {self.date:%d.%m.%Y} {self.start_time:%H:%M}"

    def save(self, *args, **kwargs):
        self.duration_minutes = _minutes_between(self.start_time, self.end_time)
        super().save(*args, **kwargs)

    def clean(self):
        if self.start_time and self.end_time:
            if self.end_time <= self.start_time:
                raise ValidationError({"end_time": _("A session must end after it starts.")})
            self.duration_minutes = _minutes_between(self.start_time, self.end_time)
        self._clean_participant()
        self._clean_period()
        if self.group_id and self.group.support_form_id != self.support_form_id:
            raise ValidationError({"group": _("The group belongs to another support form.")})

    def _clean_period(self):
        support_form = getattr(self, "support_form", None)
        if not (support_form and self.date):
            return
        if not support_form.start_date <= self.date <= support_form.end_date:
            message = _(
                "The session must take place within the support form's period, "
                "%(start)s – %(end)s."
            ) % {
                "start": date_format(support_form.start_date, "SHORT_DATE_FORMAT"),
                "end": date_format(support_form.end_date, "SHORT_DATE_FORMAT"),
            }
            raise ValidationError({"date": message})

    def _clean_participant(self):
        if self.kind == SessionKind.INDIVIDUAL and not self.participation_id:
            raise ValidationError(
                {"participation": _("Choose the participant of the individual consultation.")}
            )
        if self.kind == SessionKind.GROUP and self.participation_id:
            raise ValidationError(
                {"participation": _("A group session is not for one participant.")}
            )

    @property
    def scope_project(self):
        return self.support_form.project

    @property
    def clock_hours(self) -> Decimal:
        return minutes_to_hours(self.duration_minutes, HoursUnit.CLOCK)

    @property
    def teaching_hours(self) -> Decimal:
        return minutes_to_hours(self.duration_minutes, HoursUnit.TEACHING)

    @property
    def hours(self) -> Decimal:
        """The session's length in the unit it is counted in."""
        return minutes_to_hours(self.duration_minutes, self.hours_unit)

    def overlaps(self, other: "Session") -> bool:
        return (
            self.date == other.date
            and self.start_time < other.end_time
            and other.start_time < self.end_time
        )


class AttendanceQuerySet(ProjectScopedQuerySet):
    project_path = "session__support_form__project"
    participation_path = "participation"

    def present(self):
        return self.filter(present=True)


class Attendance(models.Model):
    """Whether one referred participant attended one session (a line of the lista obecności)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE,
        related_name="attendances",
    )
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="attendances",
    )
    present = models.BooleanField(_("present"), default=False)
    history = HistoricalRecords()

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "participation"]
        constraints = [
            Unique(
                fields=["session", "participation"], name="attendance_once_per_session",
                violation_error_message=_(
                    "Attendance of this participant at this session is already recorded."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.session}"

    @property
    def scope_project(self):
        return self.session.support_form.project
