from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Edition, Project, ProjectScopedQuerySet

from .pesel import pesel_birth_date, pesel_sex


class Sex(models.TextChoices):
    FEMALE = "K", _("woman")
    MALE = "M", _("man")


class PersonQuerySet(models.QuerySet):
    def for_user(self, user):
        """People taking part in the user's projects."""
        return self.filter(
            participations__project__in=Project.objects.for_user(user)
        ).distinct()


class Person(models.Model):
    """A person, recorded once; what they were at entry lives on each participation."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    pesel = models.CharField(
        _("PESEL"), max_length=11, blank=True,
        help_text=_("Leave empty for a person without a PESEL number, e.g. a foreigner."),
    )
    other_identifier = models.CharField(
        _("other identifier"), max_length=40, blank=True,
        help_text=_("For a person without PESEL: passport or residence card number."),
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pesel"], condition=~Q(pesel=""), name="person_pesel_unique"
            ),
            models.CheckConstraint(
                condition=Q(pesel="") | Q(pesel__regex=r"^[0-9]{11}$"),
                name="person_pesel_eleven_digits",
            ),
            models.CheckConstraint(
                condition=~Q(pesel="") | ~Q(other_identifier=""),
                name="person_has_identifier",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def __repr__(self):
        # Never the PESEL: reprs end up in logs and error reports.
        return f"<Person {self.pk}>"

    def clean(self):
        if not self.pesel:
            if not self.other_identifier:
                raise ValidationError(
                    {"other_identifier": _("Enter another identifier for a person without PESEL.")}
                )
            return
        errors = {}
        derived_birth = pesel_birth_date(self.pesel)
        if self.birth_date and derived_birth != self.birth_date:
            errors["birth_date"] = _(
                "The PESEL number gives the date of birth %(date)s: check the PESEL or the date."
            ) % {"date": date_format(derived_birth, "SHORT_DATE_FORMAT")}
        derived_sex = pesel_sex(self.pesel)
        if self.sex and derived_sex != self.sex:
            errors["sex"] = (
                _("The PESEL number is a woman's: check the PESEL or the sex.")
                if derived_sex == Sex.FEMALE
                else _("The PESEL number is a man's: check the PESEL or the sex.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}. {self.last_name[:1]}."


class ParticipationStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    QUALIFIED = "qualified", _("qualified")
    RESERVE = "reserve", _("reserve list")
    REJECTED = "rejected", _("rejected")
    PARTICIPANT = "participant", _("participant")
    COMPLETED = "completed", _("completed")
    RESIGNED = "resigned", _("resigned")
    REMOVED = "removed", _("removed")


# Statuses of people who are (or were) actually supported, as the indicators count them.
TAKING_PART = [ParticipationStatus.PARTICIPANT, ParticipationStatus.COMPLETED,
               ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED]


class ParticipationQuerySet(ProjectScopedQuerySet):
    def taking_part(self):
        return self.filter(status__in=TAKING_PART)

    def of_social_worker(self, user):
        return self.filter(social_worker=user)


class Participation(models.Model):
    """A person's participation in one project (and edition)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT,
        related_name="participations",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="participations",
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="participations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ParticipationStatus.choices,
        default=ParticipationStatus.CANDIDATE,
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("social worker"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="cases",
    )
    start_date = models.DateField(
        _("start of participation"), null=True, blank=True,
        help_text=_("The day of the first form of support; the data at entry refer to it."),
    )
    end_date = models.DateField(_("end of participation"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "project"], name="participation_once_per_project"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="participation_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.project.short_name}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Participation cannot end before it starts.")})
        project = getattr(self, "project", None)
        if project and not project.contains_period(self.start_date, self.end_date):
            raise ValidationError(project.period_error())
        if self.edition_id and project and self.edition.project_id != project.pk:
            raise ValidationError({"edition": _("The edition belongs to another project.")})

    @property
    def scope_project(self):
        return self.project
