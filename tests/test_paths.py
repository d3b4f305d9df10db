"""Needs diagnosis and IŚR (revisions kept), support forms, eligibility and recruitment totals."""

from datetime import date

import pytest
from django.urls import reverse

from instruments.models import Referral, SupportForm
from participants.eligibility import eligibility_problems
from participants.models import IndividualPath

from .factories import ParticipationFactory, PersonFactory, SupportFormFactory
from .helpers.paths import path_post


@pytest.fixture
def worker_client(client, social_worker):
    client.force_login(social_worker)
    return client


def test_it_draws_up_a_path_and_refers_the_participant(worker_client, participation, project):
    counselling = SupportFormFactory(project=project)
    url = reverse("card:path_create", args=[participation.pk])

    response = worker_client.post(url, path_post([(counselling, 15, 2)]))

    assert response.status_code == 302
    path = IndividualPath.objects.get(participation=participation)
    assert path.revision == 1
    assert [(p.support_form, p.group_hours) for p in path.planned_support.all()] == [
        (counselling, 15)
    ]
    referral = Referral.objects.get(participation=participation)
    assert referral.support_form == counselling
    assert referral.history.first().history_user is not None


def test_a_path_plans_every_support_form_of_the_project_in_one_save(
    worker_client, participation, project
):
    """The form offers a row for each support form: six planned at once, six referrals."""
    forms = [SupportFormFactory(project=project, name=f"Forma wsparcia {n}") for n in range(6)]
    url = reverse("card:path_create", args=[participation.pk])

    page = worker_client.get(url)
    response = worker_client.post(url, path_post([(form, 4, 2) for form in forms]))

    assert len(page.context["planned"].forms) == 6
    assert response.status_code == 302
    assert Referral.objects.filter(participation=participation).count() == 6


def test_a_revision_keeps_the_earlier_version_readable(worker_client, participation, project):
    counselling = SupportFormFactory(project=project)
    therapy = SupportFormFactory(
        project=project, name="Terapia psychologiczna", instrument="health"
    )
    url = reverse("card:path_create", args=[participation.pk])
    worker_client.post(url, path_post([(counselling, 15, 2)]))

    response = worker_client.post(
        url,
        path_post(
            [(counselling, 15, 2), (therapy, 10, 4)],
            goals="Zatrudnienie i poprawa zdrowia.",
            revision_reason="Nowa diagnoza psychologa.",
        ),
    )

    assert response.status_code == 302
    first, second = IndividualPath.objects.filter(participation=participation).order_by("revision")
    assert first.goals == "Podjęcie zatrudnienia w handlu."
    assert first.planned_support.count() == 1
    assert second.revision == 2 and second.planned_support.count() == 2
    assert Referral.objects.filter(participation=participation).count() == 2
    old_page = worker_client.get(
        reverse("card:participation_tab", args=[participation.pk, "path"]),
        {"rewizja": 1},
    ).content.decode()
    assert "Podjęcie zatrudnienia w handlu." in old_page


def test_a_revision_needs_a_reason(worker_client, participation, project):
    url = reverse("card:path_create", args=[participation.pk])
    worker_client.post(url, path_post([]))

    response = worker_client.post(url, path_post([]))

    assert response.status_code == 400
    assert IndividualPath.objects.filter(participation=participation).count() == 1


def test_it_refuses_a_support_form_of_another_project(worker_client, participation):
    foreign = SupportFormFactory()

    response = worker_client.post(
        reverse("card:path_create", args=[participation.pk]), path_post([(foreign, 1, 1)])
    )

    assert response.status_code == 400
    assert not IndividualPath.objects.exists()


def test_it_refuses_the_same_support_form_twice(worker_client, participation, project):
    counselling = SupportFormFactory(project=project)

    response = worker_client.post(
        reverse("card:path_create", args=[participation.pk]),
        path_post([(counselling, 1, 1), (counselling, 2, 2)]),
    )

    assert response.status_code == 400


def test_the_coordinator_plans_a_support_form_within_the_project_period(
    client, coordinator, project
):
    client.force_login(coordinator)
    data = {
        "name": "Trening kompetencji społecznych",
        "instrument": "social",
        "mode": "group",
        "start_date": "2024-01-01",
        "end_date": "2025-06-30",
        "planned_group_hours": "15",
        "planned_individual_hours": "2",
        "groups-TOTAL_FORMS": "0", "groups-INITIAL_FORMS": "0",  # no groups
    }
    url = reverse("instruments:support_form_create", args=[project.pk])

    outside = client.post(url, data)
    inside = client.post(url, data | {"start_date": "2025-02-01"})

    assert outside.status_code == 400
    assert inside.status_code == 302
    assert SupportForm.objects.get().name == "Trening kompetencji społecznych"


def test_a_social_worker_may_not_plan_support_forms(client, social_worker, project):
    client.force_login(social_worker)

    response = client.get(reverse("instruments:support_form_create", args=[project.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("birth", "commune", "client_of_centre", "expected"),
    [
        (date(1980, 1, 1), "Lubartów (miasto)", True, []),
        (date(2010, 1, 1), "Lubartów (miasto)", True, ["Too young"]),
        (date(1950, 1, 1), "Lubartów (miasto)", True, ["Too old"]),
        (date(1980, 1, 1), "Kock", True, ["outside the support area"]),
        (date(1980, 1, 1), "Lubartów (miasto)", False, ["clients of the social-welfare"]),
    ],
)
def test_it_explains_why_a_candidate_is_not_eligible(
    project, birth, commune, client_of_centre, expected
):
    project.eligible_min_age, project.eligible_max_age = 18, 64
    project.centre_clients_only = True
    project.save()
    project.support_area.create(
        voivodeship="lubelskie", county="lubartowski", commune="Lubartów (miasto)"
    )
    person = PersonFactory(birth_date=birth, pesel="", other_identifier="PASZPORT-1")
    participation = ParticipationFactory(
        project=project,
        person=person,
        commune=commune,
        centre_client=client_of_centre,
        application_date=date(2025, 2, 1),
    )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("participants.eligibility._", lambda text: text)
        problems = eligibility_problems(participation, list(project.support_area.all()))

    assert len(problems) == len(expected)
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem


def test_the_director_sees_recruitment_totals_by_sex_and_disability(client, director, project):
    ParticipationFactory(
        project=project, status="qualified", person=PersonFactory(sex="K"), disability="yes"
    )
    ParticipationFactory(
        project=project,
        status="qualified",
        person=PersonFactory(
            sex="M", pesel="", other_identifier="X-1", birth_date=date(1980, 5, 17)
        ),
    )
    client.force_login(director)

    response = client.get(reverse("participants:recruitment_summary", args=[project.pk]))

    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["status"] == "qualified")
    assert (row["total"], row["women"], row["men"], row["disabled"]) == (2, 1, 1, 1)
