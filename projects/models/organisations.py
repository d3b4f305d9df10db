"""Organisations: offices, NGOs, training providers and employers (NIP and REGON checked)."""

from datetime import date

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Unique

from ..validators import validate_nip, validate_regon
from .signatories import Signatory, signatory_on

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
        """Own organisation, those its office recorded, those taking part in its projects,
        those recorded by the partners of its projects (the host employer a partner entered for
        a shared participant is one the lead's staff must be able to keep when they save), and
        the shared registry the administrator keeps, which every office chooses from."""
        if user.is_superuser:
            return self.all()
        from .projects import Project  # (projects refer to organisations, and back)

        projects = Project.objects.for_user(user)
        visible = Q(led_projects__in=projects) | Q(partner_projects__in=projects)
        partners = Organisation.objects.filter(
            Q(led_projects__in=projects) | Q(partner_projects__in=projects)
        ).values("pk")
        visible |= Q(recorded_by__in=partners) | Q(in_registry=True)
        if user.organisation_id:
            visible |= Q(pk=user.organisation_id) | Q(recorded_by=user.organisation_id)
        return self.filter(visible).distinct()


class Organisation(Versioned):
    name = models.CharField(_("name"), max_length=255)
    name_accusative = models.CharField(
        _("name after “przez” (accusative)"), max_length=255, blank=True,
        help_text=_("As documents print it in “realizowany przez …”, e.g. “Lubelską Fundację "
                    "Rozwoju”. Left empty, documents name the organisation in a sentence of "
                    "its own."),
    )
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
    head_title = models.CharField(
        _("title of the person who signs"), max_length=150, blank=True,
        help_text=_("As it is printed under the signature, e.g. “Kierownik Miejskiego Ośrodka "
                    "Pomocy Społecznej w Lubartowie” or “Prezes Zarządu”."),
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
    in_registry = models.BooleanField(
        _("in the shared registry"), default=False,
        help_text=_("Recorded by the administrator for every office: each coordinator chooses "
                    "it instead of typing it again, and only the administrator changes it."),
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

    @property
    def is_welfare_centre(self) -> bool:
        """A social-welfare centre (MOPS, GOPS, PCPR): documents call it "ośrodek"; any other
        organisation is never called one."""
        return self.kind in (OrganisationKind.MOPS, OrganisationKind.GOPS, OrganisationKind.PCPR)

    def __str__(self):
        return self.short_name or self.name

    def signatory_for(self, kind: str, *, on: date | None = None) -> Signatory:
        """Who signs the organisation's documents of ``kind`` (a ``SignatoryKind``) dated ``on``
        (today when not given): the signatory recorded for that kind and day, else the head of
        the organisation. Every printed document asks here.

        The organisation's signatories are read once per instance (Django's prefetch cache: a
        batch of certificates asks once; ``refresh_from_db()`` reads them again)."""
        if "signatories" not in getattr(self, "_prefetched_objects_cache", {}):
            prefetch_related_objects([self], "signatories")
        return signatory_on(self.signatories.all(), organisation=self, kind=kind,
                            on=on or timezone.localdate())

    def changeable_by(self, user) -> bool:
        """The shared registry is the administrator's: an office changes its own records and
        its own organisation, not an entry every office relies on."""
        return not self.in_registry or user.is_superuser or self.pk == user.organisation_id

    @property
    def address(self) -> str:
        town = " ".join(part for part in [self.postcode, self.town] if part)
        return ", ".join(part for part in [self.street, town] if part)
