"""The participant list's index sorts by a copy of the person's names on each participation
(participants 0018): the database's triggers keep the copy equal to the person, whatever
writes the rows, so the list's order is the people's names and no old name outlives them."""

from datetime import date

import pytest
from django.urls import reverse

from participants.models import Participation, Person
from retention.services import project_anonymise

from .factories import ParticipationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def copies(person) -> set[tuple[str, str]]:
    return set(Participation.objects.filter(person=person).values_list(
        "sort_last_name", "sort_first_name"))


def test_a_new_participation_carries_its_persons_names(project):
    person = PersonFactory(last_name="Źrebięcka", first_name="Łucja")
    ParticipationFactory(project=project, person=person)
    bulk = PersonFactory(last_name="Hurtowa", first_name="Anna")
    Participation.objects.bulk_create([Participation(
        person=bulk, project=ProjectFactory(), organisation=project.lead_beneficiary)])

    assert copies(person) == {("Źrebięcka", "Łucja")}
    assert copies(bulk) == {("Hurtowa", "Anna")}


def test_renaming_a_person_renames_every_copy_however_it_is_written(project):
    person = PersonFactory(last_name="Nowak", first_name="Ewa")
    here = ParticipationFactory(project=project, person=person)
    ParticipationFactory(project=ProjectFactory(), person=person)

    person.last_name = "Kowalska"
    person.save()
    assert copies(person) == {("Kowalska", "Ewa")}

    Person.objects.filter(pk=person.pk).update(first_name="Ewelina")
    assert copies(person) == {("Kowalska", "Ewelina")}

    here.phone = "600 100 200"  # an instance read before both renames, saved after them
    here.sort_last_name = "Nowak"
    here.save()
    assert copies(person) == {("Kowalska", "Ewelina")}


def test_moving_a_participation_to_another_person_takes_their_names(project):
    participation = ParticipationFactory(project=project)
    other = PersonFactory(last_name="Inna", first_name="Osoba")

    Participation.objects.filter(pk=participation.pk).update(person=other)

    assert copies(other) == {("Inna", "Osoba")}


def test_anonymising_a_person_leaves_no_copy_of_their_name(db):
    finished = ProjectFactory(start_date=date(2012, 1, 1), end_date=date(2012, 12, 31),
                              keep_until=date(2020, 12, 31))
    person = PersonFactory(organisation=finished.lead_beneficiary, last_name="Znikająca")
    ParticipationFactory(project=finished, person=person)

    project_anonymise(project=finished)

    person.refresh_from_db()
    assert person.last_name != "Znikająca"
    assert copies(person) == {(person.last_name, person.first_name)}
    assert not Participation.objects.filter(sort_last_name="Znikająca").exists()


def test_the_list_follows_a_renamed_person(client, social_worker, project):
    first = ParticipationFactory(project=project, social_worker=social_worker,
                                 person=PersonFactory(last_name="Adamska"))
    second = ParticipationFactory(project=project, social_worker=social_worker,
                                  person=PersonFactory(last_name="Bielska"))
    client.force_login(social_worker)
    url = reverse("participants:participant_list")
    assert list(client.get(url).context["page_obj"]) == [first, second]

    first.person.last_name = "Zawadzka"
    first.person.save()

    assert list(client.get(url).context["page_obj"]) == [second, first]
