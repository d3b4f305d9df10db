"""Workflows of vocational training courses: set-up, results, closing by the completion rule.

Each is atomic, validated with ``full_clean`` and attributed to a person in the history.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aktywizacja.concurrency import EditConflict, claim_version
from aktywizacja.history import attributed
from aktywizacja.numbers import percent_number
from instruments.models import (
    Referral,
    ReferralStatus,
    Session,
    SupportForm,
    SupportMode,
)
from participants.models import Participation

from .figures import AttendanceShare, _enrolled, course_attendance
from .models import CourseDocument, ExamResult, TrainingCourse, TrainingResult

ATTENDANCE_RANGE_ERROR = gettext_lazy(
    "The minimum attendance must be a whole number from 0 to 100%."
)




# --- Set-up ---------------------------------------------------------------------------------


def _locked(course: TrainingCourse) -> TrainingCourse:
    """The course as saved now, locked for the transaction (on databases that lock rows)."""
    return (
        TrainingCourse.objects.select_for_update()
        .select_related("support_form__project")
        .get(pk=course.pk)
    )


def _require_open(course: TrainingCourse) -> None:
    if course.is_closed:
        raise ValidationError(
            _("The course was closed on %(date)s: reopen it to make corrections.")
            % {"date": date_format(course.completed_on, "SHORT_DATE_FORMAT")}
        )


@transaction.atomic
def course_set_up(
    *,
    support_form: SupportForm,
    by,
    min_attendance_percent: int,
    exam_required: bool,
    leads_to_qualification: bool,
    certifying_body: str = "",
    competence_scope: str = "",
    competence_standard: str = "",
) -> TrainingCourse:
    """Creates or updates the course details of a vocational-training support form."""
    if support_form.mode != SupportMode.TRAINING:
        raise ValidationError(_("Only a vocational-training support form can be a course."))
    if not 0 <= min_attendance_percent <= 100:
        raise ValidationError({"min_attendance_percent": ATTENDANCE_RANGE_ERROR})
    course = (
        TrainingCourse.objects.select_for_update().filter(support_form=support_form).first()
        or TrainingCourse(support_form=support_form)
    )
    if course.pk:
        _require_open(course)
    course.min_attendance_percent = min_attendance_percent
    course.exam_required = exam_required
    course.leads_to_qualification = leads_to_qualification
    course.certifying_body = certifying_body.strip()
    course.competence_scope = competence_scope.strip()
    course.competence_standard = competence_standard.strip()
    course.full_clean()
    attributed(course, by).save()
    return course


# --- Results --------------------------------------------------------------------------------


def _require_enrolled(course: TrainingCourse, participation: Participation) -> None:
    if not Referral.objects.in_force().filter(
        participation=participation, support_form=course.support_form_id
    ).exists():
        raise ValidationError(
            _("%(name)s is not enrolled on “%(course)s”: refer them to the course first.")
            % {"name": participation.person, "course": course}
        )


@transaction.atomic
def result_record(
    *,
    course: TrainingCourse,
    participation: Participation,
    by,
    exam_result: str,
    exam_date: date | None,
    document_kind: str,
    document_body: str = "",
    document_number: str = "",
    document_date: date | None = None,
    expected_version: int | None,
) -> TrainingResult:
    """Records an enrolled participant's exam and the document they obtained.

    ``expected_version`` is the version of the result the person saw, ``None`` if there was none
    yet: EditConflict if someone saved (or first recorded) the result since.
    """
    course = _locked(course)  # closed meanwhile by someone else?
    _require_open(course)
    _require_enrolled(course, participation)
    result = (
        TrainingResult.objects.select_for_update()
        .filter(course=course, participation=participation)
        .first()
    )
    if result is None:
        result = TrainingResult(course=course, participation=participation)
    elif expected_version is None:
        raise EditConflict(result)
    else:
        claim_version(result, expected_version=expected_version)
    result.exam_result = exam_result
    result.exam_date = exam_date
    result.completed = (
        _require_completion(course, participation, exam_result)
        if document_kind != CourseDocument.NONE else None
    )
    result.document_kind = document_kind
    keep = document_kind != CourseDocument.NONE  # no stray number left behind "no document"
    result.document_body = document_body.strip() if keep else ""
    result.document_number = document_number.strip() if keep else ""
    result.document_date = document_date if keep else None
    result.full_clean()
    attributed(result, by).save()
    return result


@dataclass(frozen=True)
class ResultChange:
    """One changed row of a course's results table: whose, the version of their result the page
    showed (``None`` if there was none yet), and the values typed (``result_record``'s)."""

    participation: Participation
    expected_version: int | None
    values: dict


class ResultRefused(ValidationError):
    """A row of the results table that cannot be recorded: ``participation`` says whose."""

    def __init__(self, error: ValidationError, participation: Participation):
        super().__init__(error)
        self.participation = participation


@transaction.atomic
def results_record(
    *, course: TrainingCourse, changes: list[ResultChange], by
) -> list[TrainingResult]:
    """Records the changed rows of a course's results table, all or none.

    EditConflict if someone saved one of the rows after the table was opened (then nothing is
    saved, so nothing of theirs is lost); ResultRefused for a row the rules refuse.
    """
    saved = []
    for change in changes:
        try:
            saved.append(result_record(
                course=course, participation=change.participation, by=by,
                expected_version=change.expected_version, **change.values,
            ))
        except ValidationError as error:
            raise ResultRefused(error, change.participation) from error
    return saved


def _require_completion(course: TrainingCourse, participation: Participation, exam_result: str):
    """True, or why no completion document can be recorded: the course's rule was not met."""
    share = course_attendance(course).get(participation.pk, AttendanceShare(0, 0))
    attendance_met = share.meets(course.min_attendance_percent)
    if course.completes(attendance_met=attendance_met, exam_result=exam_result):
        return True
    reasons = []
    if not attendance_met:
        reasons.append(_("attended %(share)s%% of the hours held, %(minimum)s%% required") % {
            "share": percent_number(share.percent),
            "minimum": percent_number(course.min_attendance_percent),
        })
    if course.exam_required and exam_result != ExamResult.PASSED:
        reasons.append(_("the exam is not passed"))
    raise ValidationError({"document_kind": _(
        "%(name)s has not completed the course (%(reasons)s): no completion certificate or "
        "qualification can be recorded."
    ) % {"name": participation.person, "reasons": "; ".join(reasons)}})


# --- Closing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What closing the course would decide for one enrolled participant."""

    participation: Participation
    share: AttendanceShare
    result: TrainingResult | None
    completes: bool


def course_outcomes(
    course: TrainingCourse, *, on: date | None = None, seen_by=None
) -> list[Outcome]:
    """The completion rule applied to everyone enrolled (in a fixed number of queries); with
    ``seen_by``, to those of them that user may see (a partner's staff: their own)."""
    shares = course_attendance(course, until=on)
    results = {result.participation_id: result for result in course.results.all()}
    enrolled = _enrolled(course) if seen_by is None else _enrolled(course).for_user(seen_by)
    outcomes = []
    for participation in (
        enrolled.select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    ):
        share = shares.get(participation.pk, AttendanceShare(0, 0))
        result = results.get(participation.pk)
        completes = course.completes(
            attendance_met=share.meets(course.min_attendance_percent),
            exam_result=result.exam_result if result else "",
        )
        outcomes.append(Outcome(participation, share, result, completes))
    return outcomes


def _require_closable(course: TrainingCourse, closed_on: date) -> None:
    _require_open(course)
    last = Session.objects.filter(support_form=course.support_form_id).aggregate(
        last=Max("date")
    )["last"]
    if last and closed_on < last:
        raise ValidationError({"completed_on": _(
            "The course has a session on %(date)s: it cannot be closed before that day."
        ) % {"date": date_format(last, "SHORT_DATE_FORMAT")}})


@transaction.atomic
def course_close(*, course: TrainingCourse, by, closed_on: date) -> list[Outcome]:
    """Closes the course: decides by its rule who completed it and closes their referrals."""
    given, course = course, _locked(course)
    _require_closable(course, closed_on)
    course.completed_on = closed_on
    course.full_clean()
    outcomes = course_outcomes(course, on=closed_on)
    unearned = [
        str(outcome.participation.person) for outcome in outcomes
        if not outcome.completes and outcome.result
        and outcome.result.document_kind != CourseDocument.NONE
    ]
    if unearned:
        raise ValidationError({"completed_on": _(
            "By the attendance up to this date, these people have not completed the course but "
            "have a document recorded: %(names)s. Correct their results first."
        ) % {"names": ", ".join(unearned)}})
    referrals = {
        referral.participation_id: referral
        for referral in Referral.objects.in_force().filter(support_form=course.support_form_id)
    }
    for outcome in outcomes:
        result = outcome.result or TrainingResult(
            course=course, participation=outcome.participation
        )
        result.completed = outcome.completes
        result.full_clean()
        attributed(result, by).save()
        referral = referrals[outcome.participation.pk]
        referral.status = (
            ReferralStatus.COMPLETED if outcome.completes else ReferralStatus.DROPPED
        )
        referral.full_clean()
        attributed(referral, by).save(update_fields=["status"])
    attributed(course, by).save(update_fields=["completed_on"])
    given.completed_on = course.completed_on
    return outcomes


@transaction.atomic
def course_reopen(*, course: TrainingCourse, by) -> TrainingCourse:
    """Reopens a closed course for a correction: its results and referrals are open again."""
    given, course = course, _locked(course)
    if not course.is_closed:
        raise ValidationError(_("The course is not closed."))
    # A document already recorded stays earned; the others are decided again at closing.
    for result in course.results.filter(completed__isnull=False, document_kind=CourseDocument.NONE):
        result.completed = None
        attributed(result, by).save(update_fields=["completed"])
    for referral in Referral.objects.filter(
        support_form=course.support_form_id,
        status__in=[ReferralStatus.COMPLETED, ReferralStatus.DROPPED],
    ):
        referral.status = ReferralStatus.IN_PROGRESS
        referral.full_clean()
        attributed(referral, by).save(update_fields=["status"])
    course.completed_on = None
    course.full_clean()
    attributed(course, by).save(update_fields=["completed_on"])
    given.completed_on = None
    return course
