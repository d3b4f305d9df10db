"""The training screens: the course list and page with bounded queries, what the director sees,
the set-up, results and close forms, and a course's full flow through the pages."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from trainings.models import TrainingCourse, TrainingResult
from trainings.services import ATTENDANCE_RANGE_ERROR, course_close

from . import fixtures_trainings
from .factories import ParticipationFactory, SupportFormFactory
from .fixtures_trainings import COURSE_NAME
from .helpers.trainings import attend, enrol, record, set_up

# The shared fixtures, bound here so that pytest finds them in this module.
course = fixtures_trainings.course
sessions = fixtures_trainings.sessions
training_form = fixtures_trainings.training_form


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


def test_a_refused_result_answers_400_with_the_summary_linked_to_the_row(
    client, social_worker, course, sessions
):
    passing = enrol(course.support_form, social_worker, last_name="Adamska")
    attend(passing, sessions)
    trainee = enrol(course.support_form, social_worker, last_name="Borowski")
    attend(trainee, sessions[:1])
    client.force_login(social_worker)

    response = client.post(
        reverse("trainings:course_detail", args=[course.pk]),
        _result_data(passing) | _result_data(trainee),  # a certificate he has not earned
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "includes/_form_errors.html" in [template.name for template in response.templates]
    field = response.context["forms"].of(trainee)["document_kind"]
    assert f'<a href="#{field.auto_id}" class="alert-link">' in page
    assert field.errors and not response.context["forms"].of(passing).errors
    assert not TrainingResult.objects.exists()
