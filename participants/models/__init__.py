"""The participant registry: people (``people``), their participations (``participation``, selected
through ``queries``), the corrections of their data at entry (``corrections``), the recruitment
path (``status``) and their diagnoses and individual reintegration paths (``paths``)."""

from .corrections import ENTRY_DATA_FIELDS, EntryCorrection
from .participation import Participation
from .paths import IndividualPath, IndividualPathQuerySet, PlannedSupport
from .people import (
    Person,
    PersonQuerySet,
    Sex,
    normalise_document,
    recording_organisation,
    search_key,
)
from .queries import ParticipationQuerySet
from .status import (
    ENDING,
    TAKING_PART,
    TRANSITIONS,
    ParticipationStatus,
    StatusChange,
    status_label,
)

__all__ = [
    "ENDING", "ENTRY_DATA_FIELDS", "TAKING_PART", "TRANSITIONS", "EntryCorrection",
    "IndividualPath", "IndividualPathQuerySet", "Participation", "ParticipationQuerySet",
    "ParticipationStatus", "PersonQuerySet", "Person", "PlannedSupport", "Sex", "StatusChange",
    "normalise_document", "recording_organisation", "search_key", "status_label",
]
