"""Recording a participant's results: employment taken up and documented social progress.

Each function is atomic, validates the whole record (``full_clean``) and records who made the
change in the history.

Dates are checked against the participation, so that a typo in a year cannot count (or hide) a
result:

- a result comes on or after the start of the participation: work or progress from before the
  project is not its result;
- it comes at most ``LATEST_MONTHS`` (12) months after the end of the participation, or after the
  end of the project while the person still takes part. Effectiveness counts only results within
  the programme's window (3 months), but the office may record a later result (a follow-up, a
  longer-term indicator); a date a year or more past that is almost always a wrong year;
- documented progress is a fact already documented, so its date is not in the future; work may
  start on an agreed later day (a contract signed in advance), within the same limit.

Path completion is not recorded here: it is part of the exit data of the participation
(``Participation.path_completed``).
"""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aktywizacja.dates import add_months
from aktywizacja.history import attributed
from participants.models import TAKING_PART, Participation

from .effectiveness import FAMILY_RULES
from .models import EffectivenessRule, Employment, EmploymentRule, SocialProgress

LATEST_MONTHS = 12




def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def latest_result_date(participation: Participation) -> date:
    """The last day a result of this participation may be dated (see the module docstring)."""
    end = participation.end_date or participation.project.end_date
    return add_months(end, LATEST_MONTHS)


def _require_taking_part(participation: Participation) -> None:
    if participation.status not in TAKING_PART or participation.start_date is None:
        raise ValidationError(
            _("Results are recorded only for a participant whose participation has started.")
        )


def _date_errors(participation: Participation, field: str, day: date | None) -> dict:
    if day is None:
        return {}
    if day < participation.start_date:
        return {field: _(
            "The date cannot be before the start of participation (%(start)s)."
        ) % {"start": _short(participation.start_date)}}
    latest = latest_result_date(participation)
    if day > latest:
        return {field: _(
            "The date cannot be later than %(latest)s, a year after the end of participation: "
            "check the year."
        ) % {"latest": _short(latest)}}
    return {}


def _model_errors(instance) -> dict:
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.update_error_dict({})
    return {}


def _check(instance, date_field: str, duplicates, extra_errors=None) -> None:
    """All the errors at once: the model's own, the dates, then a duplicate (a resubmission)."""
    participation = instance.participation
    _require_taking_part(participation)
    errors = _model_errors(instance)
    day = getattr(instance, date_field)
    for name, message in {
        **_date_errors(participation, date_field, day), **(extra_errors or {})
    }.items():
        errors.setdefault(name, [message])
    if not errors and duplicates.exclude(pk=instance.pk).exists():
        errors = {NON_FIELD_ERRORS: [_("This result is already recorded.")]}
    if errors:
        raise ValidationError(errors)


def _check_employment(employment: Employment) -> None:
    _check(employment, "start_date", Employment.objects.filter(
        participation=employment.participation, contract_type=employment.contract_type,
        start_date=employment.start_date, employer=employment.employer,
        employer_name=employment.employer_name,
    ))


def _check_progress(progress: SocialProgress) -> None:
    future = {}
    if progress.date and progress.date > timezone.localdate():
        future = {"date": _(
            "Progress is recorded once documented: the date cannot be in the future."
        )}
    _check(progress, "date", SocialProgress.objects.filter(
        participation=progress.participation, date=progress.date,
        description=progress.description,
    ), future)


@transaction.atomic
def employment_record(*, participation: Participation, by, **data) -> Employment:
    """Records work the participant took up."""
    employment = Employment(participation=participation, **data)
    _check_employment(employment)
    attributed(employment, by).save()
    return employment


@transaction.atomic
def employment_update(*, employment: Employment, by, **data) -> Employment:
    for name, value in data.items():
        setattr(employment, name, value)
    _check_employment(employment)
    attributed(employment, by).save()
    return employment


@transaction.atomic
def employment_delete(*, employment: Employment, by) -> None:
    """Deletes a record made in error; the history keeps what it was and who deleted it."""
    attributed(employment, by).delete()


@transaction.atomic
def social_progress_record(*, participation: Participation, by, **data) -> SocialProgress:
    """Records documented progress in the participant's social situation."""
    progress = SocialProgress(participation=participation, **data)
    _check_progress(progress)
    attributed(progress, by).save()
    return progress


@transaction.atomic
def social_progress_update(*, progress: SocialProgress, by, **data) -> SocialProgress:
    for name, value in data.items():
        setattr(progress, name, value)
    _check_progress(progress)
    attributed(progress, by).save()
    return progress


@transaction.atomic
def social_progress_delete(*, progress: SocialProgress, by) -> None:
    attributed(progress, by).delete()


@transaction.atomic
def programme_rules_adopt(*, programme) -> int:
    """Gives a programme the rules of its family (``FAMILY_RULES``) it does not have yet, so a
    new regional programme is not typed rule by rule; returns how many rows were added. The rows
    it has already (its calls' own figures) stay as they are."""
    rules = FAMILY_RULES.get(programme.family)
    if rules is None:
        return 0
    have = set(programme.effectiveness_rules.values_list("kind", flat=True))
    thresholds = [
        EffectivenessRule(programme=programme, kind=kind, threshold_percent=percent,
                          threshold_percent_severe_disability=severe, window_months=months)
        for kind, percent, severe, months in rules["thresholds"] if kind not in have
    ]
    have = set(programme.employment_rules.values_list("contract_type", flat=True))
    employment = [
        EmploymentRule(programme=programme, contract_type=form, min_months=months,
                       min_working_time=share, min_value_in_minimum_wages=wages)
        for form, months, share, wages in rules["employment"] if form not in have
    ]
    for rule in [*thresholds, *employment]:
        rule.full_clean()
        rule.save()
    return len(thresholds) + len(employment)
