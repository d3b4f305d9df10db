"""One identity: a person without PESEL is found by name, birth date and identity document."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from participants.models import Participation, ParticipationStatus, Person

from .factories import ParticipationFactory, PersonFactory, ProjectFactory
from .helpers.participants import register

OLENA = {"first_name": "Olena", "last_name": "Kovalenko", "sex": "K",
         "birth_date": "1990-04-12", "pesel": "", "other_identifier": "FE123456"}


@pytest.fixture
def olena_elsewhere(project):
    """Olena, a foreigner without PESEL, recorded by her passport in another project of the
    same centre (another organisation's record is not found: tests/test_identity_ownership.py)."""
    office = project.lead_beneficiary
    person = PersonFactory(first_name="Olena", last_name="Kovalenko", pesel="",
                           other_identifier="FE123456", birth_date=date(1990, 4, 12),
                           organisation=office)
    ParticipationFactory(person=person, project=ProjectFactory(short_name="INNY-1",
                                                               lead_beneficiary=office),
                         start_date=date(2025, 1, 1))
    return person


def errors(response) -> dict:
    return response.context["form"].errors


def test_the_same_passport_finds_the_person_on_record(client, social_worker, project,
                                                     olena_elsewhere):
    client.force_login(social_worker)

    offered = register(client, project, **OLENA | {"other_identifier": "fe 123-456"})
    added = register(client, project, **OLENA | {"use_existing": "on"})

    assert offered.status_code == 400 and "use_existing" in errors(offered)
    assert added.status_code == 302
    assert Person.objects.count() == 1
    assert Participation.objects.get(project=project).person == olena_elsewhere


def test_the_same_passport_twice_in_one_project_is_refused(client, social_worker, project,
                                                          olena_elsewhere):
    ParticipationFactory(person=olena_elsewhere, project=project)
    client.force_login(social_worker)

    response = register(client, project, **OLENA | {"use_existing": "on"})

    assert "other_identifier" in errors(response)
    assert Participation.objects.filter(project=project).count() == 1


def test_a_passport_on_record_under_another_name_is_refused(client, social_worker, project,
                                                           olena_elsewhere):
    client.force_login(social_worker)

    response = register(client, project, **OLENA | {"first_name": "Oksana"})

    assert "other_identifier" in errors(response)
    assert Person.objects.count() == 1


def test_a_namesake_born_the_same_day_is_offered_not_duplicated(client, social_worker, project,
                                                                olena_elsewhere):
    client.force_login(social_worker)
    new_passport = OLENA | {"other_identifier": "GH777888"}

    warned = register(client, project, **new_passport)
    same = register(client, project, **new_passport | {"use_existing": "on"})

    assert warned.status_code == 400
    assert "use_existing" in errors(warned)
    assert same.status_code == 302
    assert Person.objects.count() == 1


def test_a_different_person_of_the_same_name_can_be_recorded(client, social_worker, project,
                                                             olena_elsewhere):
    client.force_login(social_worker)

    response = register(client, project, **OLENA | {"other_identifier": "GH777888",
                                                    "different_person": "on"})

    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_the_double_funding_check_sees_the_person_without_pesel(client, social_worker, project,
                                                                olena_elsewhere):
    client.force_login(social_worker)
    register(client, project, **OLENA | {"use_existing": "on"})
    Participation.objects.filter(project=project).update(
        status=ParticipationStatus.PARTICIPANT, start_date=date(2025, 3, 1)
    )

    overlapping = Participation.objects.filter(project=project).overlapping_elsewhere()

    assert [p.person for p in overlapping] == [olena_elsewhere]


def test_the_database_keeps_one_person_per_document(olena_elsewhere):
    with pytest.raises(IntegrityError, match="other_identifier"), transaction.atomic():
        Person.objects.create(first_name="Inna", last_name="Osoba", sex="K", pesel="",
                              other_identifier="FE123456", birth_date=date(1991, 1, 1),
                              organisation=olena_elsewhere.organisation)


