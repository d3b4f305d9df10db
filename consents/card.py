"""The consents tab of the participant's card: the forms to print, the information clause given,
and each consent with its state and who recorded it (the card app puts the tab in place)."""

from django.utils.translation import gettext_lazy as _

from participants.history import HistoryEntry, history_entries

from .models import ClauseReceipt, Consent, FormKind
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


def consents_history(participation) -> list[HistoryEntry]:
    """The history tab's entries of the participant's consents and clauses given: who recorded
    each consent, its withdrawal, each clause (one query per record; a person has a few)."""
    entries = []
    for model, label in [(Consent, _("consent")), (ClauseReceipt, _("information clause given"))]:
        history = model.history.filter(participation=participation)
        for record_id in sorted(set(history.values_list("id", flat=True))):
            records = history.filter(id=record_id)
            latest = records.latest("history_date")
            name = f"{label}: {latest.get_kind_display()}" if model is Consent else label
            entries += history_entries(records, name)
    return entries
