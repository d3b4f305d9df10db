"""The participant registry's forms: a person and a new application (``people``), a
participation's data (``participation``), the recruitment path (``status``) and the IŚR
(``paths``)."""

from .participation import ParticipationForm
from .paths import IndividualPathForm, PlannedSupportForm, planned_support_formset
from .people import CandidateForm, PersonFields, PersonForm
from .status import BulkStatusForm, StatusChangeForm

__all__ = [
    "BulkStatusForm", "CandidateForm", "IndividualPathForm", "ParticipationForm",
    "PersonFields", "PersonForm", "PlannedSupportForm", "StatusChangeForm",
    "planned_support_formset",
]
