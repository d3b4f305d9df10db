"""Trainings: people referred to one, their attendance, the course and its results."""

from datetime import date

from instruments.hours import refresh_hours
from instruments.models import Attendance
from trainings.models import CourseDocument, ExamResult, TrainingResult
from trainings.services import course_set_up, result_record

from ..factories import ParticipationFactory, ReferralFactory


def enrol(training_form, social_worker, last_name=None):
    """A participant of the training's project, referred to the training."""
    person = {"person__last_name": last_name} if last_name else {}
    participation = ParticipationFactory(
        project=training_form.project, social_worker=social_worker, **person
    )
    ReferralFactory(participation=participation, support_form=training_form)
    return participation


def attend(participation, sessions):
    """Marks the participant present at each of the sessions."""
    for session in sessions:
        Attendance.objects.create(session=session, participation=participation, present=True)
    refresh_hours(participations=[participation])


def set_up(training_form, by, **overrides):
    """The training's course, set up with an exam and an 80% attendance threshold."""
    options = {
        "min_attendance_percent": 80,
        "exam_required": True,
        "leads_to_qualification": False,
        "certifying_body": "",
    } | overrides
    return course_set_up(support_form=training_form, by=by, **options)


def record(course, participation, by, **overrides):
    """Records the participant's result: a passed exam and a certificate, unless overridden."""
    values = {
        "exam_result": ExamResult.PASSED,
        "exam_date": date(2025, 6, 16),
        "document_kind": CourseDocument.CERTIFICATE,
        "document_body": "",
        "document_number": "",
        "document_date": None,
    } | overrides
    existing = TrainingResult.objects.filter(course=course, participation=participation).first()
    return result_record(
        course=course, participation=participation, by=by,
        expected_version=existing.version if existing else None, **values,
    )
