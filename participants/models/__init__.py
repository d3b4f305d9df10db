"""The participant registry: people (``people``), their participations (``participation``), the
recruitment path (``status``) and their diagnoses and individual reintegration paths (``paths``)."""

from .participation import ENTRY_DATA_FIELDS, EntryCorrection, Participation, ParticipationQuerySet
from .paths import IndividualPath, IndividualPathQuerySet, PlannedSupport
from .people import (
    Person,
    PersonQuerySet,
    Sex,
    normalise_document,
    recording_organisation,
    search_key,
)
from .status import ENDING, TAKING_PART, TRANSITIONS, ParticipationStatus, StatusChange

__all__ = [
    "ENDING", "ENTRY_DATA_FIELDS", "TAKING_PART", "TRANSITIONS", "EntryCorrection",
    "IndividualPath", "IndividualPathQuerySet", "Participation", "ParticipationQuerySet",
    "ParticipationStatus", "PersonQuerySet", "Person", "PlannedSupport", "Sex", "StatusChange",
    "normalise_document", "recording_organisation", "search_key",
]
