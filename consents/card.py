"""The consents tab of the participant's card: the forms to print, the information clause given,
and each consent with its state and who recorded it (the card app puts the tab in place)."""

from itertools import groupby
from operator import attrgetter

from django.utils.translation import gettext as _

from participants.history import HistoryEntry, entries_of

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
    receipt_recorded = {
        row.id: row.history_user
        for row in ClauseReceipt.history.filter(participation=participation, history_type="+")
        .select_related("history_user")
    }
    return {
        "forms_to_sign": FormKind.choices,
        "consents": [
            (consent, recorded.get((consent.pk, False)), recorded.get((consent.pk, True)))
            for consent in consents
        ],
        "clause_receipts": [(receipt, receipt_recorded.get(receipt.pk)) for receipt in receipts],
        "current_clause_version": clause.version,
        "current_clause_given": any(r.version == clause.version for r in receipts),
    }


def consents_history(participation) -> list[HistoryEntry]:
    """The history tab's entries of the participant's consents: who recorded each, and its
    withdrawal (one query for all of them, sorted into records here)."""
    rows = (
        Consent.history.filter(participation=participation).select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    entries = []
    for _record, records in groupby(rows, key=attrgetter("id")):
        records = list(records)
        entries += entries_of(records, f"{_('consent')}: {records[-1].get_kind_display()}")
    return entries
