"""The long lists page by keyset (issue 13, point 1): every row once, in order, through the
"next" and "previous" links; the filters kept; counts capped; the same queries on the first
page and a deep one, with few rows and with many; on PostgreSQL an index serves the order."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aktywizacja.pagination import COUNT_CAP, capped_count, keyset_page
from documents.models import DocumentKind, IssuedDocument
from instruments.models import Session
from participants.models import Participation, ParticipationStatus, Person, search_key

from .factories import (
    ContractFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportFormFactory,
)

pytestmark = pytest.mark.django_db

PARTICIPANTS = reverse("participants:participant_list")
# Queries a list page may make of the listed rows: one, the page, with inside it the key of the
# row it starts after and the capped count (issue 13: at most 5, whatever the depth and size).
LIST_TABLE_QUERIES = 1
# The whole page, with the session, the user, the permissions and the filters' choices.
PAGE_QUERIES = 5


def people(project, count, *, social_worker=None, start=None, prefix="Osoba"):
    """Many participations at once (bulk, no history): last names in order of ``number``."""
    persons = Person.objects.bulk_create(
        Person(first_name="Anna", last_name=f"{prefix}{number:04d}", sex="K",
               birth_date=date(1980, 1, 1), other_identifier=f"T-{prefix}-{number}",
               search_text=search_key(f"{prefix}{number:04d} Anna"),
               organisation=project.lead_beneficiary)
        for number in range(count)
    )
    return Participation.objects.bulk_create(
        Participation(person=person, project=project, organisation=project.lead_beneficiary,
                      social_worker=social_worker, status=ParticipationStatus.PARTICIPANT,
                      start_date=start(index) if start else project.start_date)
        for index, person in enumerate(persons)
    )


def walk(client, url, *, backwards=False, **query):
    """Every page of a list, following its links from the first (or the last) page."""
    response = client.get(url, {"koniec": "1", **query} if backwards else query)
    pages = []
    while True:
        assert response.status_code == 200
        page = response.context["page_obj"]
        pages.append(page)
        link = page.previous_url if backwards and page.has_previous else (
            page.next_url if not backwards and page.has_next else None)
        if link is None:
            return pages[::-1] if backwards else pages
        response = client.get(url + link)


def rows(pages) -> list:
    return [row for page in pages for row in page]


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


def test_the_participant_list_walks_every_row_once_forwards_and_backwards(sw_client, project):
    made = people(project, 120)

    forwards = walk(sw_client, PARTICIPANTS)
    backwards = walk(sw_client, PARTICIPANTS, backwards=True)

    assert [len(page) for page in forwards] == [50, 50, 20]
    assert [p.pk for p in rows(forwards)] == [p.pk for p in made]
    # "Last page" is the last fifty; "previous" from it walks back to the first row.
    assert [p.pk for p in rows(backwards)] == [p.pk for p in made]
    assert not backwards[0].has_previous and not backwards[-1].has_next


def test_a_nullable_sort_key_keeps_every_row_once(sw_client, project):
    """Sorted by start, people not started yet (no date) come last, and after the last row
    with a date the next page goes on with them."""
    made = people(project, 70, start=lambda i: None if i % 3 == 0 else date(2025, 1, 1 + i % 20))

    for order in ("start", "-start"):
        listed = rows(walk(sw_client, PARTICIPANTS, order=order))
        assert sorted(p.pk for p in listed) == sorted(p.pk for p in made), order
        dates = [p.start_date for p in listed]
        known = [d for d in dates if d is not None]
        assert known == sorted(known, reverse=order.startswith("-")), order
        if order == "start":
            unstarted = len([p for p in made if p.start_date is None])
            assert dates[-unstarted:] == [None] * unstarted and dates[-unstarted - 1]


def test_the_links_keep_the_filters(sw_client, project):
    people(project, 60)
    qualified = people(project, 5, prefix="Inna")
    Participation.objects.filter(pk__in=[p.pk for p in qualified]).update(
        status=ParticipationStatus.QUALIFIED)

    pages = walk(sw_client, PARTICIPANTS, status=ParticipationStatus.PARTICIPANT)

    assert all("status=participant" in page.next_url for page in pages if page.has_next)
    assert {p.status for p in rows(pages)} == {ParticipationStatus.PARTICIPANT}
    assert len(rows(pages)) == 60


def test_a_page_after_a_row_no_longer_listed_starts_again_at_the_first(sw_client, project):
    made = people(project, 60)
    first = sw_client.get(PARTICIPANTS).context["page_obj"]
    Participation.objects.filter(pk=made[49].pk).update(status=ParticipationStatus.RESIGNED)

    again = sw_client.get(PARTICIPANTS + first.next_url + "&status=participant")

    assert list(again.context["page_obj"])[0].pk == made[0].pk


def test_the_page_links_carry_no_name(sw_client, project):
    people(project, 60)

    html = sw_client.get(PARTICIPANTS).content.decode()

    assert 'aria-label="Strony"' in html and 'aria-current="page"' in html
    assert "Następna" in html and "Ostatnia strona" in html
    assert "Osoba0049" not in html.split('aria-label="Strony"')[1]  # only the pk travels


def test_the_count_stops_at_a_thousand_in_polish(sw_client, project):
    people(project, COUNT_CAP + 2)

    html = sw_client.get(PARTICIPANTS).content.decode()

    assert "Znaleziono ponad 1000 osób." in html
    assert "Zmień status wszystkich znalezionych osób" not in html  # no project chosen
    chosen = sw_client.get(PARTICIPANTS, {"project": project.pk, "status": "participant"})
    assert reverse("participants:bulk_status", args=[project.pk]) in chosen.content.decode()


def test_capped_count_reads_no_more_than_the_cap(project):
    people(project, 12)
    queryset = Participation.objects.all()

    with CaptureQueriesContext(connection) as captured:
        capped = capped_count(queryset, cap=10)

    assert (capped.count, capped.more, len(captured)) == (10, True, 1)
    assert "LIMIT 11" in captured[0]["sql"]
    assert (capped_count(queryset, cap=20).count, capped_count(queryset, cap=20).more) == (
        12, False)


def _list_queries(client, url) -> tuple[int, int]:
    client.get(url)  # warms caches (content types, the session)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    table = response.context["page_obj"].object_list[0]._meta.db_table
    on_table = [q for q in captured if f'FROM "{table}"' in q["sql"]]
    return len(captured), len(on_table)


@pytest.mark.parametrize("few,many", [(3, 160)])
def test_the_participant_list_costs_the_same_queries_on_any_page_and_size(
    sw_client, project, social_worker, few, many
):
    people(project, few, social_worker=social_worker)
    small = _list_queries(sw_client, PARTICIPANTS)
    people(project, many, social_worker=social_worker, prefix="Wiele")
    first = sw_client.get(PARTICIPANTS).context["page_obj"]
    second = sw_client.get(PARTICIPANTS + first.next_url).context["page_obj"]

    large = _list_queries(sw_client, PARTICIPANTS)
    deep = _list_queries(sw_client, PARTICIPANTS + second.next_url)
    last = _list_queries(sw_client, PARTICIPANTS + "?koniec=1")

    assert small == large == deep == last
    assert large[1] == LIST_TABLE_QUERIES and large[0] <= PAGE_QUERIES


def test_sessions_page_and_cost_the_same_queries(client, coordinator, project):
    support_form = SupportFormFactory(project=project)
    url = reverse("instruments:session_list", args=[support_form.pk])
    client.force_login(coordinator)

    def add(count, offset):
        Session.objects.bulk_create(
            Session(support_form=support_form, kind="group",
                    date=project.start_date + timedelta(days=offset + n // 2),
                    start_time=time(9 + n % 2 * 3), end_time=time(10 + n % 2 * 3),
                    hours_unit="clock", place="Sala", staff_name="Jolanta")
            for n in range(count)
        )

    add(3, 0)
    small = _list_queries(client, url)
    add(117, 10)
    pages = walk(client, url)
    deep = _list_queries(client, url + pages[1].next_url)

    assert [len(page) for page in pages] == [50, 50, 20]
    listed = rows(pages)
    assert listed == sorted(listed, key=lambda s: (s.date, s.start_time, s.pk))
    assert _list_queries(client, url) == small == deep
    assert deep[1] <= LIST_TABLE_QUERIES and deep[0] <= PAGE_QUERIES


def test_contracts_due_page_in_order(client, coordinator, project, social_worker):
    today = timezone.localdate()
    for number in range(55):
        participation = ParticipationFactory(project=project, social_worker=social_worker)
        contract = ContractFactory(participation=participation)
        contract.valid_to = today + timedelta(days=number % 10)
        contract.save(update_fields=["valid_to"])
    client.force_login(coordinator)
    url = reverse("contracts:contract_due")

    pages = walk(client, url)
    small = _list_queries(client, url)
    deep = _list_queries(client, url + pages[0].next_url)

    listed = rows(pages)
    assert [len(page) for page in pages] == [50, 5]
    assert [c.due_on for c in listed] == sorted(c.due_on for c in listed)
    assert pages[0].has_next and deep == small and deep[0] <= PAGE_QUERIES
    html = client.get(url).content.decode()
    assert "55 kontraktów." in html


def test_the_document_register_pages_latest_first(client, coordinator, project):
    issued = timezone.make_aware(datetime(2025, 6, 1, 12))
    IssuedDocument.objects.bulk_create(
        IssuedDocument(kind=DocumentKind.PARTICIPATION_CERTIFICATE, project=project, year=2025,
                       sequence=n + 1, number=f"Z/{n + 1}/2025", issued_by=coordinator,
                       issued_at=issued + timedelta(hours=n // 2), verification_code=f"K{n:07d}",
                       project_title=project.title, pdf=b"", sha256="0" * 64)
        for n in range(75)
    )
    client.force_login(coordinator)
    url = reverse("documents:document_list", args=[project.pk])

    pages = walk(client, url)
    backwards = walk(client, url, backwards=True)
    first, deep = _list_queries(client, url), _list_queries(client, url + pages[0].next_url)

    listed = rows(pages)
    assert first == deep and deep[1] <= LIST_TABLE_QUERIES and deep[0] <= PAGE_QUERIES
    assert [len(page) for page in pages] == [50, 25]
    assert [(d.issued_at, d.pk) for d in listed] == sorted(
        ((d.issued_at, d.pk) for d in listed), reverse=True)
    assert [d.pk for d in rows(backwards)] == [d.pk for d in listed]


def test_the_keyset_condition_reads_after_the_row(project):
    made = people(project, 5)
    queryset = Participation.objects.all()
    page = keyset_page(queryset, ["person__last_name", "pk"], {"po": str(made[1].pk)}, size=2)

    assert [p.pk for p in page] == [made[2].pk, made[3].pk]
    assert page.has_previous and page.has_next
    before = keyset_page(queryset, ["person__last_name", "pk"], {"przed": str(made[2].pk)},
                         size=5)
    assert [p.pk for p in before] == [made[0].pk, made[1].pk] and not before.has_previous


# --- PostgreSQL: an index serves the order ---------------------------------------------------


def _page_query(client, url, table) -> str:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return next(q["sql"] for q in captured
                if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
                and "LIMIT 51" in q["sql"] and not q["sql"].startswith("SELECT COUNT("))


def _sorts_by(plan: str, column: str) -> list[str]:
    """Sort nodes ordering the rows by the list's first key (an Incremental Sort only orders
    the few rows of one name that an index already gave in order; it is not one of them)."""
    lines = plan.splitlines()
    return [line for line, below in zip(lines, lines[1:] + [""], strict=True)
            if re.search(r"(^|->\s+)Sort\s+\(", line) and column in below]


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the plans are PostgreSQL's; SQLite has no such planner to ask")


def _explain_sql(sql) -> str:
    with connection.cursor() as cursor:
        # The tables of a test are tiny: a sequential scan and a sort would be cheapest for
        # them. Discouraging sequential scans and sorts makes the plan the one a large table
        # gets, so the test shows whether an index can serve ORDER BY ... LIMIT at all (a
        # Sort is still planned when none can).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("query", ["", "?status=participant", "?koniec=1"])
def test_an_index_serves_the_participant_lists_order_on_postgresql(
    postgresql_only, sw_client, project, query
):
    people(project, 200)
    first = sw_client.get(PARTICIPANTS + query).context["page_obj"]
    deep = PARTICIPANTS + (first.next_url if first.has_next else first.previous_url)

    for url in (PARTICIPANTS + query, deep):
        plan = _explain_sql(_page_query(sw_client, url, "participants_participation"))
        # Either index of names serves the order; which one the planner takes depends on the
        # table's statistics, which earlier tests leave behind (the planner's own choice, with
        # fresh statistics, is the next test's).
        assert "participation_project_name" in plan or "participation_name_order" in plan, plan
        assert not _sorts_by(plan, "sort_last_name"), plan


def test_the_planner_itself_reads_a_projects_people_in_order_on_postgresql(
    postgresql_only, sw_client, project
):
    """Left to itself, with the statistics of real tables (no plan forced), PostgreSQL reads
    51 people of a project of 3,000 from the index in order, on the first page and a deep one,
    beside another project as large, instead of reading and sorting all of them."""
    people(project, 3000)
    other = ProjectFactory(lead_beneficiary=project.lead_beneficiary)
    people(other, 3000, prefix="Inny")
    _analyze()
    try:
        first = sw_client.get(PARTICIPANTS).context["page_obj"]
        for url in (PARTICIPANTS, PARTICIPANTS + first.next_url):
            sql = _page_query(sw_client, url, "participants_participation")
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "participation_project_name" in plan, plan
            assert not _sorts_by(plan, "sort_last_name"), plan
    finally:
        # A table's row count (pg_class) outlives the test's rollback: counted again once
        # emptied, the tables do not make the next tests' plans those of 6,000 people.
        Participation.objects.all()._raw_delete(connection.alias)
        Person.objects.all()._raw_delete(connection.alias)
        _analyze()


def _analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE participants_participation")
        cursor.execute("ANALYZE participants_person")


def test_an_index_serves_the_other_lists_order_on_postgresql(
    postgresql_only, client, coordinator, project
):
    support_form = SupportFormFactory(project=project)
    client.force_login(coordinator)
    checks = [
        (reverse("instruments:session_list", args=[support_form.pk]), "instruments_session",
         "session_list_order", "instruments_session.date"),
        (reverse("documents:document_list", args=[project.pk]), "documents_issueddocument",
         "document_register_order", "issued_at"),
        (reverse("contracts:contract_due"), "contracts_socialcontract",
         "contract_project_due_order", "LEAST("),
    ]
    for url, table, index, column in checks:
        plan = _explain_sql(_page_query(client, url, table))
        assert index in plan, plan
        assert not _sorts_by(plan, column), plan


def test_a_search_costs_the_same_queries_on_any_page(sw_client, project):
    people(project, 3, prefix="Wójcik")
    found = sw_client.post(PARTICIPANTS, {"q": "wojcik"})
    url = found["Location"]
    few = _list_queries(sw_client, url)
    people(project, 120, prefix="Wójcikowa")
    people(project, 50, prefix="Nowak")

    pages = walk(sw_client, PARTICIPANTS, wyszukiwanie=url.split("wyszukiwanie=")[1])

    assert [len(page) for page in pages] == [50, 50, 23]
    assert "wojcik" not in pages[0].next_url
    many = _list_queries(sw_client, url)
    deep = _list_queries(sw_client, PARTICIPANTS + pages[1].next_url)
    assert few == many == deep and deep[1] <= LIST_TABLE_QUERIES


def test_the_lists_search_reads_the_trigram_index_on_postgresql(
    postgresql_only, sw_client, project
):
    people(project, 2000)
    # One person of 2,000: a search that finds few (a planner that knows the project's size
    # rightly reads a small project's people itself, or when a search finds half of them).
    url = sw_client.post(PARTICIPANTS, {"q": "osoba1234"})["Location"]
    sql = _page_query(sw_client, url, "participants_participation")
    try:
        with connection.cursor() as cursor:
            # As in the test of the index itself (participants 0015): with sequential and
            # plain index scans discouraged, only the trigram index can find '%osoba1234%';
            # the tables' statistics, fresh, tell the planner there are many people and few
            # found. The list searches the participation's copy of the key (participants
            # 0019), whose new rows a GIN index keeps in a pending list until (auto)vacuum.
            _analyze()
            cursor.execute("SELECT gin_clean_pending_list('participation_search_trgm')")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET LOCAL enable_seqscan = on")
            cursor.execute("SET LOCAL enable_indexscan = on")
    finally:
        Participation.objects.all()._raw_delete(connection.alias)
        Person.objects.all()._raw_delete(connection.alias)
        _analyze()

    assert "participation_search_trgm" in plan, plan
