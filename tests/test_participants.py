"""The participant registry: registration, the recruitment path, edits that must not overwrite
each other, search and lists, and the rules of the data at entry."""

import re
from datetime import date, timedelta
from uuid import uuid4

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from demo.loader import make_pesel
from participants.codelists import Answer, DisabilityDegree, ExitReason, LabourMarketStatus
from participants.forms import ParticipationForm
from participants.models import (
    Participation,
    ParticipationStatus,
    Person,
    StatusChange,
    search_key,
)
from participants.services import participation_change_status

from .factories import (
    EditionFactory,
    MembershipFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
)
from .helpers.forms import form_data
from .helpers.participants import LUCJA_BIRTH, LUCJA_PESEL, candidate, errors, register

Status = ParticipationStatus


@pytest.fixture
def our_other_project(project):
    """Another project of the same centre: its people are ours to find."""
    return ProjectFactory(lead_beneficiary=project.lead_beneficiary, short_name="NASZ-2")


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


def client_of(user) -> Client:
    other = Client()
    other.force_login(user)
    return other


def detail_url(participation) -> str:
    return reverse("card:participation_detail", args=[participation.pk])


# --- Registration ---------------------------------------------------------------------------


def test_it_registers_a_candidate_with_a_person_and_the_first_status(
    sw_client, project, social_worker
):
    response = register(sw_client, project, recruitment_source="plakat w ośrodku")

    participation = Participation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(participation)
    assert (participation.project, participation.status) == (project, Status.CANDIDATE)
    assert participation.recruitment_source == "plakat w ośrodku"
    person = Person.objects.get()
    assert participation.person == person
    assert (person.first_name, person.last_name, person.sex, person.birth_date) == (
        "Łucja",
        "Żółkiewska",
        "K",
        LUCJA_BIRTH,
    )
    change = StatusChange.objects.get()
    assert (change.participation, change.from_status, change.to_status) == (
        participation,
        "",
        Status.CANDIDATE,
    )
    assert change.changed_by == social_worker


@pytest.mark.parametrize("typed", [f" {LUCJA_PESEL} ", f"\t{LUCJA_PESEL}\n", LUCJA_PESEL])
def test_it_stores_the_pesel_normalised(sw_client, project, typed):
    register(sw_client, project, pesel=typed)

    assert Person.objects.get().pesel == LUCJA_PESEL


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("birth_date", {"birth_date": "1985-03-16"}),
        ("sex", {"sex": "M"}),
    ],
)
def test_it_rejects_a_pesel_that_disagrees_with_the_birth_date_or_sex(
    sw_client, project, field, changes
):
    response = register(sw_client, project, **changes)

    assert response.status_code == 400
    assert field in errors(response)
    assert "pesel" not in errors(response)
    assert not Person.objects.exists()
    assert not Participation.objects.exists()


def test_it_asks_before_adding_a_person_already_on_record(sw_client, project, our_other_project):
    known = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL,
        organisation=project.lead_beneficiary,
    )
    ParticipationFactory(person=known, project=our_other_project)

    response = register(sw_client, project)

    assert response.status_code == 400
    assert "use_existing" in errors(response)
    assert not Participation.objects.filter(project=project).exists()


def test_it_adds_the_person_on_record_when_asked_to(sw_client, project, our_other_project):
    known = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL,
        organisation=project.lead_beneficiary,
    )
    ParticipationFactory(person=known, project=our_other_project)

    # The name typed in other letter case is the same person.
    response = register(sw_client, project, use_existing="on", first_name="ŁUCJA")

    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Participation.objects.get(project=project).person == known


def test_it_rejects_a_pesel_on_record_under_another_name_without_revealing_it(
    sw_client, project, our_other_project
):
    known = PersonFactory(
        first_name="Genowefa", last_name="Pigwa", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL,
        organisation=project.lead_beneficiary,
    )
    ParticipationFactory(person=known, project=our_other_project)

    response = register(sw_client, project, use_existing="on")

    html = response.content.decode()
    assert response.status_code == 400
    assert "pesel" in errors(response)
    assert "Genowefa" not in html
    assert "Pigwa" not in html
    assert Person.objects.count() == 1
    assert not Participation.objects.filter(project=project).exists()


def test_it_rejects_the_same_person_twice_in_one_project(sw_client, project):
    known = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL
    )
    ParticipationFactory(person=known, project=project)

    response = register(sw_client, project, use_existing="on")

    assert response.status_code == 400
    assert "pesel" in errors(response)
    assert Participation.objects.count() == 1


def test_it_creates_one_participation_from_a_double_submit(sw_client, project, social_worker):
    data = candidate(social_worker=social_worker.pk)
    url = reverse("participants:participant_create", args=[project.pk])

    first = sw_client.post(url, data)
    second = sw_client.post(url, data)

    participation = Participation.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == detail_url(participation)
    assert Person.objects.count() == 1
    assert StatusChange.objects.count() == 1


def test_it_creates_one_participation_from_a_double_submit_without_pesel(
    sw_client, project, social_worker
):
    data = candidate(pesel="", other_identifier="AB1234567", social_worker=social_worker.pk)
    url = reverse("participants:participant_create", args=[project.pk])

    first = sw_client.post(url, data)
    second = sw_client.post(url, data)

    participation = Participation.objects.get()
    assert first["Location"] == second["Location"] == detail_url(participation)
    assert Person.objects.count() == 1


def test_it_reports_an_invalid_pesel_only_on_the_pesel(sw_client, project):
    wrong_check_digit = LUCJA_PESEL[:-1] + str((int(LUCJA_PESEL[-1]) + 1) % 10)

    response = register(sw_client, project, pesel=wrong_check_digit)

    assert response.status_code == 400
    assert set(errors(response)) == {"pesel"}


def test_it_requires_another_identifier_for_a_person_without_pesel(sw_client, project):
    response = register(sw_client, project, pesel="")

    assert response.status_code == 400
    assert "other_identifier" in errors(response)
    assert not Person.objects.exists()


def test_it_registers_a_person_without_pesel_by_another_identifier(sw_client, project):
    response = register(sw_client, project, pesel="", other_identifier="AB1234567")

    person = Person.objects.get()
    assert response.status_code == 302
    assert (person.pesel, person.other_identifier) == ("", "AB1234567")


@pytest.mark.parametrize("name", ["participant_create", "person_update"])
def test_it_keeps_the_pesel_out_of_error_reports(sw_client, participation, name):
    target = participation.project if name == "participant_create" else participation
    url = reverse(f"participants:{name}", args=[target.pk])

    response = sw_client.post(url, {"pesel": LUCJA_PESEL})

    assert list(response.wsgi_request.sensitive_post_parameters) == ["pesel"]


# --- The recruitment path -------------------------------------------------------------------


@pytest.fixture
def applicant(project, social_worker):
    """A candidate born on 17 May 1980, not started yet."""
    return ParticipationFactory(
        project=project, social_worker=social_worker, status=Status.CANDIDATE, start_date=None
    )


def change_status(client, participation, to_status, on, reason="", version=None):
    current = Participation.objects.get(pk=participation.pk).version
    return client.post(
        reverse("participants:status_change", args=[participation.pk]),
        {
            "to_status": to_status,
            "date": on.isoformat(),
            "reason": reason,
            "version": current if version is None else version,
        },
    )


def test_it_follows_the_recruitment_path_to_completion(sw_client, applicant, social_worker):
    steps = [
        (Status.QUALIFIED, date(2025, 3, 1)),
        (Status.PARTICIPANT, date(2025, 5, 20)),
        (Status.COMPLETED, date(2025, 11, 28)),
    ]

    responses = [change_status(sw_client, applicant, status, on) for status, on in steps]

    applicant.refresh_from_db()
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert applicant.status == Status.COMPLETED
    assert (applicant.start_date, applicant.end_date) == (date(2025, 5, 20), date(2025, 11, 28))
    assert applicant.age_at_entry == 45  # born 17 May 1980, started 20 May 2025
    assert applicant.exit_reason == ExitReason.COMPLETED
    assert applicant.path_completed is True
    recorded = list(
        applicant.status_changes.values_list("from_status", "to_status", "date", "changed_by")
    )
    assert recorded == [
        (Status.CANDIDATE, Status.QUALIFIED, date(2025, 3, 1), social_worker.pk),
        (Status.QUALIFIED, Status.PARTICIPANT, date(2025, 5, 20), social_worker.pk),
        (Status.PARTICIPANT, Status.COMPLETED, date(2025, 11, 28), social_worker.pk),
    ]


def test_it_computes_the_age_at_entry_on_the_start_date(sw_client, applicant):
    change_status(sw_client, applicant, Status.QUALIFIED, date(2025, 3, 1))

    change_status(sw_client, applicant, Status.PARTICIPANT, date(2025, 5, 16))

    applicant.refresh_from_db()
    assert applicant.age_at_entry == 44  # the day before the 45th birthday


def test_it_refuses_an_illegal_transition(sw_client, applicant):
    before = Participation.objects.filter(pk=applicant.pk).values().get()

    response = change_status(sw_client, applicant, Status.COMPLETED, date(2025, 6, 1))

    assert response.status_code == 400
    assert "to_status" in response.context["status_form"].errors
    assert Participation.objects.filter(pk=applicant.pk).values().get() == before
    assert not applicant.status_changes.exists()


def test_the_service_refuses_an_illegal_transition_with_a_message(applicant, social_worker):
    with pytest.raises(ValidationError) as refused:
        participation_change_status(
            participation=applicant,
            to_status=Status.COMPLETED,
            on=date(2025, 6, 1),
            reason="",
            by=social_worker,
            expected_version=applicant.version,
        )

    assert refused.value.messages
    applicant.refresh_from_db()
    assert applicant.status == Status.CANDIDATE
    assert not applicant.status_changes.exists()


@pytest.mark.parametrize(
    ("path", "decision"),
    [
        ([], Status.REJECTED),
        ([Status.QUALIFIED], Status.RESIGNED),
        ([Status.QUALIFIED, Status.PARTICIPANT], Status.REMOVED),
    ],
)
def test_it_requires_a_reason_for_rejection_resignation_and_removal(
    sw_client, applicant, path, decision
):
    for status in path:
        change_status(sw_client, applicant, status, date(2025, 3, 1))
    before = Participation.objects.filter(pk=applicant.pk).values().get()

    refused = change_status(sw_client, applicant, decision, date(2025, 4, 1))
    unchanged = Participation.objects.filter(pk=applicant.pk).values().get()
    accepted = change_status(sw_client, applicant, decision, date(2025, 4, 1), "Przeprowadzka")

    assert refused.status_code == 400
    assert "reason" in refused.context["status_form"].errors
    assert unchanged == before
    assert accepted.status_code == 302
    last = applicant.status_changes.last()
    assert (last.to_status, last.reason, last.date) == (decision, "Przeprowadzka", date(2025, 4, 1))


def test_it_refuses_a_status_change_from_a_stale_page(sw_client, applicant):
    stale = applicant.version
    change_status(sw_client, applicant, Status.QUALIFIED, date(2025, 3, 1))

    response = change_status(sw_client, applicant, Status.RESERVE, date(2025, 3, 2), version=stale)

    applicant.refresh_from_db()
    assert response.status_code == 400
    assert applicant.status == Status.QUALIFIED
    assert applicant.status_changes.count() == 1
    assert [m.level_tag for m in get_messages(response.wsgi_request)][-1] == "error"


def test_it_saves_nothing_when_a_status_change_breaks_a_rule(sw_client, participation):
    before = Participation.objects.filter(pk=participation.pk).values().get()

    # The participation started on the project's first day: it cannot end the day before.
    response = change_status(sw_client, participation, Status.COMPLETED, date(2024, 12, 31))

    assert response.status_code == 400
    assert Participation.objects.filter(pk=participation.pk).values().get() == before
    assert not participation.status_changes.exists()
    assert "date" in response.context["status_form"].errors


def test_it_shows_the_saved_status_when_a_status_change_is_refused(sw_client, participation):
    response = change_status(sw_client, participation, Status.COMPLETED, date(2024, 12, 31))

    shown = response.context["participation"]
    assert (shown.status, shown.end_date) == (Status.PARTICIPANT, None)


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


# --- Search, filters, sorting, pages --------------------------------------------------------


def listed(client, **query) -> list:
    url = reverse("participants:participant_list")
    # A search is posted (it never travels in the address); other filters are links.
    response = (client.post(url, query, follow=True) if "q" in query
                else client.get(url, query))
    assert response.status_code == 200
    return list(response.context["page_obj"])


@pytest.fixture
def lucja(project, social_worker):
    person = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL
    )
    return ParticipationFactory(person=person, project=project, social_worker=social_worker)


@pytest.mark.parametrize(
    "text", ["żółk", "ŻÓŁK", "ŁUCJA", "łucja", "Żółkiewska Łucja", LUCJA_PESEL]
)
def test_it_finds_a_person_by_polish_name_in_any_case_or_by_pesel(
    sw_client, lucja, participation, text
):
    assert listed(sw_client, q=text) == [lucja]


def test_it_finds_nobody_for_a_name_not_on_record(sw_client, lucja):
    assert listed(sw_client, q="Żabińska") == []


def test_it_filters_by_status_sex_edition_and_social_worker(
    sw_client, project, social_worker, coordinator
):
    edition = EditionFactory(project=project, number=1)
    man = PersonFactory(first_name="Jan", sex="M", pesel=make_pesel(date(1980, 5, 17), 3, "M"))
    qualified = ParticipationFactory(project=project, status=Status.QUALIFIED)
    male = ParticipationFactory(project=project, person=man)
    in_edition = ParticipationFactory(project=project, edition=edition)
    coordinated = ParticipationFactory(project=project, social_worker=coordinator)
    own = ParticipationFactory(project=project, social_worker=social_worker)

    assert listed(sw_client, status=Status.QUALIFIED) == [qualified]
    assert listed(sw_client, sex="M") == [male]
    assert listed(sw_client, edition=edition.pk) == [in_edition]
    assert listed(sw_client, social_worker=coordinator.pk) == [coordinated]
    assert listed(sw_client, social_worker=social_worker.pk) == [own]


@pytest.fixture
def three(project):
    return [
        ParticipationFactory(project=project, person=PersonFactory(last_name=name), start_date=day)
        for name, day in [
            ("Mazur", date(2025, 3, 1)),
            ("Adamska", date(2025, 1, 10)),
            ("Zając", date(2025, 5, 5)),
        ]
    ]


def test_it_sorts_by_surname_without_a_choice(sw_client, three):
    mazur, adamska, zajac = three

    assert listed(sw_client) == [adamska, mazur, zajac]


def test_it_sorts_by_name(sw_client, three):
    mazur, adamska, zajac = three

    assert listed(sw_client, order="name") == [adamska, mazur, zajac]


def test_it_sorts_by_start_latest_first(sw_client, three):
    mazur, adamska, zajac = three

    assert listed(sw_client, order="-start") == [zajac, mazur, adamska]


def test_it_shows_fifty_participants_a_page(sw_client, project):
    ParticipationFactory.create_batch(53, project=project)

    first = listed(sw_client)
    second = listed(sw_client, page=2)

    assert (len(first), len(second)) == (50, 3)
    assert not set(first) & set(second)


def test_it_lists_only_the_social_workers_own_cases_as_mine(
    client, project, social_worker, coordinator
):
    own = ParticipationFactory.create_batch(2, project=project, social_worker=social_worker)
    ParticipationFactory(project=project, social_worker=coordinator)
    ParticipationFactory(project=project, social_worker=None)
    client.force_login(social_worker)

    response = client.get(reverse("participants:my_participants"))

    assert set(response.context["page_obj"]) == set(own)


def test_it_never_shows_the_pesel_on_the_list(sw_client, lucja, participation):
    html = sw_client.get(reverse("participants:participant_list")).content.decode()

    assert "Żółkiewska" in html
    assert LUCJA_PESEL not in html
    assert participation.person.pesel not in html


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

LIST_QUERIES = 20
CARD_QUERIES = 15


def queries_for(client, url) -> int:
    client.get(url)  # the first request warms caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_participations(project, count, social_worker):
    edition = EditionFactory(project=project)
    for _ in range(count):
        ParticipationFactory(project=project, edition=edition, social_worker=social_worker)


def test_the_list_uses_the_same_queries_for_3_and_for_60_participants(
    sw_client, project, social_worker
):
    url = reverse("participants:participant_list")
    add_participations(project, 3, social_worker)
    few = queries_for(sw_client, url)

    add_participations(project, 57, social_worker)
    many = queries_for(sw_client, url)

    assert many == few
    assert few <= LIST_QUERIES


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


def bulk_participations(project, count, social_worker) -> None:
    """Many people at once, without factories or per-row saves (so no history either)."""
    people = []
    for number in range(count):
        birth = date(1960, 1, 1) + timedelta(days=7 * number)
        sex = "K" if number % 2 else "M"
        first, last = ("Anna" if sex == "K" else "Jan"), f"Masowy{number:04d}"
        people.append(
            Person(
                first_name=first,
                last_name=last,
                sex=sex,
                birth_date=birth,
                pesel=make_pesel(birth, number, sex),
                search_text=search_key(f"{last} {first}"),
                organisation=project.lead_beneficiary,
            )
        )
    people = Person.objects.bulk_create(people)
    Participation.objects.bulk_create(
        Participation(
            person=person,
            project=project,
            social_worker=social_worker,
            status=Status.PARTICIPANT,
            start_date=project.start_date,
        )
        for person in people
    )


def test_the_list_uses_the_same_queries_for_a_thousand_participants(
    sw_client, project, social_worker
):
    url = reverse("participants:participant_list")
    add_participations(project, 3, social_worker)
    few = queries_for(sw_client, url)

    bulk_participations(project, 1000, social_worker)
    many = queries_for(sw_client, url)
    response = sw_client.get(url, {"page": 21})

    assert many == few
    assert few <= LIST_QUERIES
    assert response.context["page_obj"].paginator.count == 1003
    assert len(response.context["page_obj"]) == 3


# --- Rules of the data at entry -------------------------------------------------------------


def rule_errors(participation) -> dict:
    with pytest.raises(ValidationError) as refused:
        participation.clean()
    return refused.value.message_dict


def test_it_gives_a_degree_of_disability_only_with_a_disability(participation):
    participation.disability_degree = DisabilityDegree.MODERATE

    for answer in ["", Answer.NO, Answer.REFUSED]:
        participation.disability = answer
        assert "disability_degree" in rule_errors(participation)
    participation.disability = Answer.YES
    participation.clean()


@pytest.mark.parametrize("status", [LabourMarketStatus.INACTIVE, LabourMarketStatus.EMPLOYED, ""])
def test_it_counts_months_out_of_work_only_for_the_unemployed(participation, status):
    participation.labour_market_status = status
    participation.unemployment_months = 4

    assert "unemployment_months" in rule_errors(participation)


def test_it_accepts_months_out_of_work_of_an_unemployed_person(participation):
    participation.labour_market_status = LabourMarketStatus.UNEMPLOYED_UNREGISTERED
    participation.unemployment_months = 4

    participation.clean()


def test_it_rejects_an_end_before_the_start(participation):
    participation.start_date = date(2025, 6, 1)
    participation.end_date = date(2025, 5, 31)

    assert "end_date" in rule_errors(participation)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 12, 31), None),
        (date(2025, 6, 1), date(2027, 1, 1)),
        (None, date(2027, 1, 1)),
    ],
)
def test_it_rejects_dates_outside_the_project_period(participation, start, end):
    participation.start_date, participation.end_date = start, end

    assert "start_date" in rule_errors(participation)


def test_it_rejects_an_edition_of_another_project(participation, other_project):
    participation.edition = EditionFactory(project=other_project)

    assert "edition" in rule_errors(participation)


@pytest.mark.parametrize(
    ("birth", "months", "expected"),
    [
        (date(2000, 6, 1), 7, True),  # 24 at entry: over 6 months
        (date(2000, 6, 1), 6, False),
        (date(2000, 3, 1), 7, False),  # 25 at entry: over 12 months needed
        (date(1995, 1, 1), 7, False),  # 30 at entry
        (date(1995, 1, 1), 12, False),
        (date(1995, 1, 1), 13, True),
    ],
)
def test_it_tells_long_term_unemployment_by_age_at_entry(project, birth, months, expected):
    person = PersonFactory(birth_date=birth, pesel=make_pesel(birth, 1, "K"))
    participation = Participation(
        person=person,
        project=project,
        start_date=date(2025, 3, 1),
        labour_market_status=LabourMarketStatus.UNEMPLOYED_REGISTERED,
        unemployment_months=months,
    )
    participation.refresh_age_at_entry()

    assert participation.long_term_unemployed is expected


def test_it_does_not_judge_long_term_unemployment_of_someone_in_work(participation):
    participation.refresh_age_at_entry()
    participation.labour_market_status = LabourMarketStatus.EMPLOYED

    assert participation.long_term_unemployed is None


# --- Who sees whom --------------------------------------------------------------------------


def test_it_hides_a_participant_from_a_social_worker_who_left_the_team(
    sw_client, participation, social_worker
):
    social_worker.memberships.update(is_active=False)

    response = sw_client.get(detail_url(participation))

    assert response.status_code == 404


def test_it_offers_only_team_members_as_social_workers(sw_client, project, outsider):
    colleague = UserFactory()
    MembershipFactory(project=project, user=colleague, is_active=False)

    response = register(sw_client, project, social_worker=str(outsider.pk))

    assert "social_worker" in errors(response)
    choices = response.context["form"].fields["social_worker"].queryset
    assert outsider not in choices
    assert colleague not in choices


@pytest.mark.parametrize("typed", ["wojcik", "WÓJCIK", "Wójcik", "wojcik anna", "łukasz"])
def test_search_ignores_diacritics_and_case(sw_client, project, typed):
    ParticipationFactory(project=project, person=PersonFactory(first_name="Anna",
                                                               last_name="Wójcik"))
    ParticipationFactory(project=project, person=PersonFactory(first_name="Łukasz",
                                                               last_name="Wójcik", sex="M",
                                                               pesel=make_pesel(
                                                                   date(1980, 5, 17), 9, "M")))
    ParticipationFactory(project=project, person=PersonFactory(last_name="Nowak"))

    response = sw_client.post(reverse("participants:participant_list"), {"q": typed},
                              follow=True)

    names = {p.person.last_name for p in response.context["page_obj"]}
    assert names == {"Wójcik"}


def test_a_search_never_travels_in_the_address(sw_client, project, lucja):
    lucja_pesel = lucja.person.pesel
    ParticipationFactory.create_batch(55, project=project)
    url = reverse("participants:participant_list")

    response = sw_client.post(url, {"q": lucja_pesel, "status": ""})

    assert response.status_code == 302
    assert lucja_pesel not in response["Location"]
    page = sw_client.get(response["Location"])
    assert [p.pk for p in page.context["page_obj"]] == [lucja.pk]
    # Every link the list makes (pages, sorting) carries the search's key, never its text.
    hrefs = re.findall(r'href="([^"]*)"', page.content.decode())
    assert not [href for href in hrefs if lucja_pesel in href]
    # A search typed into an address (an old bookmark) is moved out of it at once.
    old = sw_client.get(url, {"q": lucja.person.last_name})
    assert old.status_code == 302 and lucja.person.last_name not in old["Location"]
    # A key this session does not hold finds no search: the list is shown whole, with a word.
    other = sw_client.get(url, {"wyszukiwanie": "nieznany"})
    assert other.context["page_obj"].paginator.count == 56


def test_pages_of_a_search_keep_the_search(sw_client, project):
    for number in range(55):
        ParticipationFactory(project=project, person=PersonFactory(
            last_name="Wójcik", pesel=make_pesel(date(1980, 1, 1), number, "K")))
    ParticipationFactory(project=project, person=PersonFactory(last_name="Nowak"))
    url = reverse("participants:participant_list")
    first = sw_client.post(url, {"q": "wojcik"}, follow=True)

    second = sw_client.get(url + "?" + first.context["query"] + "&page=2")

    assert second.context["page_obj"].paginator.count == 55
    assert len(second.context["page_obj"]) == 5
