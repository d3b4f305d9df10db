from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique

from .validators import validate_nip, validate_regon

postcode_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postcode in the form 00-000."))
short_name_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters without diacritics, digits, dots, hyphens and underscores only."),
)


class OrganisationKind(models.TextChoices):
    MOPS = "mops", _("municipal social-welfare centre (MOPS)")
    GOPS = "gops", _("commune social-welfare centre (GOPS)")
    PCPR = "pcpr", _("county family-support centre (PCPR)")
    NGO = "ngo", _("foundation or association")
    TRAINING_PROVIDER = "training_provider", _("training provider")
    EMPLOYER = "employer", _("employer")
    OTHER = "other", _("other")


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Own organisation, those its office recorded, those taking part in its projects, and
        those recorded by the partners of its projects (the host employer a partner entered for
        a shared participant is one the lead's staff must be able to keep when they save)."""
        if user.is_superuser:
            return self.all()
        projects = Project.objects.for_user(user)
        visible = Q(led_projects__in=projects) | Q(partner_projects__in=projects)
        partners = Organisation.objects.filter(
            Q(led_projects__in=projects) | Q(partner_projects__in=projects)
        ).values("pk")
        visible |= Q(recorded_by__in=partners)
        if user.organisation_id:
            visible |= Q(pk=user.organisation_id) | Q(recorded_by=user.organisation_id)
        return self.filter(visible).distinct()


class Organisation(Versioned):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    nip = models.CharField(
        _("NIP"), max_length=10, blank=True, validators=[validate_nip],
        help_text=_("Tax identification number: 10 digits, dashes allowed."),
    )
    regon = models.CharField(
        _("REGON"), max_length=14, blank=True, validators=[validate_regon],
        help_text=_("Statistical number: 9 or 14 digits."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, validators=[postcode_validator]
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    head_name = models.CharField(
        _("head of the organisation"), max_length=150, blank=True,
        help_text=_("Name of the person who signs documents, e.g. the head of the centre."),
    )
    recorded_by = models.ForeignKey(
        "self",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_organisations",
        help_text=_("The office that entered this organisation (its providers, employers)."),
    )
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            Unique(
                fields=["nip"],
                condition=~Q(nip=""),
                name="organisation_nip_unique",
                violation_error_message=_("An organisation with this NIP is already recorded."),
                field="nip",
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def address(self) -> str:
        town = " ".join(part for part in [self.postcode, self.town] if part)
        return ", ".join(part for part in [self.street, town] if part)


class FundingProgramme(models.Model):
    """A code list entry: an EU funding programme of one period (data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=40)
    fund = models.CharField(_("fund"), max_length=120, help_text=_("e.g. European Social Fund"))
    period_start_year = models.PositiveSmallIntegerField(_("first year of the period"))
    period_end_year = models.PositiveSmallIntegerField(_("last year of the period"))

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-period_start_year", "name"]
        constraints = [
            Check(
                condition=Q(period_end_year__gte=F("period_start_year")),
                name="programme_period_ordered",
                field="period_end_year",
                violation_error_message=_("The programme period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.short_name} {self.period_start_year}–{self.period_end_year}"

    @property
    def reports_to_sl2014(self) -> bool:
        """A 2014–2020 programme: its projects report participants to the SL2014 system."""
        return self.period_start_year == 2014


class IndicatorUnit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("per cent")


class IndicatorDefinition(models.Model):
    """A code list entry: an indicator a project can set a target for."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=10, choices=IndicatorUnit.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        """The projects on whose team the user is: the root of every scoped lookup."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user, memberships__is_active=True).distinct()

    def running_on(self, day: date):
        return self.filter(start_date__lte=day, end_date__gte=day)


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    FINISHED = "finished", _("finished")


class Project(Versioned):
    title = models.CharField(_("title"), max_length=400)
    short_name = models.CharField(
        _("short name"), max_length=40, unique=True, validators=[short_name_validator],
        help_text=_("Used in commands and file names, e.g. LUB-7.1.1-2011."),
    )
    agreement_number = models.CharField(_("agreement number"), max_length=80, blank=True)
    programme = models.ForeignKey(
        FundingProgramme, verbose_name=_("funding programme"), on_delete=models.PROTECT
    )
    priority = models.CharField(_("priority"), max_length=255, blank=True)
    measure = models.CharField(_("measure"), max_length=255, blank=True)
    sub_measure = models.CharField(_("sub-measure"), max_length=255, blank=True)
    lead_beneficiary = models.ForeignKey(
        Organisation,
        verbose_name=_("lead beneficiary"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_projects"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    target_group = models.TextField(_("target group"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    eligible_min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True,
        help_text=_("Eligibility: the youngest age a participant may have on applying."),
    )
    eligible_max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True,
        help_text=_("Eligibility: the oldest age a participant may have on applying."),
    )
    centre_clients_only = models.BooleanField(
        _("clients of the social-welfare centre only"), default=False,
    )
    support_area_description = models.TextField(
        _("support area (description)"), blank=True,
        help_text=_("As worded in the application, e.g. 'the town of Lubartów'."),
    )
    history = HistoricalRecords(m2m_fields=[partners])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title"]
        constraints = [
            Check(
                condition=Q(end_date__gte=F("start_date")), name="project_period_ordered",
                field="end_date",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            Check(
                condition=Q(eligible_min_age__isnull=True)
                | Q(eligible_max_age__isnull=True)
                | Q(eligible_max_age__gte=F("eligible_min_age")),
                name="project_age_range_ordered",
                field="eligible_max_age",
                violation_error_message=_(
                    "The upper age limit cannot be lower than the lower one."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The project cannot end before it starts.")}
            )
        if (
            self.eligible_min_age is not None
            and self.eligible_max_age is not None
            and self.eligible_max_age < self.eligible_min_age
        ):
            raise ValidationError(
                {"eligible_max_age": _("The maximum age cannot be below the minimum age.")}
            )

    @property
    def scope_project(self):
        return self

    @property
    def status(self) -> ProjectStatus:
        today = timezone.localdate()
        if today < self.start_date:
            return ProjectStatus.PLANNED
        if today > self.end_date:
            return ProjectStatus.FINISHED
        return ProjectStatus.RUNNING

    @property
    def time_elapsed_percent(self) -> int:
        """How much of the project period has passed, 0–100."""
        today = timezone.localdate()
        total = (self.end_date - self.start_date).days + 1
        passed = (min(max(today, self.start_date), self.end_date) - self.start_date).days
        if today > self.end_date:
            passed = total
        return round(100 * passed / total)

    @property
    def funding_line(self) -> str:
        return ", ".join(
            part for part in [self.priority, self.measure, self.sub_measure] if part
        )

    def contains_period(self, start: date | None, end: date | None) -> bool:
        return all(
            day is None or self.start_date <= day <= self.end_date for day in (start, end)
        )

    def period_error(self) -> str:
        return _("Dates must lie within the project period, %(start)s – %(end)s.") % {
            "start": date_format(self.start_date, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end_date, "SHORT_DATE_FORMAT"),
        }


class ProjectScopedQuerySet(models.QuerySet):
    """For objects that belong to one project: visible to the project's team only."""

    project_path = "project"

    def for_user(self, user):
        return self.filter(**{f"{self.project_path}__in": Project.objects.for_user(user)})


class ParticipationScopedQuerySet(ProjectScopedQuerySet):
    """For records of one participation (an internship, a job found): its project's team only."""

    project_path = "participation__project"


class Edition(models.Model):
    """A cohort of the project with its own dates (edycja)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="editions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["project", "number"]
        constraints = [
            Unique(
                fields=["project", "number"], name="edition_number_unique",
                field="number",
                violation_error_message=_(
                    "An edition with this number is already recorded in this project."
                ),
            ),
            Check(
                condition=Q(end_date__gte=F("start_date")), name="edition_period_ordered",
                field="end_date",
                violation_error_message=_("An edition cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name or _("Edition %(number)s") % {"number": self.number}

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("An edition cannot end before it starts.")})
        project = getattr(self, "project", None)
        if project and not project.contains_period(self.start_date, self.end_date):
            raise ValidationError(project.period_error())

    @property
    def scope_project(self):
        return self.project


class CommuneKind(models.TextChoices):
    """The kind of commune, the last digit of its TERYT code (RODZ in the TERC register)."""

    URBAN = "1", _("urban commune")
    RURAL = "2", _("rural commune")
    URBAN_RURAL = "3", _("urban-rural commune")


TERYT_CODE = RegexValidator(r"^\d{7}$", _("A TERYT commune code has 7 digits."))


class Commune(models.Model):
    """A code list entry: a commune of the TERYT register (TERC), loaded from GUS's file.

    ``manage.py load_teryt TERC_Urzedowy_<date>.csv`` fills it; residence and the support area
    are then chosen from it and compared by code, not by typed names.
    """

    code = models.CharField(_("TERYT code"), max_length=7, unique=True, validators=[TERYT_CODE])
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=1, choices=CommuneKind.choices)
    county = models.CharField(_("county"), max_length=100)
    voivodeship = models.CharField(_("voivodeship"), max_length=40)

    class Meta:
        verbose_name = _("commune (TERYT)")
        verbose_name_plural = _("communes (TERYT)")
        ordering = ["voivodeship", "county", "name", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """As it is chosen: "Lubartów (urban commune), county lubartowski, lubelskie [0608011]"."""
        return _("%(name)s (%(kind)s), county %(county)s, %(voivodeship)s [%(code)s]") % {
            "name": self.name, "kind": self.get_kind_display(), "county": self.county,
            "voivodeship": self.voivodeship, "code": self.code,
        }


class SupportAreaCommune(models.Model):
    """A commune of the project's support area, or only its revitalisation areas."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="support_area",
    )
    voivodeship = models.CharField(_("voivodeship"), max_length=40)
    county = models.CharField(_("county"), max_length=80)
    commune = models.CharField(_("commune"), max_length=80)
    teryt = models.CharField(
        _("TERYT code"), max_length=7, blank=True, validators=[TERYT_CODE],
        help_text=_("Chosen from the TERYT code list when it is loaded; residence is compared "
                    "with the support area by this code."),
    )
    revitalisation_only = models.BooleanField(
        _("revitalisation areas only"), default=False,
        help_text=_("Tick when the project supports only residents of the areas listed."),
    )
    revitalisation_areas = models.TextField(_("revitalisation areas"), blank=True)
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("support-area commune")
        verbose_name_plural = _("support area")
        ordering = ["project", "voivodeship", "county", "commune"]
        constraints = [
            Unique(
                fields=["project", "voivodeship", "county", "commune"],
                name="support_area_commune_unique",
                field="commune",
                violation_error_message=_("This commune is already in the support area."),
            ),
        ]

    def __str__(self):
        return _("%(commune)s (county %(county)s)") % {
            "commune": self.commune, "county": self.county
        }

    def clean(self):
        commune = chosen_commune(self.teryt)
        if commune is not None:
            self.commune, self.county, self.voivodeship = (
                commune.name, commune.county, commune.voivodeship
            )
        if self.revitalisation_only and not self.revitalisation_areas.strip():
            raise ValidationError(
                {"revitalisation_areas": _("List the revitalisation areas the project covers.")}
            )

    @property
    def scope_project(self):
        return self.project


def percent_of_target(achieved, target) -> int | None:
    """How much of a target is achieved, in whole percent rounded half up (62.5 → 63); ``None``
    when nothing is known yet or there is no target to measure against. The one computation
    behind the indicators page, the director's start page and the summary."""
    if achieved is None or not target:
        return None
    share = Decimal(100) * Decimal(achieved) / Decimal(target)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class IndicatorTarget(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="indicator_targets",
    )
    indicator = models.ForeignKey(
        IndicatorDefinition, verbose_name=_("indicator"), on_delete=models.PROTECT
    )
    target_value = models.DecimalField(_("target value"), max_digits=9, decimal_places=2)
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["project", "indicator__order"]
        constraints = [
            Unique(
                fields=["project", "indicator"], name="indicator_target_unique",
                field="indicator",
                violation_error_message=_("This indicator already has a target in this project."),
            ),
            Check(
                condition=Q(target_value__gte=0), name="indicator_target_not_negative",
                field="target_value",
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.target_value}"

    @property
    def scope_project(self):
        return self.project


class MembershipQuerySet(ProjectScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(models.Model):
    """A place on a project's team: who works on the project, in which role."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("project team")
        ordering = ["project", "role", "user__last_name"]
        constraints = [
            Unique(
                fields=["project", "user"], name="membership_unique",
                field="user",
                violation_error_message=_("This person is already in the project team."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"

    @property
    def scope_project(self):
        return self.project


def chosen_commune(code: str, field: str = "teryt") -> Commune | None:
    """The commune of the code list a code names; a ValidationError when the list is loaded and
    does not know it (before the list is loaded, the code is kept as typed)."""
    if not code:
        return None
    commune = Commune.objects.filter(code=code).first()
    if commune is None and Commune.objects.exists():
        raise ValidationError({field: _("No commune has this TERYT code: choose from the list.")})
    return commune
