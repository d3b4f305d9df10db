"""A project's support: the instruments, its support forms and the referrals of participants
to them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from aktywizacja.constraints import Check, Unique
from projects.models import (
    Edition,
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


class SupportGroupQuerySet(ProjectScopedQuerySet):
    project_path = "support_form__project"


class SupportGroup(models.Model):
    """A group the support form runs in (per edition, say), instead of a copy of the support
    form per group: its referred people and its sessions belong to it, and the attendance and
    the hours are counted per group. A support form without groups is one group."""

    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.CASCADE,
        related_name="groups",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="support_groups",
        help_text=_("Leave empty when people of every edition may join the group."),
    )
    staff_name = models.CharField(_("staff"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = SupportGroupQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("support group", "group")
        verbose_name_plural = pgettext_lazy("support group", "groups")
        ordering = ["support_form", "number"]
        constraints = [
            Unique(
                fields=["support_form", "number"], name="support_group_number_unique",
                field="number",
                violation_error_message=_("The support form already has a group of this number."),
            ),
        ]

    def __str__(self):
        label = _("group %(number)s") % {"number": self.number}
        return f"{label} ({self.name})" if self.name else label

    def clean(self):
        support_form = getattr(self, "support_form", None)
        if self.edition_id and support_form and self.edition.project_id != support_form.project_id:
            raise ValidationError({"edition": _("The edition belongs to another project.")})

    @property
    def scope_project(self):
        return self.support_form.project


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
    group = models.ForeignKey(
        SupportGroup, verbose_name=pgettext_lazy("support group", "group"),
        on_delete=models.PROTECT, null=True, blank=True,
        related_name="referrals",
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
        self._clean_group()
        participation = getattr(self, "participation", None)
        if participation and self.referred_on:
            if self.referred_on > timezone.localdate():
                raise ValidationError({"referred_on": _("The date cannot be later than today.")})
            if not participation.project.contains_period(self.referred_on, None):
                raise ValidationError({"referred_on": participation.project.period_error()})

    def _clean_group(self):
        """The group is one of the support form's, and of the person's edition if it has one."""
        if not self.group_id:
            return
        if self.group.support_form_id != self.support_form_id:
            raise ValidationError({"group": _("The group belongs to another support form.")})
        edition = self.participation.edition_id if self.participation_id else None
        if self.group.edition_id and edition and self.group.edition_id != edition:
            raise ValidationError({"group": _(
                "The group is of %(group_edition)s, the participant of %(edition)s."
            ) % {"group_edition": self.group.edition, "edition": self.participation.edition}})

    @property
    def scope_project(self):
        return self.participation.project

    @property
    def can_be_withdrawn(self) -> bool:
        return self.status not in (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)
