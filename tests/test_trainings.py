"""Vocational trainings: the completion rule, results and documents, closing, and the screens."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from instruments.models import ReferralStatus
from trainings.models import CourseDocument, ExamResult, TrainingCourse, TrainingResult
from trainings.services import (
    ATTENDANCE_RANGE_ERROR,
    AttendanceShare,
    completed_counts,
    course_attendance,
    course_close,
    course_reopen,
    with_counts,
)

from .factories import (
    ParticipationFactory,
    SessionFactory,
    SupportFormFactory,
)
from .helpers.trainings import attend, enrol, record, set_up

COURSE_NAME = "Magazynier z obsługą wózków jezdniowych"


# --- Fixtures -------------------------------------------------------------------------------


@pytest.fixture
def training_form(project):
    return SupportFormFactory(
        project=project, name=COURSE_NAME, instrument="educational", mode="training",
        start_date=date(2025, 3, 1), end_date=date(2025, 6, 30), planned_group_hours=80,
        planned_individual_hours=0,
    )


@pytest.fixture
def sessions(training_form):
    """Group sessions of 79, 1 and 20 minutes: 100 minutes held in all."""
    return [
        SessionFactory(support_form=training_form, date=date(2025, 3, day),
                       start_time=time(10, 0), end_time=end)
        for day, end in [(3, time(11, 19)), (4, time(10, 1)), (5, time(10, 20))]
    ]


@pytest.fixture
def course(training_form, coordinator):
    return set_up(training_form, coordinator)


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


# --- Screens --------------------------------------------------------------------------------


def _result_data(participation, **values):
    defaults = {
        "exam_result": "passed", "exam_date": "16.06.2025", "document_kind": "certificate",
        "document_body": "", "document_number": "", "document_date": "",
    } | values
    return {f"p{participation.pk}-{key}": value for key, value in defaults.items()}


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_course_list_runs_a_fixed_number_of_queries(
    client, coordinator, project, social_worker, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("trainings:course_list", args=[project.pk])

    def add_courses(count, people):
        for _index in range(count):
            support_form = SupportFormFactory(project=project, mode="training",
                                              instrument="educational")
            course = set_up(support_form, coordinator)
            for _person in range(people):
                participation = enrol(support_form, social_worker)
                record(course, participation, social_worker, exam_date=date(2025, 3, 1))

    add_courses(1, 1)
    small = _page_queries(client, url)
    add_courses(6, 5)
    SupportFormFactory(project=project, mode="training", instrument="educational")

    with django_assert_max_num_queries(small):
        response = client.get(url)

    assert len(response.context["rows"]) == 8


def test_the_course_page_runs_a_fixed_number_of_queries(
    client, course, sessions, social_worker, django_assert_max_num_queries
):
    client.force_login(social_worker)
    url = reverse("trainings:course_detail", args=[course.pk])
    first = enrol(course.support_form, social_worker)
    attend(first, sessions)
    record(course, first, social_worker)
    small = _page_queries(client, url)
    for _index in range(15):
        participation = enrol(course.support_form, social_worker)
        attend(participation, sessions[:2])
        record(course, participation, social_worker)

    with django_assert_max_num_queries(small):
        response = client.get(url)

    assert len(response.context["rows"]) == 16


def test_the_director_sees_totals_but_no_names(
    client, director, course, sessions, social_worker, coordinator
):
    participation = enrol(course.support_form, social_worker, last_name="Wójcikowska")
    attend(participation, sessions)
    record(course, participation, social_worker)
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))
    client.force_login(director)

    listed = client.get(reverse("trainings:course_list", args=[course.support_form.project_id]))
    detail = client.get(reverse("trainings:course_detail", args=[course.pk]))

    page = listed.content.decode()
    assert COURSE_NAME in page and "Wójcikowska" not in page
    assert reverse("trainings:course_detail", args=[course.pk]) not in page
    assert detail.status_code == 403


def test_the_set_up_form_explains_an_attendance_out_of_range(client, coordinator, training_form):
    client.force_login(coordinator)

    response = client.post(
        reverse("trainings:course_setup", args=[training_form.pk]),
        {"min_attendance_percent": "150", "exam_required": "on"},
    )

    assert response.status_code == 400
    assert str(ATTENDANCE_RANGE_ERROR) in response.content.decode()
    assert not TrainingCourse.objects.exists()


def test_the_set_up_page_is_only_for_training_support_forms(client, coordinator, project):
    client.force_login(coordinator)
    counselling = SupportFormFactory(project=project, mode="both")

    response = client.get(reverse("trainings:course_setup", args=[counselling.pk]))

    assert response.status_code == 404


def test_a_results_form_with_one_bad_row_saves_nothing(client, course, social_worker):
    good = enrol(course.support_form, social_worker)
    bad = enrol(course.support_form, social_worker)
    client.force_login(social_worker)
    data = _result_data(good) | _result_data(bad, document_kind="qualification")

    response = client.post(reverse("trainings:course_detail", args=[course.pk]), data)

    assert response.status_code == 400
    assert _("Required for a qualification certified by an external body.") in (
        response.content.decode()
    )
    assert not TrainingResult.objects.exists()


def test_a_results_form_ignores_participants_not_enrolled(client, course, social_worker, project):
    enrolled = enrol(course.support_form, social_worker)
    stranger = ParticipationFactory(project=project, social_worker=social_worker)
    client.force_login(social_worker)
    data = _result_data(enrolled) | _result_data(stranger)

    response = client.post(reverse("trainings:course_detail", args=[course.pk]), data)

    assert response.status_code == 302
    assert list(TrainingResult.objects.values_list("participation", flat=True)) == [enrolled.pk]


def test_the_full_course_flow_through_the_pages(
    client, coordinator, social_worker, training_form, sessions
):
    anna = enrol(training_form, social_worker, last_name="Adamska")
    bogdan = enrol(training_form, social_worker, last_name="Borowski")
    attend(anna, sessions[:2])  # 80%
    attend(bogdan, sessions[:1])  # 79%

    client.force_login(coordinator)
    response = client.post(
        reverse("trainings:course_setup", args=[training_form.pk]),
        {"min_attendance_percent": "80", "exam_required": "on", "leads_to_qualification": "on",
         "certifying_body": "Urząd Dozoru Technicznego"},
    )
    course = TrainingCourse.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:course_detail", args=[course.pk])

    client.force_login(social_worker)
    detail_url = reverse("trainings:course_detail", args=[course.pk])
    page = client.get(detail_url)
    assert "Adamska" in page.content.decode()
    assert [row[0].share.percent for row in page.context["rows"]] == [80, 79]
    response = client.post(detail_url, _result_data(
        anna, document_kind="qualification", document_body="Urząd Dozoru Technicznego",
        document_number="UDT/17/2025", document_date="20.06.2025",
    ) | _result_data(bogdan, document_kind="none"))
    assert response.status_code == 302
    assert TrainingResult.objects.count() == 2

    client.force_login(coordinator)
    close_url = reverse("trainings:course_close", args=[course.pk])
    preview = client.get(close_url)
    assert [o.participation for o in preview.context["completing"]] == [anna]
    assert [o.participation for o in preview.context["not_completing"]] == [bogdan]
    response = client.post(close_url, {"completed_on": "30.06.2025"})
    assert response.status_code == 302

    client.force_login(social_worker)
    refused = client.post(detail_url, _result_data(bogdan, exam_result="failed"))
    assert refused.status_code == 302
    assert TrainingResult.objects.get(participation=bogdan).exam_result == "passed"
    page = client.get(detail_url)
    assert page.context["forms"] is None
    assert [row[0].result.completed for row in page.context["rows"]] == [True, False]

    listed = client.get(reverse("trainings:course_list", args=[training_form.project_id]))
    _support_form, listed_course = listed.context["rows"][0]
    assert (listed_course.enrolled_count, listed_course.completed_count,
            listed_course.qualification_count) == (2, 1, 1)

    client.force_login(coordinator)
    response = client.post(reverse("trainings:course_reopen", args=[course.pk]))
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.completed_on is None
    assert client.get(detail_url).context["forms"] is not None


def test_the_close_page_explains_a_date_before_the_last_session(
    client, coordinator, course, sessions
):
    client.force_login(coordinator)

    response = client.post(
        reverse("trainings:course_close", args=[course.pk]), {"completed_on": "04.03.2025"}
    )

    assert response.status_code == 400
    message = _("The course has a session on %(date)s: it cannot be closed before that day.")
    assert message % {"date": "05.03.2025"} in response.content.decode()
    course.refresh_from_db()
    assert course.completed_on is None


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
    assert "79,0%" in message and "egzamin" in message
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


def test_the_results_page_names_who_has_not_earned_the_document(
    client, social_worker, course, sessions
):
    trainee = enrol(course.support_form, social_worker, last_name="Borowski")
    attend(trainee, sessions[:1])
    client.force_login(social_worker)

    response = client.post(reverse("trainings:course_detail", args=[course.pk]),
                           _result_data(trainee, exam_result="failed"))

    assert response.status_code == 400
    assert "Borowski" in response.content.decode()
    assert not TrainingResult.objects.exists()
