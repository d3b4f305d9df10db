"""Internships with host employers; job placement (offers, interviews, placements); job coaching."""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from aktywizacja.dates import add_months, months_end
from instruments.models import SupportForm
from projects.models import Organisation, ParticipationScopedQuerySet, ProjectScopedQuerySet

INTERNSHIP_MIN_MONTHS = 3
INTERNSHIP_MAX_MONTHS = 6


class InternshipQuerySet(ParticipationScopedQuerySet):
    def with_attendance(self):
        """Months recorded and days planned and present, summed in the same query."""
        return self.annotate(
            months_recorded=models.Count("months"),
            total_days_planned=models.Sum("months__days_planned"),
            total_days_present=models.Sum("months__days_present"),
        )


class InternshipOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", pgettext_lazy("internship", "completed")
    HIRED = "hired", _("completed, hired by the host employer")
    INTERRUPTED = "interrupted", _("interrupted")


class Internship(Versioned):
    """A 3–6-month internship (staż zawodowy) of one participant with a host employer."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        related_name="internships",
    )
    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="internships",
    )
    employer = models.ForeignKey(
        Organisation, verbose_name=_("host employer"), on_delete=models.PROTECT,
        related_name="hosted_internships",
    )
    position = models.CharField(_("position"), max_length=200)
    mentor_name = models.CharField(_("internship mentor"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    monthly_stipend = models.DecimalField(
        _("monthly stipend (PLN)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=InternshipOutcome.choices,
        default=InternshipOutcome.IN_PROGRESS,
    )
    outcome_notes = models.TextField(_("notes on the outcome"), blank=True)
    history = HistoricalRecords()

    objects = InternshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        ordering = ["start_date", "pk"]
        constraints = [
            Check(
                condition=Q(end_date__gt=F("start_date")), name="internship_ends_after_start",
                violation_error_message=_("An internship cannot end before it starts."),
                field="end_date",
            ),
            Check(
                condition=Q(monthly_stipend__isnull=True) | Q(monthly_stipend__gte=0),
                name="internship_stipend_not_negative",
                field="monthly_stipend",
                violation_error_message=_("The stipend cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.employer} ({self.position})"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date:
            if self.end_date <= self.start_date:
                errors["end_date"] = _("An internship cannot end before it starts.")
            elif not (
                months_end(self.start_date, INTERNSHIP_MIN_MONTHS)
                <= self.end_date
                <= months_end(self.start_date, INTERNSHIP_MAX_MONTHS)
            ):
                errors["end_date"] = _("An internship lasts from 3 to 6 months.")
            participation = getattr(self, "participation", None)
            if participation and not participation.project.contains_period(
                self.start_date, self.end_date
            ):
                errors["start_date"] = participation.project.period_error()
        if self.start_date and participation and not participation.takes_part_on(
            self.start_date
        ):
            errors.setdefault("start_date", _(
                "An internship is support of the participation: it starts inside it (%(period)s)."
            ) % {"period": participation.period_label})
        employer = getattr(self, "employer", None)
        if employer and not employer.nip:
            errors["employer"] = _("Enter the host employer's NIP in its record first.")
        participation = getattr(self, "participation", None)
        if participation and self.support_form_id and (
            self.support_form.project_id != participation.project_id
        ):
            errors["support_form"] = _("The support form belongs to another project.")
        if not errors and (clash := self._overlapping()):
            errors[NON_FIELD_ERRORS] = _(
                "This person already has an internship in that period: %(employer)s, "
                "%(start)s – %(end)s. Internships of one person cannot overlap."
            ) % {
                "employer": clash.employer,
                "start": date_format(clash.start_date, "SHORT_DATE_FORMAT"),
                "end": date_format(clash.end_date, "SHORT_DATE_FORMAT"),
            }
        if errors:
            raise ValidationError(errors)

    def _overlapping(self) -> "Internship | None":
        """Another internship of the same person sharing at least one day with this one.

        An interrupted internship ended before its recorded end date, so it does not block a new
        one. (SQLite has no exclusion constraint: the rule is checked here, on every save path.)
        """
        if not (self.participation_id and self.start_date and self.end_date):
            return None
        return (
            Internship.objects.filter(
                participation=self.participation_id,
                start_date__lte=self.end_date,
                end_date__gte=self.start_date,
            )
            .exclude(pk=self.pk)
            .exclude(outcome=InternshipOutcome.INTERRUPTED)
            .select_related("employer")
            .order_by("start_date")
            .first()
        )

    @property
    def month_starts(self) -> list[date]:
        """The first day of every calendar month the internship touches."""
        month, months = self.start_date.replace(day=1), []
        while month <= self.end_date:
            months.append(month)
            month = add_months(month, 1)
        return months

    def days_in(self, month: date) -> int:
        """Calendar days of the internship in the month beginning on ``month``."""
        first = max(month, self.start_date)
        last = min(months_end(month, 1), self.end_date)
        return max((last - first).days + 1, 0)

    @property
    def attendance_percent(self) -> int | None:
        """Days present of days planned, over the months recorded (``with_attendance``)."""
        if not self.total_days_planned:
            return None
        return round(100 * self.total_days_present / self.total_days_planned)

    @property
    def is_closed(self) -> bool:
        return self.outcome != InternshipOutcome.IN_PROGRESS

    @property
    def scope_project(self):
        return self.participation.project


class InternshipMonthQuerySet(ProjectScopedQuerySet):
    project_path = "internship__participation__project"
    participation_path = "internship__participation"


class InternshipMonth(models.Model):
    """Attendance of one month of an internship: working days planned and days present."""

    internship = models.ForeignKey(
        Internship, verbose_name=_("internship"), on_delete=models.CASCADE, related_name="months"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    days_planned = models.PositiveSmallIntegerField(
        _("working days planned"), validators=[MaxValueValidator(31)]
    )
    days_present = models.PositiveSmallIntegerField(
        _("days present"), validators=[MaxValueValidator(31)]
    )
    history = HistoricalRecords()

    objects = InternshipMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("month of an internship")
        verbose_name_plural = _("months of internships")
        ordering = ["internship", "month"]
        constraints = [
            Unique(
                fields=["internship", "month"], name="internship_month_once",
                violation_error_message=_("This month is already recorded."),
                field="month",
            ),
            Check(
                condition=Q(days_present__lte=F("days_planned")) & Q(days_planned__lte=31),
                name="internship_month_present_within_planned",
                violation_error_message=_("Days present cannot exceed the working days planned."),
                field="days_present",
            ),
            Check(
                condition=Q(month__day=1), name="internship_month_first_day",
                violation_error_message=_("Record a month by its first day."),
                field="month",
            ),
        ]

    def __str__(self):
        return f"{self.internship} · {self.month:%m.%Y}"

    def clean(self):
        planned, present = self.days_planned, self.days_present
        if planned is not None and present is not None and present > planned:
            raise ValidationError(
                {"days_present": _("Days present cannot exceed the working days planned.")}
            )
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("Record a month by its first day.")})
        internship = getattr(self, "internship", None)
        if internship and self.month and internship.start_date and internship.end_date:
            first = internship.start_date.replace(day=1)
            if not first <= self.month <= internship.end_date:
                raise ValidationError({"month": _("The month is outside the internship.")})
            days = internship.days_in(self.month)
            if planned is not None and planned > days:
                raise ValidationError({"days_planned": ngettext(
                    "The internship lasts %(days)s day in %(month)s: plan no more working days "
                    "than that.",
                    "The internship lasts %(days)s days in %(month)s: plan no more working days "
                    "than that.", days,
                ) % {"days": days, "month": self.month.strftime("%m.%Y")}})

    @property
    def scope_project(self):
        return self.internship.participation.project


class JobSupportKind(models.TextChoices):
    OFFER_PRESENTED = "offer", _("job offer presented")
    INTERVIEW = "interview", _("job interview")
    PLACEMENT = "placement", _("placement: job taken up")
    JOB_COACH = "job_coach", _("job-coach contact")


class JobSupportContact(models.Model):
    """One step of job placement or job coaching for a participant."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        related_name="job_support_contacts",
    )
    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="job_support_contacts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JobSupportKind.choices)
    date = models.DateField(_("date"))
    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="job_support_contacts",
    )
    employer_name = models.CharField(
        _("employer (if not on record)"), max_length=200, blank=True
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    staff_name = models.CharField(_("job broker or job coach"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = ParticipationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("job placement or job-coach contact")
        verbose_name_plural = _("job placement and job-coach contacts")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.participation} · {self.get_kind_display()} · {self.date:%d.%m.%Y}"

    def clean(self):
        participation = getattr(self, "participation", None)
        if participation and self.date:
            problem = participation.support_date_problem(self.date)
            if problem is None and participation.start_date is None:
                problem = _("Start the participation first: support is given to participants.")
            if problem:
                raise ValidationError({"date": problem})
        if self.kind in (JobSupportKind.OFFER_PRESENTED, JobSupportKind.INTERVIEW,
                         JobSupportKind.PLACEMENT) and not (self.employer_id or self.employer_name):
            raise ValidationError({"employer_name": _("Name the employer.")})
        if participation and self.support_form_id and (
            self.support_form.project_id != participation.project_id
        ):
            raise ValidationError(
                {"support_form": _("The support form belongs to another project.")}
            )

    @property
    def scope_project(self):
        return self.participation.project

    @property
    def employer_label(self) -> str:
        return str(self.employer) if self.employer_id else self.employer_name
