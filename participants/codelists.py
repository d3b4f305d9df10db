"""Code lists of the participant's data at entry and exit, in one place.

The values follow the EU monitoring data of the 2021–2027 period (SM EFS) and, where the
2014–2020 period (SL2014) asked for more, its data too; a new programme period changes this
module, not the models that use it.
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
    """The highest education completed.

    2014–2020 projects (SL2014) record the level; 2021–2027 ones (SM EFS) only the group
    (ISCED 0–2, 3–4, 5–8). A level gives its group, a group does not give the level.
    """

    ISCED_0 = "isced_0", _("below primary (ISCED 0)")
    ISCED_1 = "isced_1", _("primary (ISCED 1)")
    ISCED_2 = "isced_2", _("lower secondary (ISCED 2)")
    ISCED_0_2 = "isced_0_2", _("lower secondary or less (ISCED 0–2)")
    ISCED_3 = "isced_3", _("upper secondary (ISCED 3)")
    ISCED_4 = "isced_4", _("post-secondary non-tertiary (ISCED 4)")
    ISCED_3_4 = "isced_3_4", _("upper secondary or post-secondary (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("tertiary (ISCED 5–8)")


EDUCATION_LEVELS = [
    Education.ISCED_0, Education.ISCED_1, Education.ISCED_2, Education.ISCED_3,
    Education.ISCED_4, Education.ISCED_5_8,
]
EDUCATION_GROUPS = [Education.ISCED_0_2, Education.ISCED_3_4, Education.ISCED_5_8]
_GROUP_OF_LEVEL = {
    Education.ISCED_0: Education.ISCED_0_2,
    Education.ISCED_1: Education.ISCED_0_2,
    Education.ISCED_2: Education.ISCED_0_2,
    Education.ISCED_3: Education.ISCED_3_4,
    Education.ISCED_4: Education.ISCED_3_4,
}


def education_group(value: str) -> str:
    """The 2021–2027 group of an education level (a group is its own group)."""
    return _GROUP_OF_LEVEL.get(value, value)


class Occupation(models.TextChoices):
    """The occupation of an employed person at entry, as the 2014–2020 monitoring listed it."""

    VOCATIONAL_INSTRUCTOR = "vocational_instructor", _("practical vocational training instructor")
    GENERAL_TEACHER = "general_teacher", _("teacher of general education")
    PRESCHOOL_TEACHER = "preschool_teacher", _("pre-school teacher")
    VOCATIONAL_TEACHER = "vocational_teacher", _("teacher of vocational education")
    HEALTH_CARE = "health_care", _("employee of a health-care institution")
    SOCIAL_ASSISTANCE = "social_assistance", _(
        "key employee of a social assistance or integration institution"
    )
    LABOUR_MARKET = "labour_market", _("employee of a labour-market institution")
    HIGHER_EDUCATION = "higher_education", _("employee of a higher-education institution")
    FAMILY_SUPPORT = "family_support", _(
        "employee of a family support or foster care institution"
    )
    SOCIAL_ECONOMY = "social_economy", _("employee of a social economy support centre")
    COUNSELLING = "counselling", _(
        "employee of a psychological and educational counselling centre"
    )
    FARMER = "farmer", _("farmer")
    OTHER = "other", _("other")


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
