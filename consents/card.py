"""The consents tab of the participant's card: the forms to print, the information clause given,
and each consent with its state and who recorded it (the card app puts the tab in place)."""

from .models import Consent, FormKind
from .printing import template_for


def _recorded_by(history) -> dict[tuple[int, bool], object]:
    """(record id, withdrawn?) → who recorded that state, from the history rows."""
    recorded = {}
    for row in history.select_related("history_user").order_by("history_date"):
        recorded.setdefault((row.id, row.withdrawn_on is not None), row.history_user)
    return recorded


def consents_tab_context(participation) -> dict:
    consents = list(participation.consents.all())
    recorded = _recorded_by(Consent.history.filter(participation=participation))
    clause = template_for(participation.project, FormKind.CLAUSE)
    receipts = list(participation.clause_receipts.all())
    return {
        "forms_to_sign": FormKind.choices,
        "consents": [
            (consent, recorded.get((consent.pk, False)), recorded.get((consent.pk, True)))
            for consent in consents
        ],
        "clause_receipts": receipts,
        "current_clause_version": clause.version,
        "current_clause_given": any(r.version == clause.version for r in receipts),
    }
