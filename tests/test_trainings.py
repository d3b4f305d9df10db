"""Vocational training courses: the attendance share, the completion rule, closing and reopening,
the counts of completions and qualifications, and what a course's set-up must name."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from instruments.models import ReferralStatus
from trainings.figures import AttendanceShare, completed_counts, course_attendance, with_counts
from trainings.models import CourseDocument, ExamResult, TrainingCourse, TrainingResult
from trainings.services import ATTENDANCE_RANGE_ERROR, course_close, course_reopen

from . import fixtures_trainings
from .factories import SessionFactory, SupportFormFactory
from .helpers.trainings import attend, enrol, record, set_up

# The shared fixtures, bound here so that pytest finds them in this module.
course = fixtures_trainings.course
sessions = fixtures_trainings.sessions
training_form = fixtures_trainings.training_form


# --- Attendance share -----------------------------------------------------------------------


def test_it_computes_the_attendance_share_from_group_sessions_held(
    course, sessions, social_worker
):
    eighty = enrol(course.support_form, social_worker)
    seventy_nine = enrol(course.support_form, social_worker)
    absent = enrol(course.support_form, social_worker)
    attend(eighty, sessions[:2])
    attend(seventy_nine, sessions[:1])

    shares = course_attendance(course)

    assert shares == {
        eighty.pk: AttendanceShare(80, 100),
        seventy_nine.pk: AttendanceShare(79, 100),
        absent.pk: AttendanceShare(0, 100),
    }
    assert [shares[p.pk].percent for p in (eighty, seventy_nine, absent)] == [80, 79, 0]


def test_it_ignores_individual_consultations_in_the_share(course, sessions, social_worker):
    participation = enrol(course.support_form, social_worker)
    consultation = SessionFactory(
        support_form=course.support_form, kind="individual", participation=participation,
        date=date(2025, 3, 6),
    )
    attend(participation, [sessions[2], consultation])

    assert course_attendance(course)[participation.pk] == AttendanceShare(20, 100)


def test_a_share_just_below_the_threshold_does_not_meet_it():
    share = AttendanceShare(attended_minutes=7999, held_minutes=10000)

    assert share.percent == Decimal("79.9")
    assert not share.meets(80)
    assert AttendanceShare(8000, 10000).meets(80)


@pytest.mark.parametrize("people", [1, 12])
def test_it_computes_attendance_in_three_queries(
    course, sessions, social_worker, django_assert_num_queries, people
):
    for _index in range(people):
        attend(enrol(course.support_form, social_worker), sessions)

    with django_assert_num_queries(3):
        shares = course_attendance(course)

    assert len(shares) == people


# --- The completion rule --------------------------------------------------------------------


def test_80_percent_and_a_passed_exam_complete_the_course_79_percent_does_not(
    course, sessions, social_worker, coordinator
):
    completes = enrol(course.support_form, social_worker)
    falls_short = enrol(course.support_form, social_worker)
    failed_exam = enrol(course.support_form, social_worker)
    attend(completes, sessions[:2])
    attend(falls_short, sessions[:1])
    attend(failed_exam, sessions)
    record(course, completes, social_worker)
    record(course, falls_short, social_worker, document_kind=CourseDocument.NONE)
    record(course, failed_exam, social_worker, exam_result=ExamResult.FAILED,
           document_kind=CourseDocument.NONE)

    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    completed = dict(TrainingResult.objects.values_list("participation_id", "completed"))
    assert completed == {completes.pk: True, falls_short.pk: False, failed_exam.pk: False}


def test_without_a_required_exam_attendance_alone_decides(
    training_form, sessions, social_worker, coordinator
):
    course = set_up(training_form, coordinator, exam_required=False)
    enough, short = enrol(training_form, social_worker), enrol(training_form, social_worker)
    attend(enough, sessions[:2])
    attend(short, sessions[:1])

    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    completed = dict(TrainingResult.objects.values_list("participation_id", "completed"))
    assert completed == {enough.pk: True, short.pk: False}


def test_an_exam_not_taken_fails_a_course_that_requires_it(
    course, sessions, social_worker, coordinator
):
    participation = enrol(course.support_form, social_worker)
    attend(participation, sessions)

    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    assert TrainingResult.objects.get(participation=participation).completed is False


def test_closing_sets_the_referrals_the_date_and_who_did_it(
    course, sessions, social_worker, coordinator
):
    completes, drops = enrol(course.support_form, social_worker), enrol(
        course.support_form, social_worker
    )
    attend(completes, sessions)
    record(course, completes, social_worker)

    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    course.refresh_from_db()
    statuses = dict(
        course.support_form.referrals.values_list("participation_id", "status")
    )
    assert course.completed_on == date(2025, 6, 30)
    assert statuses == {completes.pk: ReferralStatus.COMPLETED, drops.pk: ReferralStatus.DROPPED}
    assert course.history.latest().history_user == coordinator
    assert TrainingResult.history.filter(participation=drops).latest().history_user == coordinator


def test_closing_before_the_last_session_is_refused(course, sessions, coordinator):
    with pytest.raises(ValidationError) as error:
        course_close(course=course, by=coordinator, closed_on=date(2025, 3, 4))

    assert _("The course has a session on %(date)s: it cannot be closed before that day.") % {
        "date": "05.03.2025"
    } in error.value.messages
    course.refresh_from_db()
    assert course.completed_on is None


def test_closing_a_closed_course_again_is_refused(course, coordinator):
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    with pytest.raises(ValidationError) as error:
        course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    assert error.value.messages == [
        _("The course was closed on %(date)s: reopen it to make corrections.")
        % {"date": "30.06.2025"}
    ]


def test_reopening_opens_results_and_referrals_for_a_correction(
    course, sessions, social_worker, coordinator
):
    participation = enrol(course.support_form, social_worker)
    attend(participation, sessions)
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    course_reopen(course=course, by=coordinator)
    record(course, participation, social_worker)
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    result = TrainingResult.objects.get(participation=participation)
    assert result.completed is True
    assert participation.referrals.get().status == ReferralStatus.COMPLETED


def test_reopening_an_open_course_is_refused(course, coordinator):
    with pytest.raises(ValidationError) as error:
        course_reopen(course=course, by=coordinator)

    assert error.value.messages == [_("The course is not closed.")]


# --- Counting: qualifications are not certificates ------------------------------------------


def test_only_a_certified_qualification_counts_and_completion_counts_per_course(
    training_form, sessions, social_worker, coordinator
):
    course = set_up(training_form, coordinator, leads_to_qualification=True,
                    certifying_body="Urząd Dozoru Technicznego")
    qualified, certified, failed = (enrol(training_form, social_worker) for _i in range(3))
    for participation in (qualified, certified, failed):
        attend(participation, sessions)
    record(course, qualified, social_worker, document_kind=CourseDocument.QUALIFICATION,
           document_body="UDT", document_number="UDT/1/2025", document_date=date(2025, 6, 20))
    record(course, certified, social_worker)
    record(course, failed, social_worker, exam_result=ExamResult.FAILED,
           document_kind=CourseDocument.NONE)
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))

    assert completed_counts(training_form.project) == [(course, 2, 3)]
    assert list(TrainingResult.objects.qualifications().values_list("participation", flat=True)) \
        == [qualified.pk]


def test_completed_counts_count_each_course_on_its_own_in_one_query(
    project, training_form, sessions, social_worker, coordinator, django_assert_num_queries
):
    course = set_up(training_form, coordinator, leads_to_qualification=True,
                    certifying_body="Urząd Dozoru Technicznego")
    people = [enrol(training_form, social_worker) for _index in range(4)]
    for participation in people[:3]:
        attend(participation, sessions)
    record(course, people[0], social_worker, document_kind=CourseDocument.QUALIFICATION,
           document_body="UDT", document_number="UDT/2/2025", document_date=date(2025, 6, 20))
    record(course, people[1], social_worker)
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))
    later = SupportFormFactory(project=project, mode="training", instrument="educational",
                               start_date=date(2025, 9, 1), end_date=date(2025, 10, 31))
    unstarted = set_up(later, coordinator)  # nobody enrolled, no result: zeros, not missing
    set_up(SupportFormFactory(mode="training", instrument="educational"), coordinator)

    with django_assert_num_queries(1):
        counts = completed_counts(project)
    listed = with_counts(TrainingCourse.objects.filter(pk=course.pk)).get()

    assert counts == [(course, 2, 4), (unstarted, 0, 0)]
    assert (listed.enrolled_count, listed.completed_count, listed.qualification_count) == (4, 2, 1)


def test_the_counts_do_not_join_referrals_and_results_to_the_courses(project):
    # Joined, each course would be repeated referrals × results times before DISTINCT: 10,000
    # participants of one course made 10^8 rows. Each count is a subquery of its own instead.
    sql = str(with_counts(TrainingCourse.objects.filter(support_form__project=project)).query)

    assert "JOIN \"instruments_referral\"" not in sql
    assert "JOIN \"trainings_trainingresult\"" not in sql


# --- Validation -----------------------------------------------------------------------------


def test_it_refuses_to_make_a_course_of_a_support_form_that_is_not_a_training(
    project, coordinator
):
    counselling = SupportFormFactory(project=project, mode="both")

    with pytest.raises(ValidationError) as error:
        set_up(counselling, coordinator)

    assert error.value.messages == [_("Only a vocational-training support form can be a course.")]
    assert not TrainingCourse.objects.exists()


@pytest.mark.parametrize("percent", [-1, 101])
def test_the_minimum_attendance_is_from_0_to_100(training_form, coordinator, percent):
    with pytest.raises(ValidationError) as error:
        set_up(training_form, coordinator, min_attendance_percent=percent)

    assert error.value.message_dict == {"min_attendance_percent": [str(ATTENDANCE_RANGE_ERROR)]}


def test_a_qualification_course_names_its_certifying_body(training_form, coordinator):
    with pytest.raises(ValidationError) as error:
        set_up(training_form, coordinator, leads_to_qualification=True)

    assert error.value.message_dict == {
        "certifying_body": [_("Name the body that certifies the qualification.")]
    }
