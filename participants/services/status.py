"""Steps of the recruitment path, for one person or for many at once.

One set of rules for both: the form of one participation calls the batch with one person. A
batch reads what its rules need for all its people at once (the last steps, the days attended,
the support area, the communes), locks the rows in one query and writes the changes, the path
log and the history in bulk, so its cost does not grow with the number of people.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from aktywizacja.concurrency import EditConflict
from aktywizacja.history import attributed
from projects.models import CommuneLookup, SupportAreaCommune

from ..codelists import ExitReason
from ..eligibility import eligibility_problems
from ..models import ENDING, Participation, ParticipationStatus, StatusChange
from ..signals import participations_changed

EXIT_REASONS = {
    ParticipationStatus.COMPLETED: ExitReason.COMPLETED,
    ParticipationStatus.RESIGNED: ExitReason.RESIGNED,
    ParticipationStatus.REMOVED: ExitReason.REMOVED,
}

# What a step of the path may change on the participation (the commune's names are filled in
# from the code list by the model's rules): the bulk write saves these.
STEP_FIELDS = [
    "status", "edition", "start_date", "end_date", "exit_reason", "situation_at_exit",
    "path_completed", "age_at_entry", "commune", "county", "voivodeship",
]
# Links the database holds (they cannot point nowhere), and which a step does not change but
# the edition, checked against the project by the model's rules: not asked of the database
# once per person.
# Every link of a participation (the person, project, edition, worker, responsible
# organisation): the database holds their existence, so a batch does not look each one up.
RELATIONS = [field.name for field in Participation._meta.concrete_fields if field.is_relation]


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def check_step_date(participation: Participation, on: date, last: StatusChange | None) -> None:
    """A step of the path happened: not after today, in the project, not before the
    application, not before ``last``, the step before it."""
    today = timezone.localdate()
    if on > today:
        raise ValidationError(
            {"date": _("A step of the path cannot be dated after today (%(today)s).")
             % {"today": _short(today)}}
        )
    project = participation.project
    if not project.contains_period(on, None):
        raise ValidationError({"date": project.period_error()})
    if participation.application_date and on < participation.application_date:
        raise ValidationError(
            {"date": _("The application was made on %(date)s: a later step cannot be dated "
                       "earlier.") % {"date": _short(participation.application_date)}}
        )
    if last and on < last.date:
        raise ValidationError(
            {"date": _("The previous step (“%(status)s”) is dated %(date)s: this one cannot be "
                       "earlier.") % {"status": last.get_to_status_display(),
                                      "date": _short(last.date)}}
        )


@dataclass
class _Step:
    """One step asked of every participation of a batch."""

    to_status: ParticipationStatus
    on: date
    reason: str
    override: bool
    edition: object
    exit_data: dict


class _Facts:
    """What the rules of a step need, read for the whole batch at once."""

    def __init__(self, participations: list[Participation]):
        pks = [p.pk for p in participations]
        self.last_steps = {}
        for step in StatusChange.objects.filter(participation__in=pks).order_by(
            "participation_id", "-date", "-changed_at", "-pk"
        ):
            self.last_steps.setdefault(step.participation_id, step)
        self.attended = Participation.objects.attended_ranges(pks)
        self.communes = CommuneLookup(p.commune_teryt for p in participations)
        self._areas = None
        self._projects = {p.project_id for p in participations}

    def support_area(self, project_id) -> list:
        """The support area of each project, read the first time a qualification needs it."""
        if self._areas is None:
            self._areas = {}
            for area in SupportAreaCommune.objects.filter(project__in=self._projects):
                self._areas.setdefault(area.project_id, []).append(area)
        return self._areas.get(project_id, [])


def _refusals_of_batch(participations, versions, step: _Step | dict, by) -> dict:
    """Makes the step (or each participation's, by pk) for every participation, or makes none
    and returns the refusals by participation (an EditConflict or a ValidationError each)."""
    pks = [p.pk for p in participations]
    with transaction.atomic():
        # Writing first locks the rows on every database (SQLite has no row locks: the write
        # takes the database's), so the versions read next cannot change before the commit.
        Participation.objects.filter(pk__in=pks).update(version=F("version") + 1)
        saved = dict(  # in the order of the keys, and without joining the people to order
            Participation.objects.select_for_update().filter(pk__in=pks).order_by("pk")
            .values_list("pk", "version")
        )
        refusals = {
            p.pk: EditConflict(None) for p in participations
            if not saved[p.pk] - 1 == versions.get(p.pk) == p.version
        }
        prefetch_related_objects(participations, "person", "project", "edition")
        facts = _Facts(participations)
        changes = []
        for participation in participations:
            if participation.pk in refusals:
                continue
            try:
                own = step[participation.pk] if isinstance(step, dict) else step
                changes.append(_change(participation, own, facts, by))
            except ValidationError as error:
                refusals[participation.pk] = error
        if refusals:
            transaction.set_rollback(True)
            return refusals
        for participation in participations:
            participation.version = saved[participation.pk]
            attributed(participation, by)
        bulk_update_with_history(participations, Participation, STEP_FIELDS)
        StatusChange.objects.bulk_create(changes)
        participations_changed.send(Participation, participations=participations)
    return {}


def _change(participation: Participation, step: _Step, facts: _Facts, by) -> StatusChange:
    """The step for one participation, checked and applied to it (not saved): its log entry."""
    to_status = step.to_status
    if to_status not in participation.next_statuses:
        raise ValidationError(
            _("A participation with the status “%(current)s” cannot become “%(new)s”.")
            % {"current": participation.get_status_display(), "new": to_status.label}
        )
    check_step_date(participation, step.on, facts.last_steps.get(participation.pk))
    unmet = _unmet_criteria(participation, step, facts)
    from_status = participation.status
    _apply(participation, step)
    _validate(participation, facts)
    return StatusChange(
        participation=participation, from_status=from_status, to_status=to_status,
        date=step.on, reason=step.reason, changed_by=by, unmet_criteria="\n".join(unmet),
    )


def _apply(participation: Participation, step: _Step) -> None:
    to_status = step.to_status
    if step.edition is not None and participation.edition_id is None:
        participation.edition = step.edition
    if to_status in ENDING:
        for field, value in step.exit_data.items():
            if value not in (None, ""):
                setattr(participation, field, value)
    participation.status = to_status
    if to_status == ParticipationStatus.PARTICIPANT and participation.start_date is None:
        participation.start_date = step.on
    if to_status in ENDING:
        participation.end_date = participation.end_date or step.on
        participation.exit_reason = participation.exit_reason or EXIT_REASONS[to_status]
        if to_status == ParticipationStatus.COMPLETED and participation.path_completed is None:
            participation.path_completed = True
    participation.refresh_age_at_entry()


def _validate(participation: Participation, facts: _Facts) -> None:
    """``full_clean`` with what the batch read: the fields, the rules across them and the
    constraints. Not asked of the database again: that the links exist and that the person is
    in the project once (a step changes neither, and the database holds both)."""
    errors = {}
    checks = [
        lambda: participation.clean_fields(exclude=RELATIONS),
        lambda: participation.clean(attended=facts.attended.get(participation.pk, {}),
                                    communes=facts.communes),
        lambda: participation.validate_constraints(exclude=RELATIONS),
    ]
    for check in checks:
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _unmet_criteria(participation: Participation, step: _Step, facts: _Facts) -> list[str]:
    """The eligibility problems a qualification overrides (none to override: an empty list)."""
    if step.to_status != ParticipationStatus.QUALIFIED:
        return []
    problems = eligibility_problems(participation, facts.support_area(participation.project_id))
    if problems and not step.override:
        raise ValidationError({"to_status": _(
            "The candidate does not meet the project's criteria: %(problems)s To qualify them "
            "anyway, tick the override and give the reason."
        ) % {"problems": " ".join(problems)}})
    if problems and not step.reason.strip():
        raise ValidationError({"reason": _("Give the reason for qualifying despite the criteria.")})
    return problems


def participation_change_status(
    *,
    participation: Participation,
    to_status: str,
    on: date,
    reason: str,
    by,
    expected_version: int,
    override: bool = False,
) -> Participation:
    """Moves a participation one legal step along the recruitment path, with its log entry.

    Qualifying someone who fails the project's criteria is refused, unless ``override`` is set
    with a ``reason``: the criteria not met are then kept in the log beside the reason.
    """
    step = _Step(ParticipationStatus(to_status), on, reason, override, None, {})
    refusals = _refusals_of_batch(
        [participation], {participation.pk: expected_version}, step, by
    )
    refusal = refusals.get(participation.pk)
    if isinstance(refusal, EditConflict):
        raise EditConflict(Participation.objects.get(pk=participation.pk))
    if refusal is not None:
        raise refusal
    return participation


def participations_change_status(
    *,
    participations: list[Participation],
    versions: dict[int, int],
    to_status: str,
    on: date,
    reason: str,
    by,
    edition=None,
    exit_data: dict | None = None,
) -> list[Participation]:
    """The same step of the path for many people at once: all or nothing.

    Each change follows the rules of the status form (the same checks, the path log, the
    history, a version check against the version the page showed); every refusal is collected
    and names the person, and then nothing is saved. ``edition`` is set on those who start
    without one; ``exit_data`` (reason for leaving, situation at exit, path completed) on those
    who end. The number of queries does not depend on the number of people.
    """
    step = _Step(ParticipationStatus(to_status), on, reason, False, edition, exit_data or {})
    refusals = _refusals_of_batch(participations, versions, step, by)
    if refusals:
        raise ValidationError([
            _person_refusal(participation, refusals[participation.pk])
            for participation in participations if participation.pk in refusals
        ])
    return participations


def participations_walk(*, participations: list[Participation], steps: dict, reason: str,
                        by) -> dict:
    """Each participation its own step of the path (``steps``: pk → (status, day)), checked by
    the rules of the status form and saved as one batch, all or nothing. Returns the refusals
    by pk (an EditConflict or a ValidationError each); empty when every step was made."""
    made = {
        pk: _Step(ParticipationStatus(status), on, reason, False, None, {})
        for pk, (status, on) in steps.items()
    }
    versions = {participation.pk: participation.version for participation in participations}
    return _refusals_of_batch(participations, versions, made, by)


def _person_refusal(participation: Participation, refusal) -> str:
    name = str(participation.person)
    if isinstance(refusal, EditConflict):
        return _(
            "%(name)s: changed by someone else since the page was opened; open it again."
        ) % {"name": name}
    return f"{name}: {' '.join(refusal.messages)}"
