"""Training results: what a result and its document need, results only for those enrolled and
while the course is open, and qualifications only for those who met the rule."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from trainings.models import CourseDocument, ExamResult, TrainingResult
from trainings.services import course_close

from . import fixtures_trainings
from .factories import ParticipationFactory
from .helpers.trainings import attend, enrol, record

# The shared fixtures, bound here so that pytest finds them in this module.
course = fixtures_trainings.course
sessions = fixtures_trainings.sessions
training_form = fixtures_trainings.training_form


# --- Validation -----------------------------------------------------------------------------


def test_a_qualification_needs_body_number_and_date(course, social_worker):
    participation = enrol(course.support_form, social_worker)

    with pytest.raises(ValidationError) as error:
        record(course, participation, social_worker, document_kind=CourseDocument.QUALIFICATION)

    required = [_("Required for a qualification certified by an external body.")]
    assert error.value.message_dict == {
        "document_body": required, "document_number": required, "document_date": required,
    }


def test_results_are_only_for_participants_enrolled_on_the_course(
    course, project, social_worker
):
    stranger = ParticipationFactory(project=project, social_worker=social_worker)

    with pytest.raises(ValidationError) as error:
        record(course, stranger, social_worker)

    assert error.value.messages == [
        _("%(name)s is not enrolled on “%(course)s”: refer them to the course first.")
        % {"name": stranger.person, "course": course}
    ]
    assert not TrainingResult.objects.exists()


def test_an_exam_date_before_the_course_starts_is_refused(course, social_worker):
    participation = enrol(course.support_form, social_worker)

    with pytest.raises(ValidationError) as error:
        record(course, participation, social_worker, exam_date=date(2025, 2, 27))

    assert error.value.message_dict == {
        "exam_date": [_("This date is before the course starts (%(start)s).")
                      % {"start": "01.03.2025"}]
    }


def test_an_exam_date_outside_the_project_is_refused(course, social_worker, project):
    participation = enrol(course.support_form, social_worker)

    with pytest.raises(ValidationError) as error:
        record(course, participation, social_worker, exam_date=date(2027, 1, 15))

    assert error.value.message_dict == {"exam_date": [project.period_error()]}


def test_a_passed_exam_needs_its_date(course, social_worker):
    participation = enrol(course.support_form, social_worker)

    with pytest.raises(ValidationError) as error:
        record(course, participation, social_worker, exam_date=None)

    assert error.value.message_dict == {"exam_date": [_("Enter the date of the exam.")]}


def test_a_closed_course_results_are_read_only(course, social_worker, coordinator):
    participation = enrol(course.support_form, social_worker)
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    with pytest.raises(ValidationError) as error:
        record(course, participation, social_worker)

    assert error.value.messages == [
        _("The course was closed on %(date)s: reopen it to make corrections.")
        % {"date": "30.06.2025"}
    ]
    assert TrainingResult.objects.get().exam_result == ExamResult.NOT_TAKEN


def test_recording_a_result_twice_updates_it_and_drops_stray_document_data(
    course, social_worker
):
    participation = enrol(course.support_form, social_worker)
    record(course, participation, social_worker)

    record(course, participation, social_worker, document_kind=CourseDocument.NONE,
           document_number="left over")

    result = TrainingResult.objects.get()
    assert (result.document_kind, result.document_number) == (CourseDocument.NONE, "")
    assert result.history.latest().history_user == social_worker


# --- Qualifications are earned ------------------------------------------------------------


def test_no_qualification_for_someone_who_missed_the_attendance_and_failed_the_exam(
    course, sessions, social_worker
):
    trainee = enrol(course.support_form, social_worker)
    attend(trainee, sessions[:1])  # 79% of the hours held; 80% required

    with pytest.raises(ValidationError) as refused:
        record(course, trainee, social_worker, exam_result=ExamResult.FAILED,
               document_kind=CourseDocument.QUALIFICATION, document_body="UDT",
               document_number="UDT/1/2025", document_date=date(2025, 6, 20))

    message = " ".join(refused.value.message_dict["document_kind"])
    assert "79%" in message and "egzamin" in message
    assert not TrainingResult.objects.exists()
    assert not TrainingResult.objects.qualifications().exists()


def test_a_certificate_is_recorded_for_someone_who_met_the_rule(course, sessions, social_worker):
    trainee = enrol(course.support_form, social_worker)
    attend(trainee, sessions[:2])

    result = record(course, trainee, social_worker)

    assert (result.document_kind, result.completed) == (CourseDocument.CERTIFICATE, True)


def test_the_database_refuses_a_document_without_completion(course, social_worker):
    trainee = enrol(course.support_form, social_worker)

    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingResult.objects.create(
            course=course, participation=trainee, completed=False,
            document_kind=CourseDocument.CERTIFICATE,
        )
