"""A project with its editions, support area, indicator targets and team, and the QuerySets
every project-scoped record uses."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique

from .communes import TERYT_CODE, chosen_commune
from .organisations import Organisation, short_name_validator
from .programmes import FundingProgramme, IndicatorDefinition


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        """The projects on whose team the user is, and for the head of an organisation those
        it leads or partners in: the root of every scoped lookup."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        visible = Q(memberships__user=user, memberships__is_active=True)
        if user.heads_organisation:
            visible |= self.of_organisation(user.organisation_id)
        return self.filter(visible).distinct()

    @staticmethod
    def of_organisation(organisation_id) -> Q:
        return Q(lead_beneficiary=organisation_id) | Q(partners=organisation_id)

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
    keep_until = models.DateField(
        _("documentation kept until"), null=True, blank=True,
        help_text=_("As the grant agreement says. Empty: the project's end plus the default "
                    "period of the application's settings. After this day the administrator "
                    "may anonymise the project's participants."),
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
            Check(
                condition=Q(keep_until__isnull=True) | Q(keep_until__gte=F("end_date")),
                name="project_kept_after_end", field="keep_until",
                violation_error_message=_(
                    "The documentation is kept at least until the project's end."
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
    def retention_end(self) -> date:
        """The last day the project's documentation and its participants' data are kept: the
        grant agreement's date, or failing it the project's end plus the default period."""
        if self.keep_until:
            return self.keep_until
        years = settings.RETENTION_DEFAULT_YEARS
        try:
            return self.end_date.replace(year=self.end_date.year + years)
        except ValueError:  # 29 February into a common year
            return self.end_date.replace(year=self.end_date.year + years, day=28)

    @property
    def retention_set_by_agreement(self) -> bool:
        return self.keep_until is not None

    def retention_passed(self, today: date | None = None) -> bool:
        """Whether the keeping period is over: from the day after ``retention_end``."""
        return (today or timezone.localdate()) > self.retention_end

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


def _projects_as_partner(user):
    """The projects in which the user's organisation is a partner, not the lead."""
    if not user.organisation_id:
        return Project.objects.none()
    return Project.objects.filter(partners=user.organisation_id)


def _projects_seen_whole(user):
    """The projects of which the user sees every participant: as the lead's coordinator."""
    return Project.objects.filter(
        memberships__user=user, memberships__is_active=True, memberships__role=Role.COORDINATOR,
    ).exclude(pk__in=_projects_as_partner(user))


def sees_whole_project(user, project) -> bool:
    """Whether the user sees every participant of the project (and alone may hand one to
    another organisation of the partnership)."""
    return user.is_superuser or _projects_seen_whole(user).filter(pk=project.pk).exists()


def seen_whole(user, project_path: str = "pk"):
    """``sees_whole_project`` as a column of the query that reads the project at
    ``project_path``: a page that needs both asks once."""
    if user.is_superuser:
        return Value(True)
    return Exists(_projects_seen_whole(user).filter(pk=OuterRef(project_path)))


def participations_seen_by(user, path: str = "") -> Q:
    """Need-to-know inside a project: which participations (at ``path`` from the records
    filtered; "" for participations themselves) the user's team place lets them see.

    A partner's staff (their organisation is a partner of the project) see the participants
    their organisation is responsible for. Everyone else on the team works for the lead
    beneficiary (staff of the lead, without an organisation, or of one outside the
    partnership, as ``recording_organisation`` counts them): its coordinator sees every
    participant of the project, its other staff the lead's own participants. The team itself
    is required by ``Project.objects.for_user`` beside this.
    """
    if user.is_superuser:
        return Q()
    prefix = f"{path}__" if path else ""
    as_partner = _projects_as_partner(user)
    partners_own = Q(
        **{f"{prefix}project__in": as_partner, f"{prefix}organisation": user.organisation_id}
    )
    leads_own = ~Q(**{f"{prefix}project__in": as_partner}) & Q(
        **{f"{prefix}organisation": F(f"{prefix}project__lead_beneficiary")}
    )
    return Q(**{f"{prefix}project__in": _projects_seen_whole(user)}) | partners_own | leads_own


def participations_seen_in(user, projects, *, project: str = "project",
                           organisation: str = "organisation") -> Q:
    """``participations_seen_by(user)`` among these projects, said with their ids: the projects
    read by ``projects.access.projects_with_role`` (each knows the user's role on it and
    whether the user's organisation is its partner). With the projects named, the database
    knows which a list reads, and the list's index serves its order.

    ``project`` and ``organisation`` are the lookups of the record's project and of the
    organisation responsible for its participant (e.g. "participation__organisation")."""
    if user.is_superuser:
        return Q(**{f"{project}__in": [each.pk for each in projects]})
    whole, as_partner, of_lead = [], [], {}
    for each in projects:
        if each.as_partner:
            as_partner.append(each.pk)
        elif each.team_role == Role.COORDINATOR:
            whole.append(each.pk)
        else:
            of_lead.setdefault(each.lead_beneficiary_id, []).append(each.pk)
    seen = Q(**{f"{project}__in": whole})
    if as_partner:
        seen |= Q(**{f"{project}__in": as_partner, organisation: user.organisation_id})
    for lead, pks in of_lead.items():
        seen |= Q(**{f"{project}__in": pks, organisation: lead})
    return seen


class ProjectScopedQuerySet(models.QuerySet):
    """For objects that belong to one project: visible to the project's team only.

    ``participation_path`` names the participation a record belongs to (a contract, an
    attendance mark): such records are seen only by who may see that participant."""

    project_path = "project"
    participation_path: str | None = None
    participation_optional = False  # records with no participant (a group session) are the team's

    def for_user(self, user):
        visible = self.filter(**{f"{self.project_path}__in": Project.objects.for_user(user)})
        if self.participation_path is None or not user.is_authenticated:
            return visible
        seen = participations_seen_by(user, self.participation_path)
        if self.participation_optional:
            seen |= Q(**{f"{self.participation_path}__isnull": True})
        return visible.filter(seen)


class ParticipationScopedQuerySet(ProjectScopedQuerySet):
    """For records of one participation (an internship, a job found): its project's team only,
    and of them who may see that participant."""

    project_path = "participation__project"
    participation_path = "participation"


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
            # Chosen from the TERYT list, a commune is its code: an urban and a rural commune
            # may share a name ("Lubartów" and "Lubartów"). Typed without one, it is its names.
            Unique(
                fields=["project", "teryt"], condition=~Q(teryt=""),
                name="support_area_teryt_unique", field="teryt",
                violation_error_message=_("This commune is already in the support area."),
            ),
            Unique(
                fields=["project", "voivodeship", "county", "commune"], condition=Q(teryt=""),
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
