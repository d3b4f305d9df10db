"""The history tab: who changed what and when, in the person's and the participation's records."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

HIDDEN_FIELDS = {"version", "search_text", "creation_token", "id"}
RECORD_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class HistoryEntry:
    when: datetime
    who: object
    record: str
    action: str
    changes: list[tuple[str, object, object]] = field(default_factory=list)


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _display(model, name, value):
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    return value


def history_entries(records, record_name) -> list[HistoryEntry]:
    """Consecutive historical rows compared in memory: one query per record, not per change."""
    records = records.select_related("history_user").order_by("history_date", "history_id")
    return entries_of(list(records), record_name)


def entries_of(records: list, record_name) -> list[HistoryEntry]:
    """The entries of one record's historical rows, already read in order."""
    entries = []
    previous = None
    for record in records:
        model = record.instance_type
        entry = HistoryEntry(
            when=record.history_date, who=record.history_user, record=record_name,
            action=RECORD_TYPES.get(record.history_type, record.history_type),
        )
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            entry.changes = [
                (_label(model, change.field), _display(model, change.field, change.old),
                 _display(model, change.field, change.new))
                for change in delta.changes
            ]
            if not entry.changes:
                previous = record
                continue
        entries.append(entry)
        previous = record
    return entries


def change_history(participation) -> list[HistoryEntry]:
    entries = history_entries(
        participation.person.history.all(), _("personal data")
    ) + history_entries(
        participation.history.all(), _("participation")
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
