"""The participant list: search (Polish letters, the PESEL, never in the address), filters,
sorting, pages, "my participants", and queries that do not grow with the rows."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts.roles import Role
from demo.people import make_pesel
from participants.models import Participation, ParticipationStatus, Person, search_key
from projects.models import Membership

from . import fixtures_participants
from .factories import EditionFactory, ParticipationFactory, PersonFactory, ProjectFactory
from .fixtures_participants import add_participations, queries_for
from .helpers.participants import LUCJA_BIRTH, LUCJA_PESEL

# The shared fixtures, bound here so that pytest finds them in this module.
sw_client = fixtures_participants.sw_client


Status = ParticipationStatus


# --- Search, filters, sorting, pages --------------------------------------------------------


def listed(client, **query) -> list:
    return list(listed_page(client, **query).context["page_obj"])


def listed_page(client, **query):
    url = reverse("participants:participant_list")
    # A search is posted (it never travels in the address); other filters are links.
    response = (client.post(url, query, follow=True) if "q" in query
                else client.get(url, query))
    assert response.status_code == 200
    return response


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

    first = listed_page(sw_client).context["page_obj"]
    url = reverse("participants:participant_list")
    second = sw_client.get(url + first.next_url).context["page_obj"]
    back = sw_client.get(url + second.previous_url).context["page_obj"]

    assert (len(first), len(second)) == (50, 3)
    assert not set(first) & set(second)
    assert (first.has_previous, first.has_next, second.has_previous, second.has_next) == (
        False, True, True, False)
    assert list(back) == list(first)


def test_it_lists_only_the_social_workers_own_cases_as_mine(
    client, project, social_worker, coordinator
):
    own = ParticipationFactory.create_batch(2, project=project, social_worker=social_worker)
    ParticipationFactory(project=project, social_worker=coordinator)
    ParticipationFactory(project=project, social_worker=None)
    client.force_login(social_worker)

    response = client.get(reverse("participants:my_participants"))

    assert set(response.context["page_obj"]) == set(own)


def test_my_participants_shows_active_participations_first_and_all_on_request(
    client, project, social_worker
):
    taking_part = ParticipationFactory(project=project, social_worker=social_worker)
    candidate = ParticipationFactory(project=project, social_worker=social_worker,
                                     status=ParticipationStatus.CANDIDATE, start_date=None)
    ended = ParticipationFactory(project=project, social_worker=social_worker,
                                 status=ParticipationStatus.COMPLETED,
                                 end_date=project.start_date + timedelta(days=90))
    client.force_login(social_worker)

    default = client.get(reverse("participants:my_participants"))
    everyone = client.get(reverse("participants:my_participants"), {"status": ""})

    assert set(default.context["page_obj"]) == {taking_part, candidate}
    assert "aktywni (niezakończeni)" in default.content.decode()
    assert set(everyone.context["page_obj"]) == {taking_part, candidate, ended}


def test_it_never_shows_the_pesel_on_the_list(sw_client, lucja, participation):
    html = sw_client.get(reverse("participants:participant_list")).content.decode()

    assert "Żółkiewska" in html
    assert LUCJA_PESEL not in html
    assert participation.person.pesel not in html


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
    assert other.context["found"].count == 56


def test_pages_of_a_search_keep_the_search(sw_client, project):
    for number in range(55):
        ParticipationFactory(project=project, person=PersonFactory(
            last_name="Wójcik", pesel=make_pesel(date(1980, 1, 1), number, "K")))
    ParticipationFactory(project=project, person=PersonFactory(last_name="Nowak"))
    url = reverse("participants:participant_list")
    first = sw_client.post(url, {"q": "wojcik"}, follow=True)

    second = sw_client.get(url + first.context["page_obj"].next_url)

    assert second.context["found"].count == 55
    assert len(second.context["page_obj"]) == 5
    assert "wojcik" not in first.context["page_obj"].next_url


# --- Queries that do not grow with the rows -------------------------------------------------


LIST_QUERIES = 5


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
            organisation=project.lead_beneficiary,
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
    response = sw_client.get(url, {"koniec": "1"})

    assert many == few
    assert few <= LIST_QUERIES
    assert response.context["found"].more  # more than the 1,000 a page counts
    last = response.context["page_obj"]
    in_order = list(Participation.objects.order_by("person__last_name", "person__first_name",
                                                   "pk"))
    assert list(last) == in_order[-50:]
    assert (last.has_previous, last.has_next) == (True, False)


def test_the_top_bar_searches_participants_without_diacritics(client, project, social_worker):
    """The search box on every page: "wojcik" finds "Wójcik", and the list keeps the search out
    of the address (a PESEL typed there must not reach the server's logs)."""
    found = ParticipationFactory(project=project, person=PersonFactory(
        last_name="Wójcik", organisation=project.lead_beneficiary))
    ParticipationFactory(project=project, person=PersonFactory(
        last_name="Nowak", organisation=project.lead_beneficiary))
    client.force_login(social_worker)
    start = client.get(reverse("home:start")).content.decode()
    assert 'role="search"' in start and 'id="top-search"' in start

    response = client.post(reverse("participants:participant_list"), {"q": "wojcik"}, follow=True)

    assert list(response.context["page_obj"]) == [found]
    assert "wojcik" not in response.redirect_chain[-1][0]


@pytest.mark.django_db
def test_the_search_of_people_uses_the_trigram_index_on_postgresql():
    """A search by part of a name or PESEL is served by an index on PostgreSQL (issue 13):
    the plan with sequential scans discouraged reads the trigram index, not every person."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index is PostgreSQL's; SQLite scans its embedded table")
    queryset = Person.objects.filter(search_text__contains=search_key("wojcik")).values("pk")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Only a scan by an index condition is left: the trigram index, else a sequential scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "participants_person_search_trgm" in plan, plan


def test_the_filters_offer_the_editions_and_the_team_once_each_by_name(
    sw_client, project, social_worker, coordinator
):
    EditionFactory(project=project, number=2, name="")
    EditionFactory(project=project, number=1, name="Wiosna")
    other = ProjectFactory(lead_beneficiary=project.lead_beneficiary)
    Membership.objects.create(project=other, user=social_worker, role=Role.SOCIAL_WORKER)

    form = sw_client.get(reverse("participants:participant_list")).context["filter"].form

    assert [label for _pk, label in form.fields["edition"].choices] == [
        "dowolna edycja", "Wiosna", "Edycja 2"]
    team = [label for _pk, label in form.fields["social_worker"].choices]
    assert team[0] == "dowolny pracownik"
    assert sorted(team[1:]) == sorted({str(coordinator), str(social_worker)})
    assert len(team) == 1 + len({coordinator.pk, social_worker.pk})
