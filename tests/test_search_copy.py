"""The participant search reads a copy of the person's search key on each participation
(participants 0019): the database's triggers keep it equal to ``Person.search_text`` whatever
writes the rows, so the search finds the people by what they are called now, and on PostgreSQL
the search across many projects is read from the copy's trigram index, the matches sorted, not
from a walk of the whole installation in name order."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from participants.models import Participation, ParticipationStatus, Person, search_key
from projects.models import Membership
from retention.services import project_anonymise

from .factories import ParticipationFactory, PersonFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

PARTICIPANTS = reverse("participants:participant_list")


def copies(person) -> set[str]:
    return set(Participation.objects.filter(person=person).values_list("search_text", flat=True))


def test_a_new_participation_carries_its_persons_search_key(project):
    person = PersonFactory(last_name="Źrebięcka", first_name="Łucja")
    ParticipationFactory(project=project, person=person)
    bulk = PersonFactory(last_name="Hurtowa", first_name="Anna")
    Participation.objects.bulk_create([Participation(
        person=bulk, project=ProjectFactory(), organisation=project.lead_beneficiary)])

    assert copies(person) == {search_key(f"Źrebięcka Łucja {person.pesel}")}
    assert copies(bulk) == {bulk.search_text} and "hurtowa anna" in bulk.search_text


def test_renaming_a_person_or_changing_the_pesel_changes_every_copy(project):
    person = PersonFactory(last_name="Nowak", first_name="Ewa")
    here = ParticipationFactory(project=project, person=person)
    ParticipationFactory(project=ProjectFactory(), person=person)

    person.last_name = "Wójcik"
    person.save()
    assert copies(person) == {search_key(f"Wójcik Ewa {person.pesel}")}

    person.pesel = "80051700028"
    person.save()
    assert copies(person) == {search_key("Wójcik Ewa 80051700028")}

    Person.objects.filter(pk=person.pk).update(search_text="zmieniona przez update")
    assert copies(person) == {"zmieniona przez update"}

    here.phone = "600 100 200"  # an instance read before the changes, saved after them
    here.search_text = "stary klucz"
    here.save()
    assert copies(person) == {"zmieniona przez update"}


def test_moving_a_participation_to_another_person_takes_their_key(project):
    participation = ParticipationFactory(project=project)
    other = PersonFactory(last_name="Inna", first_name="Osoba")

    Participation.objects.filter(pk=participation.pk).update(person=other)

    assert copies(other) == {other.search_text}
    assert list(Participation.objects.search("inna osoba")) == [participation]


def test_anonymising_a_person_leaves_no_copy_of_their_key(db):
    finished = ProjectFactory(start_date=date(2012, 1, 1), end_date=date(2012, 12, 31),
                              keep_until=date(2020, 12, 31))
    person = PersonFactory(organisation=finished.lead_beneficiary, last_name="Znikająca")
    ParticipationFactory(project=finished, person=person)
    pesel = person.pesel

    project_anonymise(project=finished)

    person.refresh_from_db()
    assert "znikajaca" not in person.search_text
    assert copies(person) == {person.search_text}
    assert not Participation.objects.search("znikająca").exists()
    assert not Participation.objects.filter(search_text__contains=pesel).exists()


def test_the_list_finds_a_renamed_person_by_the_new_name_only(client, social_worker, project):
    participation = ParticipationFactory(project=project, social_worker=social_worker,
                                         person=PersonFactory(last_name="Adamska"))
    participation.person.last_name = "Zawadzka"
    participation.person.save()
    client.force_login(social_worker)

    def found(text):
        return list(client.post(PARTICIPANTS, {"q": text}, follow=True).context["page_obj"])

    assert found("zawadzka") == [participation]
    assert found("adamska") == []


@pytest.mark.parametrize("text", ["wojcik", "Wó"])
def test_a_search_lists_its_matches_in_name_order_on_every_page(client, project, text):
    """Searched, the list sorts the rows found (by the same names: the order of the list); a
    text shorter than a trigram is read in the list's own order, with the same result."""
    coordinator = UserFactory()
    other = ProjectFactory(lead_beneficiary=project.lead_beneficiary)
    for seen in (project, other):
        Membership.objects.create(project=seen, user=coordinator, role=Role.COORDINATOR)
    made = [
        ParticipationFactory(project=[project, other][number % 2], person=PersonFactory(
            last_name=f"Wójcik-{(number * 37) % 120:03d}", first_name="Anna",
            organisation=project.lead_beneficiary))
        for number in range(120)
    ] + [ParticipationFactory(project=project, person=PersonFactory(last_name="Nowak"))]
    client.force_login(coordinator)
    url = client.post(PARTICIPANTS, {"q": text})["Location"]

    pages, response = [], client.get(url)
    while True:
        pages.append(response.context["page_obj"])
        if not pages[-1].has_next:
            break
        response = client.get(PARTICIPANTS + pages[-1].next_url)
    listed = [row for page in pages for row in page]

    assert [len(page) for page in pages] == [50, 50, 20]
    assert listed == sorted(made[:-1], key=lambda p: (p.person.last_name, p.pk))
    back = client.get(PARTICIPANTS + pages[-1].previous_url).context["page_obj"]
    assert list(back) == list(pages[-2])


# --- PostgreSQL: the search across many projects reads the copy's index ---------------------


def _bulk_people(project, count, *, every=20):
    """``count`` people of ``project``, one in ``every`` a "Wójcik" (sorted near the end)."""
    persons = Person.objects.bulk_create(
        Person(first_name="Anna", last_name=(f"Wójcik-{number:04d}" if number % every == 0
                                             else f"Adamska-{number:04d}"),
               sex="K", birth_date=date(1980, 1, 1),
               other_identifier=f"T-{project.pk}-{number}",
               search_text=search_key(f"{'Wójcik' if number % every == 0 else 'Adamska'}"
                                      f"-{number:04d} Anna"),
               organisation=project.lead_beneficiary)
        for number in range(count)
    )
    Participation.objects.bulk_create(
        Participation(person=person, project=project, organisation=project.lead_beneficiary,
                      status=ParticipationStatus.PARTICIPANT, start_date=project.start_date)
        for person in persons
    )


def _analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE participants_participation")
        cursor.execute("ANALYZE participants_person")
        # A GIN index keeps new rows in a pending list until (auto)vacuum moves them into the
        # index proper, as it has long done in a running installation.
        cursor.execute("SELECT gin_clean_pending_list('participation_search_trgm')")


def test_the_search_across_many_projects_reads_the_copys_index_on_postgresql(client, project):
    """A coordinator of eight projects (named by id, most of the installation) searches a name that
    one person in twenty has, all sorting near the end: the plan reads the copy's trigram index and
    sorts the matches, and neither walks the installation in name order (participants 0018's
    ``participation_name_order``) nor a project's people in name order; the people are joined
    only for the page's rows (the matches of the participations alone are sorted first)."""
    if connection.vendor != "postgresql":
        pytest.skip("the plans are PostgreSQL's; SQLite has no such planner to ask")
    coordinator = UserFactory()
    seen = [project, *(ProjectFactory(lead_beneficiary=project.lead_beneficiary)
                       for _number in range(7))]
    for each in seen:
        Membership.objects.create(project=each, user=coordinator, role=Role.COORDINATOR)
        _bulk_people(each, 1000)
    for _number in range(2):  # the rest of the installation, beside the user's projects
        _bulk_people(ProjectFactory(), 1000)
    _analyze()
    try:
        client.force_login(coordinator)
        url = client.post(PARTICIPANTS, {"q": "wojcik"})["Location"]
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).context["page_obj"]
        sql = next(q["sql"] for q in captured if "LIMIT 51" in q["sql"]
                   and 'FROM "participants_participation"' in q["sql"])
        with connection.cursor() as cursor:
            # Sequential scans discouraged (the tables are small): an index must find the rows.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET LOCAL enable_seqscan = on")

        assert len(page) == 50 and page.found.count == 8 * 50
        assert "participation_search_trgm" in plan, plan
        assert "participation_name_order" not in plan, plan
        assert "participation_project_name" not in plan, plan
        # The people, read by their key for the page's rows, not every person hashed or scanned.
        person_reads = [line for line in plan.splitlines() if "on participants_person" in line]
        assert person_reads and all("participants_person_pkey" in line
                                    for line in person_reads), plan
    finally:
        # A table's row count (pg_class) outlives the test's rollback: counted again once
        # emptied, the tables do not make the next tests' plans those of 10,000 people.
        Participation.objects.all()._raw_delete(connection.alias)
        Person.objects.all()._raw_delete(connection.alias)
        _analyze()
