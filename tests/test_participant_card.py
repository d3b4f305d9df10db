"""The participant's card: edits that must not overwrite each other, fields the forms do not
offer, the history and recruitment tabs, and queries that do not grow with the rows."""

from datetime import date
from uuid import uuid4

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participants.forms import ParticipationForm
from participants.models import Participation, ParticipationStatus, Person, search_key

from . import fixtures_participants
from .factories import PersonFactory
from .fixtures_participants import add_participations, change_status, queries_for
from .helpers.forms import form_data

# The shared fixtures, bound here so that pytest finds them in this module.
applicant = fixtures_participants.applicant
sw_client = fixtures_participants.sw_client


Status = ParticipationStatus


def client_of(user) -> Client:
    other = Client()
    other.force_login(user)
    return other


# --- Two people editing one record ----------------------------------------------------------


def opened_form(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.context["form"])


def test_it_refuses_to_overwrite_a_participation_saved_meanwhile(
    client, social_worker, coordinator, participation
):
    url = reverse("participants:participation_update", args=[participation.pk])
    client.force_login(social_worker)
    mine = opened_form(client, url) | {"recruitment_source": "ulotka"}
    colleague = client_of(coordinator)
    theirs = opened_form(colleague, url) | {"recruitment_source": "plakat"}
    assert colleague.post(url, theirs).status_code == 302

    response = client.post(url, mine)

    participation.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 409
    rows = [(str(r["label"]), r["mine"], r["saved"]) for r in response.context["differences"]]
    label = str(ParticipationForm(instance=participation).fields["recruitment_source"].label)
    assert rows == [(label, "ulotka", "plakat")]
    assert label in html
    assert "ulotka" in html
    assert "plakat" in html
    assert participation.recruitment_source == "plakat"
    assert participation.version == 2


def test_it_refuses_to_overwrite_a_person_saved_meanwhile(client, social_worker, participation):
    person = participation.person
    url = reverse("participants:person_update", args=[participation.pk])
    client.force_login(social_worker)
    mine = opened_form(client, url) | {"first_name": "Anna Maria"}
    Person.objects.filter(pk=person.pk).update(first_name="Ewa", version=F("version") + 1)

    response = client.post(url, mine)

    person.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 409
    assert [(r["mine"], r["saved"]) for r in response.context["differences"]] == [
        ("Anna Maria", "Ewa")
    ]
    assert "Anna Maria" in html
    assert "Ewa" in html
    assert person.first_name == "Ewa"
    assert person.version == 2


def test_it_saves_an_edit_when_nobody_saved_meanwhile(sw_client, participation):
    url = reverse("participants:person_update", args=[participation.pk])
    data = opened_form(sw_client, url) | {"first_name": "Anna Maria"}

    response = sw_client.post(url, data)

    person = Person.objects.get(pk=participation.person_id)
    assert response.status_code == 302
    assert (person.first_name, person.version) == ("Anna Maria", 2)
    assert "anna maria" in person.search_text


def test_it_refuses_the_same_form_posted_twice(sw_client, participation):
    url = reverse("participants:participation_update", args=[participation.pk])
    data = opened_form(sw_client, url) | {"phone": "600 100 200"}

    first = sw_client.post(url, data)
    second = sw_client.post(url, data | {"phone": "600 100 201"})

    participation.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 409)
    assert participation.phone == "600 100 200"


def test_it_recomputes_the_age_at_entry_when_the_start_date_is_edited(sw_client, participation):
    # born 17 May 1980; the project starts on 1 January 2025
    url = reverse("participants:participation_update", args=[participation.pk])
    data = opened_form(sw_client, url) | {
        "start_date": "2025-06-02", "correction_reason": "Data z listy obecności",
    }

    sw_client.post(url, data)

    participation.refresh_from_db()
    assert participation.start_date == date(2025, 6, 2)
    assert participation.age_at_entry == 45


# --- Forms list their fields ----------------------------------------------------------------


def test_it_ignores_fields_the_participation_form_does_not_offer(
    sw_client, participation, other_project
):
    stranger = PersonFactory()
    before = Participation.objects.filter(pk=participation.pk).values().get()
    url = reverse("participants:participation_update", args=[participation.pk])
    data = opened_form(sw_client, url) | {
        "project": other_project.pk,
        "status": Status.COMPLETED,
        "person": stranger.pk,
        "age_at_entry": "99",
        "creation_token": str(uuid4()),
        "phone": "600 100 200",
    }

    response = sw_client.post(url, data)

    after = Participation.objects.filter(pk=participation.pk).values().get()
    assert response.status_code == 302
    assert after["phone"] == "600 100 200"
    for name in ["project_id", "status", "person_id", "creation_token"]:
        assert after[name] == before[name], name
    assert after["age_at_entry"] == 44  # from the birth date and the start date, not posted


def test_it_ignores_fields_the_person_form_does_not_offer(sw_client, participation):
    person = participation.person
    url = reverse("participants:person_update", args=[participation.pk])
    data = opened_form(sw_client, url) | {"search_text": "ktoś inny", "id": "9999"}

    sw_client.post(url, data)

    person.refresh_from_db()
    assert Person.objects.get().pk == person.pk
    assert person.search_text == search_key(
        f"{person.last_name} {person.first_name} {person.pesel}"
    )


# --- History --------------------------------------------------------------------------------


def test_it_shows_an_edit_in_the_history_with_who_and_old_and_new_values(
    sw_client, social_worker, participation
):
    url = reverse("participants:participation_update", args=[participation.pk])
    sw_client.post(url, opened_form(sw_client, url) | {"recruitment_source": "plakat"})
    person_url = reverse("participants:person_update", args=[participation.pk])
    sw_client.post(person_url, opened_form(sw_client, person_url) | {"first_name": "Ewa"})

    response = sw_client.get(
        reverse("card:participation_tab", args=[participation.pk, "history"])
    )

    html = response.content.decode()
    assert str(social_worker) in html
    assert "— → plakat" in html
    assert "Anna → Ewa" in html
    with translation.override("pl"):
        label = str(Participation._meta.get_field("recruitment_source").verbose_name)
    assert label[:1].upper() + label[1:] in html


def test_it_shows_the_status_changes_on_the_recruitment_tab(sw_client, applicant, social_worker):
    change_status(sw_client, applicant, Status.QUALIFIED, date(2025, 3, 1), "Spełnia kryteria")

    response = sw_client.get(
        reverse("card:participation_tab", args=[applicant.pk, "recruitment"])
    )

    assert list(response.context["status_changes"]) == list(applicant.status_changes.all())
    html = response.content.decode()
    assert "Spełnia kryteria" in html
    assert str(social_worker) in html


# --- Queries that do not grow with the rows -------------------------------------------------


CARD_QUERIES = 16  # one of them: whether the user heads an organisation (their groups)


@pytest.mark.parametrize("tab", ["data", "recruitment", "history"])
def test_the_card_uses_the_same_queries_for_3_and_for_60_participants(
    sw_client, project, social_worker, participation, tab
):
    url = reverse("card:participation_tab", args=[participation.pk, tab])
    add_participations(project, 2, social_worker)
    few = queries_for(sw_client, url)

    add_participations(project, 57, social_worker)
    many = queries_for(sw_client, url)

    assert many == few
    assert few <= CARD_QUERIES


@pytest.mark.parametrize("tab", ["recruitment", "history"])
def test_the_card_uses_the_same_queries_for_a_short_and_a_long_history(sw_client, applicant, tab):
    url = reverse("card:participation_tab", args=[applicant.pk, tab])
    change_status(sw_client, applicant, Status.QUALIFIED, date(2025, 3, 1))
    few = queries_for(sw_client, url)

    # The status stays "qualified" (a participant's card also checks for double funding).
    for status, day in [(Status.RESERVE, 2), (Status.QUALIFIED, 3), (Status.RESERVE, 4),
                        (Status.QUALIFIED, 5)]:
        change_status(sw_client, applicant, status, date(2025, 3, day))
    edit = reverse("participants:participation_update", args=[applicant.pk])
    for phone in ["600 100 200", "600 100 201", "600 100 202"]:
        sw_client.post(edit, opened_form(sw_client, edit) | {"phone": phone})
    many = queries_for(sw_client, url)

    assert many == few
    assert few <= CARD_QUERIES
