"""The needs diagnosis and individual reintegration path (IŚR), in revisions, with the
support each revision plans."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.constraints import Check, Unique
from projects.models import ProjectScopedQuerySet

from .participation import Participation


class IndividualPathQuerySet(ProjectScopedQuerySet):
    project_path = "participation__project"
    participation_path = "participation"


class IndividualPath(models.Model):
    """The needs diagnosis and the individual reintegration path (IŚR), one row per revision.

    A revision is a new row: the earlier ones stay as they were, readable.
    """

    participation = models.ForeignKey(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE,
        related_name="paths",
    )
    revision = models.PositiveSmallIntegerField(_("revision"))
    drawn_up_on = models.DateField(_("drawn up on"))
    drawn_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn up by"), on_delete=models.PROTECT,
        related_name="+",
    )
    problem_situation = models.TextField(_("problem situation"))
    resources = models.TextField(_("resources"), blank=True)
    potential = models.TextField(_("potential"), blank=True)
    predispositions = models.TextField(_("predispositions"), blank=True)
    needs = models.TextField(_("needs"))
    goals = models.TextField(_("goals of the path"))
    revision_reason = models.TextField(_("reason for the revision"), blank=True)
    review_on = models.DateField(
        _("review planned on"), null=True, blank=True,
        help_text=_("When the path is to be reviewed; the social worker's list of things to do "
                    "shows it two weeks before."),
    )
    history = HistoricalRecords()

    objects = IndividualPathQuerySet.as_manager()

    class Meta:
        verbose_name = _("individual reintegration path")
        verbose_name_plural = _("individual reintegration paths")
        ordering = ["participation", "-revision"]
        constraints = [
            Unique(
                fields=["participation", "revision"], name="path_revision_unique",
                violation_error_message=_(
                    "This revision of the path is already recorded: open the path again and save."
                ),
            ),
            Check(
                condition=Q(review_on__isnull=True) | Q(review_on__gt=F("drawn_up_on")),
                name="path_review_after_drawn_up", field="review_on",
                violation_error_message=_("The review comes after the path is drawn up."),
            ),
        ]

    def __str__(self):
        return _("Individual path of %(person)s, revision %(revision)s") % {
            "person": self.participation.person, "revision": self.revision
        }

    @property
    def scope_project(self):
        return self.participation.project

    def clean(self):
        participation = getattr(self, "participation", None)
        if participation and self.drawn_up_on:
            problem = participation.support_date_problem(self.drawn_up_on)
            if problem:
                raise ValidationError({"drawn_up_on": problem})


class PlannedSupport(models.Model):
    """A support form the path plans for the participant, with its hours."""

    path = models.ForeignKey(
        IndividualPath, verbose_name=_("path"), on_delete=models.CASCADE,
        related_name="planned_support",
    )
    support_form = models.ForeignKey(
        "instruments.SupportForm", verbose_name=_("support form"), on_delete=models.PROTECT,
        related_name="+",
    )
    group_hours = models.DecimalField(
        _("group hours"), max_digits=6, decimal_places=2, default=0
    )
    individual_hours = models.DecimalField(
        _("individual hours"), max_digits=6, decimal_places=2, default=0
    )
    serves_goal = models.CharField(_("goal it serves"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("planned support")
        verbose_name_plural = _("planned support")
        ordering = ["path", "support_form__instrument", "support_form__name"]
        constraints = [
            Unique(
                fields=["path", "support_form"], name="planned_support_once_per_form",
                field="support_form",
                violation_error_message=_("Each support form may be planned once."),
            ),
            Check(
                condition=Q(group_hours__gte=0), name="planned_support_group_hours_not_negative",
                field="group_hours",
                violation_error_message=_("Hours cannot be negative."),
            ),
            Check(
                condition=Q(individual_hours__gte=0),
                name="planned_support_individual_hours_not_negative",
                field="individual_hours",
                violation_error_message=_("Hours cannot be negative."),
            ),
        ]

    def __str__(self):
        return str(self.support_form)

    def clean(self):
        path = getattr(self, "path", None)
        if path and self.support_form_id and (
            self.support_form.project_id != path.participation.project_id
        ):
            raise ValidationError({"support_form": _("This support form is of another project.")})
