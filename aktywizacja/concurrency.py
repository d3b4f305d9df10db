"""Detecting concurrent edits: a version number checked and bumped in one UPDATE.

Row locks do nothing on SQLite, so the check is a conditional ``UPDATE … WHERE version = n``,
atomic on every database. The full ``save()`` that follows records the change in the history.
"""

from django import forms
from django.db import models, transaction
from django.shortcuts import render
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


def claim_version(instance: Versioned, *, expected_version: int) -> None:
    """Bumps the row's version if it is still ``expected_version``; else EditConflict.

    Call inside a transaction, then save the instance (and whatever belongs to it).
    """
    model = type(instance)
    claimed = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=expected_version + 1
    )
    if not claimed:
        raise EditConflict(model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1


def save_checked(instance: Versioned, *, expected_version: int) -> None:
    """Saves an edited instance unless its row changed since ``expected_version`` was read."""
    with transaction.atomic():
        claim_version(instance, expected_version=expected_version)
        instance.save()


class VersionedForm(forms.ModelForm):
    """Carries the version the person saw, to detect someone else's save in between."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


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


def conflict_response(request, differences: list[dict], *, back_url: str, back_label=""):
    """The one page that says someone else saved first, with both versions (``differences``, as
    ``form_differences`` gives them); nothing is saved."""
    return render(request, "conflict.html", status=409, context={
        "differences": differences,
        "back_url": back_url,
        "back_label": back_label,
    })
