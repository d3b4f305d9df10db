from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from projects.models import (
    Organisation,
    ParticipationScopedQuerySet,
    Project,
    ProjectScopedQuerySet,
)


class InstrumentKind(models.TextChoices):
    """The four kinds of active-integration instrument."""

    EDUCATIONAL = "educational", _("educational")
    VOCATIONAL = "vocational", _("vocational")
    SOCIAL = "social", _("social")
    HEALTH = "health", _("health")


class SupportMode(models.TextChoices):
    GROUP = "group", _("group sessions")
    INDIVIDUAL = "individual", _("individual consultations")
    BOTH = "both", _("group and individual")
    TRAINING = "training", _("vocational training")
    INTERNSHIP = "internship", _("internship")
    JOB_PLACEMENT = "job_placement", _("job placement")


class StaffRole(models.TextChoices):
    CAREER_COUNSELLOR = "career_counsellor", _("career counsellor")
    PSYCHOLOGIST = "psychologist", _("psychologist")
    LAWYER = "lawyer", _("lawyer")
    TRAINER = "trainer", _("trainer")
    JOB_BROKER = "job_broker", _("job broker")
    JOB_COACH = "job_coach", _("job coach")
    THERAPIST = "therapist", _("therapist")
    SOCIAL_WORKER = "social_worker", _("social worker")
    OTHER = "other", _("other")


class SupportForm(models.Model):
    """One concrete support activity of a project (forma wsparcia), belonging to one instrument."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="support_forms",
    )
    name = models.CharField(_("name"), max_length=200)
    instrument = models.CharField(_("instrument"), max_length=20, choices=InstrumentKind.choices)
    mode = models.CharField(_("mode"), max_length=20, choices=SupportMode.choices)
    provider = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="provided_support",
        help_text=_("Leave empty when the project's own staff deliver it."),
    )
    staff_role = models.CharField(
        _("staff"), max_length=20, choices=StaffRole.choices, blank=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    planned_group_hours = models.DecimalField(
        _("planned group hours"), max_digits=6, decimal_places=2, default=Decimal(0),
        help_text=_("Clock hours of group sessions the support form plans."),
    )
    planned_individual_hours = models.DecimalField(
        _("planned individual hours per participant"), max_digits=6, decimal_places=2,
        default=Decimal(0),
    )
    scope = models.TextField(
        _("scope"), blank=True, help_text=_("What the support covers; the final summary quotes it.")
    )
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("support form")
        verbose_name_plural = _("support forms")
        ordering = ["project", "instrument", "name"]
        constraints = [
            Unique(
                fields=["project", "name"], name="support_form_name_unique",
                field="name",
                violation_error_message=_(
                    "A support form with this name already exists in this project."
                ),
            ),
            Check(
                condition=Q(end_date__gte=F("start_date")), name="support_form_period_ordered",
                field="end_date",
                violation_error_message=_("Support cannot end before it starts."),
            ),
            Check(
                condition=Q(planned_group_hours__gte=0),
                name="support_form_group_hours_not_negative",
                field="planned_group_hours",
                violation_error_message=_("Hours cannot be negative."),
            ),
            Check(
                condition=Q(planned_individual_hours__gte=0),
                name="support_form_individual_hours_not_negative",
                field="planned_individual_hours",
                violation_error_message=_("Hours cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Support cannot end before it starts.")})
        project = getattr(self, "project", None)
        if project and not project.contains_period(self.start_date, self.end_date):
            raise ValidationError(project.period_error())

    @property
    def scope_project(self):
        return self.project


class ReferralStatus(models.TextChoices):
    # A context of their own: a referral (skierowanie) is completed, not a person.
    REFERRED = "referred", pgettext_lazy("referral status", "referred")
    IN_PROGRESS = "in_progress", pgettext_lazy("referral status", "in progress")
    COMPLETED = "completed", pgettext_lazy("referral status", "completed")
    DROPPED = "dropped", pgettext_lazy("referral status", "dropped")
    WITHDRAWN = "withdrawn", pgettext_lazy("referral status", "withdrawn")


# Referrals not withdrawn: the person is (or was) to take this support.
REFERRAL_IN_FORCE = [status for status in ReferralStatus if status != ReferralStatus.WITHDRAWN]


class ReferralQuerySet(ParticipationScopedQuerySet):
    def in_force(self):
        return self.filter(status__in=REFERRAL_IN_FORCE)


class Referral(models.Model):
    """A participant referred to a support form, from their individual reintegration path."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participation"),
        on_delete=models.CASCADE, related_name="referrals",
    )
    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.PROTECT,
        related_name="referrals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices,
        default=ReferralStatus.REFERRED,
    )
    referred_on = models.DateField(_("referred on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    history = HistoricalRecords()

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["participation", "support_form__instrument", "support_form__name"]
        constraints = [
            Unique(
                fields=["participation", "support_form"], name="referral_once_per_form",
                field="support_form",
                violation_error_message=_(
                    "The participant has already been referred to this support form."
                ),
            ),
            Check(
                condition=Q(status=ReferralStatus.WITHDRAWN, withdrawn_on__isnull=False)
                & ~Q(withdrawal_reason="")
                | ~Q(status=ReferralStatus.WITHDRAWN) & Q(withdrawn_on__isnull=True),
                name="referral_withdrawn_with_date_and_reason",
                field="withdrawal_reason",
                violation_error_message=_("A withdrawal needs its date and reason."),
            ),
        ]

    def __str__(self):
        return f"{self.participation} → {self.support_form}"

    def clean(self):
        if self.support_form_id and self.participation_id and (
            self.support_form.project_id != self.participation.project_id
        ):
            raise ValidationError(_("The support form belongs to another project."))
        participation = getattr(self, "participation", None)
        if participation and self.referred_on:
            if self.referred_on > timezone.localdate():
                raise ValidationError({"referred_on": _("The date cannot be later than today.")})
            if not participation.project.contains_period(self.referred_on, None):
                raise ValidationError({"referred_on": participation.project.period_error()})

    @property
    def scope_project(self):
        return self.participation.project

    @property
    def can_be_withdrawn(self) -> bool:
        return self.status not in (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)


class SessionKind(models.TextChoices):
    GROUP = "group", _("group session")
    INDIVIDUAL = "individual", _("individual consultation")


class HoursUnit(models.TextChoices):
    CLOCK = "clock", _("clock hours (60 minutes)")
    TEACHING = "teaching", _("teaching hours (45 minutes)")


MINUTES_PER_HOUR = {HoursUnit.CLOCK: 60, HoursUnit.TEACHING: 45}
HUNDREDTHS = Decimal("0.01")


def minutes_to_hours(minutes: int, unit: str = HoursUnit.CLOCK) -> Decimal:
    """Minutes as hours of the unit, to two places: 90 minutes are 1.5 clock or 2 teaching hours."""
    return (Decimal(minutes) / MINUTES_PER_HOUR[unit]).quantize(HUNDREDTHS)


def _minutes_between(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class SessionQuerySet(ProjectScopedQuerySet):
    project_path = "support_form__project"


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
    staff_name = models.CharField(_("staff"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

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
    staff_name = models.CharField(_("staff"), max_length=200, blank=True)
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="consultations",
        help_text=_("Only for an individual consultation: whom it is for."),
    )
    series = models.ForeignKey(
        SessionSeries, verbose_name=_("timetable"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="sessions", editable=False,
    )
    history = HistoricalRecords()

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
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
