"""Detecting concurrent edits: a version number checked and bumped in one UPDATE.

Row locks do nothing on SQLite, so the check is a conditional ``UPDATE … WHERE version = n``,
atomic on every database. The full ``save()`` that follows records the change in the history.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone saved the record after the form was opened."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def save_checked(instance: Versioned, *, expected_version: int) -> None:
    """Saves an edited instance unless its row changed since ``expected_version`` was read."""
    model = type(instance)
    with transaction.atomic():
        claimed = model._default_manager.filter(
            pk=instance.pk, version=expected_version
        ).update(version=expected_version + 1)
        if not claimed:
            raise EditConflict(model._default_manager.get(pk=instance.pk))
        instance.version = expected_version + 1
        instance.save()


def form_differences(form, current) -> list[dict]:
    """The fields where the form's values and the record saved meanwhile disagree."""
    rows = []
    for name in form.changed_data:
        if name == "version" or name not in form.fields:
            continue
        field = current._meta.get_field(name)
        saved = field.value_from_object(current)
        mine = form.cleaned_data.get(name)
        if getattr(mine, "pk", mine) != saved:
            rows.append({
                "label": form.fields[name].label,
                "mine": _display_value(field, mine),
                "saved": _display_value(field, saved),
            })
    return rows


def _display_value(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
