"""One step of the recruitment path for many people at once: closing a hundred participations is
one form (issue: about 200 forms before), all or nothing, each refusal naming the person, each
change in the path log and the history as if made one by one."""

from datetime import date

import pytest
from django.urls import reverse

from participants.models import Participation, ParticipationStatus, StatusChange

from .factories import EditionFactory, ParticipationFactory, PersonFactory

Status = ParticipationStatus


def _participants(project, count, **data):
    return [
        ParticipationFactory(project=project, status=Status.PARTICIPANT,
                             start_date=date(2025, 3, 1),
                             person=PersonFactory(last_name=f"Uczestnik{n:03d}"), **data)
        for n in range(count)
    ]


def _post(client, project, people, **data):
    url = reverse("participants:bulk_status", args=[project.pk])
    payload = {"obecny": Status.PARTICIPANT, "participations": [p.pk for p in people],
               **{f"wersja-{p.pk}": p.version for p in people}} | data
    return client.post(url, payload)


def test_a_hundred_participations_are_completed_with_exit_data_in_one_form(
    client, coordinator, project
):
    people = _participants(project, 100)
    client.force_login(coordinator)
    page = client.get(reverse("participants:bulk_status", args=[project.pk]) + "?wszyscy=1")
    assert len(page.context["form"].initial["participations"]) == 100

    response = _post(client, project, people, to_status=Status.COMPLETED, date="2025-09-30",
                     reason="", situation_at_exit="employed", path_completed="true")

    assert response.status_code == 302
    done = Participation.objects.filter(project=project)
    assert set(done.values_list("status", "end_date", "situation_at_exit", "path_completed",
                                "exit_reason")) == {
        (Status.COMPLETED, date(2025, 9, 30), "employed", True, "completed")
    }
    assert StatusChange.objects.filter(to_status=Status.COMPLETED, changed_by=coordinator,
                                       date=date(2025, 9, 30)).count() == 100
    assert Participation.history.filter(project_id=project.pk, status=Status.COMPLETED,
                                        history_user=coordinator).count() == 100


def test_one_refusal_saves_nobody_and_names_the_person(client, coordinator, project):
    people = _participants(project, 3)
    late = ParticipationFactory(project=project, status=Status.PARTICIPANT,
                                start_date=date(2025, 10, 1),
                                person=PersonFactory(first_name="Zofia", last_name="Późna"))
    client.force_login(coordinator)

    response = _post(client, project, [*people, late], to_status=Status.RESIGNED,
                     date="2025-09-30", reason="Podjęcie pracy")

    assert response.status_code == 400
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Zofia Późna" in errors
    assert not Participation.objects.filter(project=project,
                                            status=Status.RESIGNED).exists()
    assert not StatusChange.objects.filter(to_status=Status.RESIGNED).exists()


def test_a_person_changed_meanwhile_stops_the_change(client, coordinator, project):
    people = _participants(project, 2)
    stale_version = people[1].version
    Participation.objects.filter(pk=people[1].pk).update(version=stale_version + 1)
    client.force_login(coordinator)

    response = _post(client, project, people, to_status=Status.COMPLETED, date="2025-09-30")

    assert response.status_code == 400
    assert str(people[1].person) in " ".join(response.context["form"].non_field_errors())
    assert not Participation.objects.filter(status=Status.COMPLETED).exists()


def test_qualified_candidates_start_together_in_an_edition(client, coordinator, project):
    edition = EditionFactory(project=project, start_date=date(2025, 3, 1),
                             end_date=date(2025, 12, 31))
    candidates = [
        ParticipationFactory(project=project, status=Status.QUALIFIED, start_date=None,
                             application_date=date(2025, 2, 1),
                             person=PersonFactory(last_name=f"Kandydat{n}"))
        for n in range(5)
    ]
    client.force_login(coordinator)

    response = client.post(reverse("participants:bulk_status", args=[project.pk]), {
        "obecny": Status.QUALIFIED, "participations": [p.pk for p in candidates],
        **{f"wersja-{p.pk}": p.version for p in candidates},
        "to_status": Status.PARTICIPANT, "date": "2025-03-03", "edition": edition.pk,
    })

    assert response.status_code == 302
    started = Participation.objects.filter(project=project)
    assert set(started.values_list("status", "start_date", "edition")) == {
        (Status.PARTICIPANT, date(2025, 3, 3), edition.pk)
    }


@pytest.mark.parametrize("to_status", [Status.RESIGNED, Status.REMOVED])
def test_leaving_needs_a_reason(client, coordinator, project, to_status):
    people = _participants(project, 2)
    client.force_login(coordinator)

    response = _post(client, project, people, to_status=to_status, date="2025-09-30")

    assert response.status_code == 400
    assert "reason" in response.context["form"].errors


def test_everyone_matching_an_edition_is_ticked_and_only_they_change(
    client, coordinator, project
):
    """Closing an edition: the list limited to it, everyone listed ticked at once, the other
    edition's people untouched (the edition kept through the post)."""
    first = EditionFactory(project=project, number=1, start_date=date(2025, 3, 1),
                           end_date=date(2025, 9, 30))
    second = EditionFactory(project=project, number=2, start_date=date(2025, 3, 1),
                            end_date=date(2026, 6, 30))
    closing = _participants(project, 3, edition=first)
    staying = _participants(project, 2, edition=second)
    client.force_login(coordinator)
    url = reverse("participants:bulk_status", args=[project.pk])

    page = client.get(url, {"obecny": Status.PARTICIPANT, "edycja": first.pk, "wszyscy": "1"})

    assert set(page.context["form"].initial["participations"]) == set(closing)
    assert "Zaznacz wszystkie 3 osoby z listy" in page.content.decode()
    response = _post(client, project, closing, to_status=Status.COMPLETED, date="2025-09-30",
                     reason="", situation_at_exit="employed", path_completed="true",
                     edycja=first.pk)
    assert response.status_code == 302
    assert set(Participation.objects.filter(status=Status.COMPLETED)) == set(closing)
    assert set(Participation.objects.filter(status=Status.PARTICIPANT)) == set(staying)
    refused = _post(client, project, staying, to_status=Status.COMPLETED, date="2025-09-30",
                    reason="", situation_at_exit="employed", path_completed="true",
                    edycja=first.pk)
    assert refused.status_code == 400  # not among the people of the edition listed
    assert set(Participation.objects.filter(status=Status.PARTICIPANT)) == set(staying)


def _list_then_bulk(client, project, **filters):
    """The participant list with ``filters``, then its link to change everyone found."""
    listed = client.get(reverse("participants:participant_list"),
                        {"project": project.pk, "status": Status.PARTICIPANT, **filters})
    assert listed.status_code == 200
    url = listed.context["bulk_status_url"]
    assert url and url in listed.content.decode().replace("&amp;", "&")
    return client.get(url)


def test_everyone_the_list_finds_by_sex_and_edition_is_ticked_and_only_they_change(
    client, coordinator, project
):
    first = EditionFactory(project=project, number=1, start_date=date(2025, 3, 1),
                           end_date=date(2025, 9, 30))
    second = EditionFactory(project=project, number=2)
    women = _participants(project, 2, edition=first)
    man = ParticipationFactory(project=project, edition=first, start_date=date(2025, 3, 1),
                               person=PersonFactory(first_name="Jan", last_name="Mąż", sex="M"))
    woman_of_the_second = _participants(project, 1, edition=second)
    client.force_login(coordinator)

    page = _list_then_bulk(client, project, edition=first.pk, sex="K")

    assert set(page.context["form"].initial["participations"]) == set(women)
    response = _post(client, project, women, to_status=Status.COMPLETED, date="2025-09-30",
                     situation_at_exit="employed", path_completed="true",
                     edycja=first.pk, sex="K")
    assert response.status_code == 302
    assert set(Participation.objects.filter(status=Status.COMPLETED)) == set(women)
    assert set(Participation.objects.filter(status=Status.PARTICIPANT)) == {
        man, *woman_of_the_second
    }
    refused = _post(client, project, [man], to_status=Status.COMPLETED, date="2025-09-30",
                    situation_at_exit="employed", path_completed="true",
                    edycja=first.pk, sex="K")
    assert refused.status_code == 400  # not among the people the filters list
    assert Participation.objects.get(pk=man.pk).status == Status.PARTICIPANT


def test_everyone_the_list_finds_by_a_search_and_a_worker_is_ticked(
    client, coordinator, social_worker, project
):
    found = ParticipationFactory(project=project, social_worker=social_worker,
                                 person=PersonFactory(last_name="Wójcik"))
    ParticipationFactory(project=project, person=PersonFactory(last_name="Wójcik"))
    ParticipationFactory(project=project, social_worker=social_worker,
                         person=PersonFactory(last_name="Kowalska"))
    client.force_login(coordinator)
    searched = client.post(reverse("participants:participant_list"), {
        "q": "wojcik", "project": project.pk, "status": Status.PARTICIPANT,
        "social_worker": social_worker.pk,
    })
    assert "wojcik" not in searched.url  # the search stays out of the address

    listed = client.get(searched.url)
    page = client.get(listed.context["bulk_status_url"])

    assert "wojcik" not in listed.context["bulk_status_url"]
    assert list(page.context["form"].initial["participations"]) == [found]
    assert list(page.context["form"].fields["participations"].queryset) == [found]
