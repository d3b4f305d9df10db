"""Recording what a participant signed and consented to, and a project's wording of the forms.

Each function is atomic, validates the whole record (``full_clean``) and records who made the
change in the history. Dates may lie in the past (the office works on paper first), never in the
future.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktywizacja.concurrency import claim_version
from aktywizacja.history import attributed
from participants.models import Participation
from projects.models import Project

from .models import ClauseReceipt, Consent, FormTemplate


@transaction.atomic
def consent_give(*, participation: Participation, kind: str, given_on: date, by) -> Consent:
    consent = Consent(participation=participation, kind=kind, given_on=given_on)
    consent.full_clean()
    attributed(consent, by).save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: date, by) -> Consent:
    """Records the withdrawal on the consent: the day it was given stays, and the history keeps
    who recorded each."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_on = withdrawn_on
    consent.full_clean()
    attributed(consent, by).save(update_fields=["withdrawn_on"])
    return consent


@transaction.atomic
def clause_record(*, participation: Participation, version: int, given_on: date,
                  by) -> ClauseReceipt:
    receipt = ClauseReceipt(participation=participation, version=version, given_on=given_on)
    receipt.full_clean()
    attributed(receipt, by).save()
    return receipt


@transaction.atomic
def template_save(*, project: Project, kind: str, body: str, by,
                  expected_version: int) -> FormTemplate:
    """Saves the project's wording of a form as its next version, dated today.

    ``expected_version`` is the version the coordinator edited (0: the default text): a save
    someone made meanwhile answers EditConflict.
    """
    template = FormTemplate.objects.filter(project=project, kind=kind).first()
    if template is None:
        template = FormTemplate(project=project, kind=kind, version=expected_version + 1)
        if expected_version != 0:
            raise ValidationError(_("The text was removed meanwhile: open the form again."))
    else:
        claim_version(template, expected_version=expected_version)
    template.body = body
    template.changed_on = timezone.localdate()
    template.full_clean()
    attributed(template, by).save()
    return template
