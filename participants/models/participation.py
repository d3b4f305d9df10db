"""A person's participation in one project: data at entry, dates and status, and the rules
that keep them consistent (its queries are in ``queries``, the corrections in ``corrections``)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from projects.models import TERYT_CODE, CommuneLookup, Edition, Organisation, Project

from ..codelists import (
    LONG_TERM_UNEMPLOYMENT_MONTHS,
    UNEMPLOYED,
    VOIVODESHIP_CHOICES,
    Answer,
    DisabilityDegree,
    Education,
    ExitReason,
    LabourMarketStatus,
    Occupation,
    SituationAtExit,
    Urbanisation,
)
from .people import Person
from .queries import ParticipationQuerySet
from .status import TAKING_PART, TRANSITIONS, ParticipationStatus, status_label


class Participation(Versioned):
    """A person's participation in one project (and edition), with their data at entry."""

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
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("responsible organisation"), on_delete=models.PROTECT,
        related_name="responsible_for",
        help_text=_("The lead or the partner who recruited the person and supports them: its "
                    "staff see this participant; the other partners' staff do not."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ParticipationStatus.choices,
        default=ParticipationStatus.CANDIDATE,
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("social worker"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="cases",
    )
    application_date = models.DateField(_("application date"), null=True, blank=True)
    recruitment_source = models.CharField(
        _("how they learnt of the project"), max_length=200, blank=True,
        help_text=_("e.g. social worker, poster, labour office, family"),
    )
    start_date = models.DateField(
        _("start of participation"), null=True, blank=True,
        help_text=_("The day of the first form of support; the data at entry refer to it."),
    )
    end_date = models.DateField(_("end of participation"), null=True, blank=True)

    # Data at entry, as the person was on the start date.
    age_at_entry = models.PositiveSmallIntegerField(_("age at entry"), null=True, editable=False)
    labour_market_status = models.CharField(
        _("labour-market status"), max_length=30, choices=LabourMarketStatus.choices, blank=True
    )
    unemployment_months = models.PositiveSmallIntegerField(
        _("months out of work"), null=True, blank=True,
        help_text=_("For an unemployed person: how long without work, in months."),
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    disability = models.CharField(
        _("person with a disability"), max_length=10, choices=Answer.choices, blank=True
    )
    disability_degree = models.CharField(
        _("degree of disability"), max_length=10, choices=DisabilityDegree.choices, blank=True
    )
    foreign_origin = models.CharField(
        _("person of foreign origin"), max_length=10, choices=Answer.choices, blank=True
    )
    third_country_national = models.CharField(
        _("third-country national"), max_length=10, choices=Answer.choices, blank=True
    )
    minority = models.CharField(
        _("national or ethnic minority"), max_length=10, choices=Answer.choices, blank=True
    )
    homeless = models.CharField(
        _("homeless or excluded from housing"), max_length=10, choices=Answer.choices,
        blank=True,
    )
    # Asked in 2014–2020 projects (SL2014): work at entry and the household.
    occupation = models.CharField(
        _("occupation"), max_length=30, choices=Occupation.choices, blank=True,
        help_text=_("For an employed person."),
    )
    employer = models.CharField(
        _("employed at"), max_length=200, blank=True, help_text=_("For an employed person."),
    )
    jobless_household = models.CharField(
        _("lives in a household where no one works"), max_length=10, choices=Answer.choices,
        blank=True,
    )
    jobless_household_children = models.CharField(
        _("of whom: in such a household with dependent children"), max_length=10,
        choices=Answer.choices, blank=True,
    )
    single_adult_household = models.CharField(
        _("lives in a household of one adult with dependent children"), max_length=10,
        choices=Answer.choices, blank=True,
    )
    other_disadvantage = models.CharField(
        _("in another disadvantaged social situation"), max_length=10, choices=Answer.choices,
        blank=True,
    )
    centre_client = models.BooleanField(
        _("client of the social-welfare centre"), null=True, blank=True
    )
    exclusion_reasons = models.TextField(_("reasons for risk of social exclusion"), blank=True)
    voivodeship = models.CharField(
        _("voivodeship"), max_length=30, choices=VOIVODESHIP_CHOICES, blank=True
    )
    county = models.CharField(_("county"), max_length=80, blank=True)
    commune = models.CharField(_("commune"), max_length=80, blank=True)
    commune_teryt = models.CharField(
        _("commune (TERYT code)"), max_length=7, blank=True, validators=[TERYT_CODE],
        help_text=_("Chosen from the TERYT code list: residence is compared with the support "
                    "area by this code."),
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    building_number = models.CharField(_("building number"), max_length=10, blank=True)
    flat_number = models.CharField(_("flat number"), max_length=10, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postcode in the form 00-000."))],
    )
    urbanisation = models.CharField(
        _("degree of urbanisation (DEGURBA)"), max_length=1, choices=Urbanisation.choices,
        blank=True,
    )
    in_support_area = models.BooleanField(_("lives in the support area"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    # At exit.
    exit_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=ExitReason.choices, blank=True
    )
    situation_at_exit = models.CharField(
        _("situation at exit"), max_length=20, choices=SituationAtExit.choices, blank=True
    )
    path_completed = models.BooleanField(
        _("path completed as planned"), null=True, blank=True
    )
    resend_to_monitoring = models.BooleanField(
        _("to be re-sent to the monitoring system"), default=False, editable=False,
        help_text=_("Data at entry corrected since the last monitoring export."),
    )
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # The person's names, copied here so that one index serves the participant list's order
    # (a project's people by name): written only by the database's triggers (participants
    # 0018, replaced by 0019's), which copy them on every write of a participation and of a
    # person's names.
    sort_last_name = models.CharField(max_length=150, editable=False, default="")
    sort_first_name = models.CharField(max_length=100, editable=False, default="")
    # The person's search key (``Person.search_text``), copied by the same triggers (since
    # participants 0019), so that a search across many projects reads this table's indexes only.
    search_text = models.CharField(max_length=300, editable=False, default="")
    history = HistoricalRecords(
        excluded_fields=["creation_token", "sort_last_name", "sort_first_name", "search_text"]
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "person__last_name", "person__first_name"]
        # The filters the participant list and the start pages combine (issue 13).
        indexes = [
            models.Index(fields=["project", "status"], name="participation_project_status"),
            models.Index(fields=["project", "start_date", "id"],
                         name="participation_project_start"),
            models.Index(fields=["social_worker", "status"], name="participation_worker_status"),
            models.Index(fields=["project", "sort_last_name", "sort_first_name", "id"],
                         name="participation_project_name"),
            models.Index(fields=["sort_last_name", "sort_first_name", "id"],
                         name="participation_name_order"),
        ]
        constraints = [
            Unique(
                fields=["person", "project"], name="participation_once_per_project",
                violation_error_message=_("This person is already recorded in this project."),
            ),
            Check(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="participation_period_ordered",
                field="end_date",
                violation_error_message=_("Participation cannot end before it starts."),
            ),
            Check(
                condition=Q(labour_market_status=LabourMarketStatus.EMPLOYED)
                | Q(occupation="", employer=""),
                name="participation_occupation_of_employed",
                field="occupation",
                violation_error_message=_(
                    "The occupation and the employer are given for an employed person only."
                ),
            ),
            Check(
                condition=~Q(jobless_household_children=Answer.YES)
                | Q(jobless_household=Answer.YES),
                name="participation_jobless_household_children_within",
                field="jobless_household_children",
                violation_error_message=_(
                    "A household with dependent children where no one works is a household "
                    "where no one works: answer that question “yes” too."
                ),
            ),
            Check(
                condition=Q(flat_number="") | ~Q(building_number=""),
                name="participation_flat_in_building",
                field="building_number",
                violation_error_message=_("Give the building number with the flat number."),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.project.short_name}"

    @property
    def street_address(self) -> str:
        """“ul. Lipowa 5/3”: the street, building and flat as one line."""
        number = "/".join(part for part in [self.building_number, self.flat_number] if part)
        return " ".join(part for part in [self.street, number] if part)

    def clean(self, *, attended: dict | None = None, communes: CommuneLookup | None = None):
        """The rules across fields. A batch passes what it read for all its rows at once: the
        days of attendance (``attended_ranges``) and the ``communes`` of the code list."""
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Participation cannot end before it starts.")
        project = getattr(self, "project", None)
        if project and not project.contains_period(self.start_date, self.end_date):
            errors.setdefault("start_date", project.period_error())
        self._clean_application_date(errors, project)
        self._clean_commune(errors, communes or CommuneLookup([self.commune_teryt]))
        self._clean_attended_sessions(errors, attended)
        self._clean_organisation(errors, project)
        if self.edition_id and project and self.edition.project_id != project.pk:
            errors["edition"] = _("The edition belongs to another project.")
        if self.disability != Answer.YES and self.disability_degree:
            errors["disability_degree"] = _(
                "A degree is given only for a person with a disability."
            )
        if self.unemployment_months is not None and self.labour_market_status not in UNEMPLOYED:
            errors["unemployment_months"] = _(
                "Months out of work apply to unemployed people only."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A participation recorded without saying whose it is belongs to the lead beneficiary.
        if self.organisation_id is None and self.project_id is not None:
            self.organisation_id = self.project.lead_beneficiary_id
        super().save(*args, **kwargs)

    def _clean_organisation(self, errors, project):
        if not project or not self.organisation_id or not project.pk:
            return
        if self.organisation_id == project.lead_beneficiary_id:
            return
        if not project.partners.filter(pk=self.organisation_id).exists():
            errors["organisation"] = _(
                "The responsible organisation must be the project's lead beneficiary or one "
                "of its partners."
            )

    def _clean_application_date(self, errors, project):
        if not self.application_date:
            return
        if self.application_date > timezone.localdate():
            errors["application_date"] = _("The application date cannot be later than today.")
        elif project and not project.contains_period(self.application_date, None):
            errors["application_date"] = project.period_error()
        elif self.start_date and self.start_date < self.application_date:
            errors.setdefault("start_date", _(
                "Participation cannot start before the application, made on %(date)s."
            ) % {"date": date_format(self.application_date, "SHORT_DATE_FORMAT")})

    def _clean_commune(self, errors, communes: CommuneLookup):
        """A commune chosen from the TERYT list names the commune, county and voivodeship."""
        try:
            commune = communes.chosen(self.commune_teryt, field="commune_teryt")
        except ValidationError as error:
            errors.update(error.message_dict)
            return
        if commune is not None:
            self.commune, self.county, self.voivodeship = (
                commune.name, commune.county, commune.voivodeship
            )

    def _clean_attended_sessions(self, errors, attended: dict | None):
        """The period must keep every session the person was marked present at."""
        if self.pk is None:
            return
        if attended is None:
            attended = type(self).objects.attended_ranges([self.pk]).get(self.pk, {})
        attended = {"first": None, "last": None} | attended
        if attended["first"] and (self.start_date is None or attended["first"] < self.start_date):
            errors.setdefault("start_date", _(
                "The person was present at a session on %(date)s: participation must have "
                "started by then."
            ) % {"date": date_format(attended["first"], "SHORT_DATE_FORMAT")})
        if attended["last"] and self.end_date and attended["last"] > self.end_date:
            errors.setdefault("end_date", _(
                "The person was present at a session on %(date)s: participation cannot end "
                "before it."
            ) % {"date": date_format(attended["last"], "SHORT_DATE_FORMAT")})

    def support_date_problem(self, day: date) -> str | None:
        """Why support cannot be dated ``day`` for this person, or None when it can.

        Support happens by today, inside the project and, once the participation started,
        inside it; before the start (the diagnosis that opens the path) not before the application.
        """
        if day > timezone.localdate():
            return _("The date cannot be later than today.")
        if not self.project.contains_period(day, None):
            return self.project.period_error()
        if self.start_date is not None and not self.takes_part_on(day):
            return _("The date must lie within the participation, %(period)s.") % {
                "period": self.period_label
            }
        if self.start_date is None and self.application_date and day < self.application_date:
            return _("The date cannot be earlier than the application, made on %(date)s.") % {
                "date": date_format(self.application_date, "SHORT_DATE_FORMAT")
            }
        return None

    @property
    def entry_frozen(self) -> bool:
        """Whether the data at entry are fixed: the participation started."""
        return self.start_date is not None and self.status in TAKING_PART

    def entry_value_display(self, name: str) -> str:
        """A field of the data at entry as a person reads it (for the corrections' record)."""
        value = getattr(self, name)
        if value is None or value == "":
            return "—"
        field = self._meta.get_field(name)
        if field.choices:
            return str(getattr(self, f"get_{name}_display")())
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if isinstance(value, date):
            return date_format(value, "SHORT_DATE_FORMAT")
        return str(value)

    def takes_part_on(self, day: date) -> bool:
        """Whether ``day`` lies inside the participation: only then can support be delivered."""
        return (
            self.start_date is not None
            and self.start_date <= day
            and (self.end_date is None or day <= self.end_date)
        )

    @property
    def period_label(self) -> str:
        """The period as a person reads it: "01.03.2025 – …" while it lasts."""
        if self.start_date is None:
            return _("not started")
        end = date_format(self.end_date, "SHORT_DATE_FORMAT") if self.end_date else "…"
        return f"{date_format(self.start_date, 'SHORT_DATE_FORMAT')} – {end}"

    @property
    def scope_project(self):
        return self.project

    @property
    def status_label(self) -> str:
        """The status as said of this person: "ukończyła udział", "ukończył udział"."""
        return status_label(self.status, self.person.sex)

    @property
    def next_statuses(self) -> list[ParticipationStatus]:
        return TRANSITIONS[ParticipationStatus(self.status)]

    def refresh_age_at_entry(self) -> None:
        """Age at entry follows the start date: the data at entry refer to that day."""
        self.age_at_entry = self.person.age_on(self.start_date) if self.start_date else None

    @property
    def long_term_unemployed(self) -> bool | None:
        if self.labour_market_status not in UNEMPLOYED or self.unemployment_months is None:
            return None
        if self.age_at_entry is None:
            return None
        key = "under_25" if self.age_at_entry < 25 else "from_25"
        return self.unemployment_months > LONG_TERM_UNEMPLOYMENT_MONTHS[key]
