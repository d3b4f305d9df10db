"""Code lists of the participant's data at entry and exit, in one place.

The values follow the EU monitoring data of the 2021–2027 period (SM EFS); a new programme
period changes this module, not the models that use it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    """Sensitive questions may be declined: yes / no / refused."""

    YES = "yes", _("yes")
    NO = "no", _("no")
    REFUSED = "refused", _("refused to answer")


class LabourMarketStatus(models.TextChoices):
    UNEMPLOYED_REGISTERED = "unemployed_registered", _("unemployed, registered at a labour office")
    UNEMPLOYED_UNREGISTERED = "unemployed_unregistered", _(
        "unemployed, not registered at a labour office"
    )
    INACTIVE = "inactive", _("economically inactive")
    EMPLOYED = "employed", _("employed")


UNEMPLOYED = {LabourMarketStatus.UNEMPLOYED_REGISTERED, LabourMarketStatus.UNEMPLOYED_UNREGISTERED}


class Education(models.TextChoices):
    ISCED_0_2 = "isced_0_2", _("lower secondary or less (ISCED 0–2)")
    ISCED_3_4 = "isced_3_4", _("upper secondary or post-secondary (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("tertiary (ISCED 5–8)")


class DisabilityDegree(models.TextChoices):
    MILD = "mild", _("mild")
    MODERATE = "moderate", _("moderate")
    SEVERE = "severe", _("severe")
    UNKNOWN = "unknown", _("degree not known")


class Urbanisation(models.TextChoices):
    """DEGURBA: degree of urbanisation of the place of residence."""

    CITIES = "1", _("1 – cities")
    TOWNS = "2", _("2 – towns and suburbs")
    RURAL = "3", _("3 – rural areas")


class ExitReason(models.TextChoices):
    COMPLETED = "completed", _("completed the path")
    RESIGNED = "resigned", _("resigned")
    REMOVED = "removed", _("removed from the project")
    EMPLOYMENT = "employment", _("left to take up work")


class SituationAtExit(models.TextChoices):
    EMPLOYED = "employed", _("employed (including self-employment)")
    JOB_SEEKING = "job_seeking", _("looking for work")
    IN_EDUCATION = "in_education", _("in education or training")
    QUALIFICATION = "qualification", _("obtained a qualification")
    INACTIVE = "inactive", _("economically inactive")
    OTHER = "other", _("other")


VOIVODESHIPS = [
    "dolnośląskie", "kujawsko-pomorskie", "lubelskie", "lubuskie", "łódzkie", "małopolskie",
    "mazowieckie", "opolskie", "podkarpackie", "podlaskie", "pomorskie", "śląskie",
    "świętokrzyskie", "warmińsko-mazurskie", "wielkopolskie", "zachodniopomorskie",
]
VOIVODESHIP_CHOICES = [(name, name) for name in VOIVODESHIPS]

# Long-term unemployment: over 6 months for people under 25, over 12 months from 25.
LONG_TERM_UNEMPLOYMENT_MONTHS = {"under_25": 6, "from_25": 12}
