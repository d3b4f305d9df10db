"""People: a person's identity (PESEL or another document), recorded by one organisation."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from projects.models import Project, participations_seen_by

from ..pesel import pesel_birth_date, pesel_sex


def search_key(text: str) -> str:
    """Lower case without diacritics, so that "wojcik" finds "Wójcik" on every database.

    SQLite's own case-insensitive match knows ASCII only; "ł" has no decomposition of its own.
    """
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return " ".join("".join(char for char in folded if not unicodedata.combining(char)).split())


def normalise_document(text: str) -> str:
    """A document number as stored: capitals and digits only ("ab 123-456" → AB123456)."""
    return "".join(char for char in text.upper() if char.isalnum())


class Sex(models.TextChoices):
    FEMALE = "K", _("woman")
    MALE = "M", _("man")


class PersonQuerySet(models.QuerySet):
    def for_user(self, user):
        """People taking part in the user's projects whom the user may see there (one filter:
        both conditions on the same participation)."""
        return self.filter(
            Q(participations__project__in=Project.objects.for_user(user))
            & participations_seen_by(user, "participations")
        ).distinct()

    def known_to(self, organisation):
        """The identities an organisation may find and use: those it recorded, and the people
        taking part in a project it leads or partners. Another organisation's record is neither
        found nor revealed: the same person is recorded again, and double funding is found by
        the identity (participations_matching_identity)."""
        return self.filter(
            Q(organisation=organisation)
            | Q(participations__project__lead_beneficiary=organisation)
            | Q(participations__project__partners=organisation)
        ).distinct()


def recording_organisation(user, project):
    """Whose record a new person becomes: the user's organisation when it takes part in the
    project (as its lead or a partner), else the project's lead."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id and (
        organisation_id == project.lead_beneficiary_id
        or project.partners.filter(pk=organisation_id).exists()
    ):
        return user.organisation
    return project.lead_beneficiary


class Person(Versioned):
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
    # The identity belongs to the organisation that recorded it (SECURITY.md, need to know).
    organisation = models.ForeignKey(
        "projects.Organisation", verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="people_recorded", editable=False,
    )
    search_text = models.CharField(max_length=300, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        # The participant list by name: read in order from an index, a page at a time (with
        # the sex chosen too), never sorted whole (issue 13).
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="person_name_order"),
            models.Index(fields=["sex", "last_name", "first_name", "id"],
                         name="person_sex_name_order"),
            # The same human in another organisation's project (double funding), by identity.
            models.Index(fields=["pesel"], condition=~Q(pesel=""), name="person_by_pesel"),
            models.Index(fields=["other_identifier"],
                         condition=Q(pesel="") & ~Q(other_identifier=""),
                         name="person_by_document"),
        ]
        constraints = [
            Unique(
                fields=["organisation", "pesel"], condition=~Q(pesel=""),
                name="person_pesel_unique", field="pesel",
                violation_error_message=_("A person with this PESEL is already recorded."),
            ),
            Check(
                condition=Q(pesel="") | Q(pesel__regex=r"^[0-9]{11}$"),
                name="person_pesel_eleven_digits",
                field="pesel",
                violation_error_message=_("A PESEL number has 11 digits."),
            ),
            Unique(
                fields=["organisation", "other_identifier"],
                condition=Q(pesel="") & ~Q(other_identifier=""),
                name="person_document_unique", field="other_identifier",
                violation_error_message=_(
                    "A person with this identity document is already recorded."
                ),
            ),
            Check(
                condition=~Q(pesel="") | ~Q(other_identifier=""),
                name="person_has_identifier",
                field="other_identifier",
                violation_error_message=_("Enter another identifier for a person without PESEL."),
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

    def refresh_search_text(self) -> None:
        """The column the participant search reads (kept in step by ``save``; a bulk insert
        that bypasses ``save`` calls this first)."""
        self.search_text = search_key(f"{self.last_name} {self.first_name} {self.pesel}")

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}. {self.last_name[:1]}."

    def age_on(self, day) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday
