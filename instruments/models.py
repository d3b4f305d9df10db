from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Organisation, Project, ProjectScopedQuerySet


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
            models.UniqueConstraint(fields=["project", "name"], name="support_form_name_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="support_form_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(planned_group_hours__gte=0) & Q(planned_individual_hours__gte=0),
                name="support_form_hours_not_negative",
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
    REFERRED = "referred", _("referred")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    DROPPED = "dropped", _("dropped")


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["participation", "support_form__instrument", "support_form__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "support_form"], name="referral_once_per_form"
            ),
        ]

    def __str__(self):
        return f"{self.participation} → {self.support_form}"

    def clean(self):
        if self.support_form_id and self.participation_id and (
            self.support_form.project_id != self.participation.project_id
        ):
            raise ValidationError(_("The support form belongs to another project."))
