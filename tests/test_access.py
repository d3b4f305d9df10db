"""Who reaches which page: every URL × every persona × method (pretix test_permissions style).

Anonymous visitors are sent to the sign-in page; a member of another organisation or project gets
404 for objects they cannot see (never a 403 that reveals the record exists); what a role can see
but not change answers 403.
"""

from urllib.parse import quote

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_objects import TABLES, all_objects, post_data, state
from .access_rows import (
    LOGIN,
    OUR_CHANGE,
    OUR_PAGE,
    ROLES,
    THEIR_CHANGE,
    THEIR_PAGE,
    Row,
    expect,
)
from .conftest import make_office, make_other_project, make_personas, make_project
from .factories import ParticipationFactory

CHECKED_NAMESPACES = {
    "accounts", "projects", "participants", "contracts", "instruments", "trainings",
    "employment", "events", "results", "monitoring", "documents",
    "reporting", "home", "card", "dossier", "consents", "privacy", "retention",
}

ROWS = [
    # Start page and text size
    Row("home:start", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    Row("home:todo", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    Row("accounts:text_size", "GET", None, expect(405, 405, 405, 405, 405)),
    # The text size is a cookie that works before sign-in too: no data behind it.
    Row("accounts:text_size", "POST", None, expect(302, 302, 302, 302, 302), "text_size"),
    # Django's own password change: signed-in people only.
    Row("password_change", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    Row("password_change", "POST", None, expect(LOGIN, 200, 200, 200, 200)),
    # Projects
    Row("projects:project_list", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    Row("projects:project_create", "GET", None, expect(LOGIN, 403, 200, 403, 403)),
    Row("projects:project_create", "POST", None, expect(LOGIN, 403, 302, 403, 403), "new_project"),
    Row("projects:project_detail", "GET", "project", expect(LOGIN, 200, 200, 200, 404)),
    Row("projects:project_update", "GET", "project", expect(LOGIN, 403, 200, 403, 404)),
    Row("projects:project_update", "POST", "project", expect(LOGIN, 403, 302, 403, 404), "project"),
    # ... and the outsider's project, which our team cannot see
    Row("projects:project_detail", "GET", "their_project", expect(LOGIN, 404, 404, 404, 200)),
    Row("projects:project_update", "GET", "their_project", expect(LOGIN, 404, 404, 404, 403)),
    Row(
        "projects:project_update",
        "POST",
        "their_project",
        expect(LOGIN, 404, 404, 404, 403),
        "project",
    ),
    # Organisations
    Row("projects:organisation_list", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    Row("projects:organisation_create", "GET", None, expect(LOGIN, 403, 200, 403, 403)),
    Row(
        "projects:organisation_create",
        "POST",
        None,
        expect(LOGIN, 403, 302, 403, 403),
        "new_organisation",
    ),
    # our office (lead beneficiary), a partner of our project, a provider our office recorded
    *[
        row
        for target in ["office", "partner", "provider"]
        for row in [
            Row("projects:organisation_detail", "GET", target, expect(LOGIN, 200, 200, 200, 404)),
            Row("projects:organisation_update", "GET", target, expect(LOGIN, 403, 200, 403, 404)),
            Row(
                "projects:organisation_update",
                "POST",
                target,
                expect(LOGIN, 403, 302, 403, 404),
                "organisation",
            ),
        ]
    ],
    # the outsider's office and the provider it recorded
    *[
        row
        for target in ["their_office", "their_provider"]
        for row in [
            Row("projects:organisation_detail", "GET", target, expect(LOGIN, 404, 404, 404, 200)),
            Row("projects:organisation_update", "GET", target, expect(LOGIN, 404, 404, 404, 403)),
            Row(
                "projects:organisation_update",
                "POST",
                target,
                expect(LOGIN, 404, 404, 404, 403),
                "organisation",
            ),
        ]
    ],
    # an organisation nobody here has anything to do with
    Row("projects:organisation_detail", "GET", "stranger", expect(LOGIN, 404, 404, 404, 404)),
    Row("projects:organisation_update", "GET", "stranger", expect(LOGIN, 404, 404, 404, 404)),
    Row(
        "projects:organisation_update",
        "POST",
        "stranger",
        expect(LOGIN, 404, 404, 404, 404),
        "organisation",
    ),
    # the shared registry the administrator keeps: every office sees it, only the administrator
    # changes it
    Row("projects:organisation_detail", "GET", "registered", expect(LOGIN, 200, 200, 200, 200)),
    Row("projects:organisation_update", "GET", "registered", expect(LOGIN, 403, 403, 403, 403)),
    Row(
        "projects:organisation_update",
        "POST",
        "registered",
        expect(LOGIN, 403, 403, 403, 403),
        "organisation",
    ),
    # Participants: personal data for the people who work with them. The director sees totals,
    # not people (the kierownik group lacks participants.view_person), so every page is 403.
    # The outsider's list answers 200 but shows only their own project (tested below).
    Row("participants:participant_list", "GET", None, expect(LOGIN, 200, 200, 403, 200)),
    Row("participants:my_participants", "GET", None, expect(LOGIN, 200, 200, 403, 200)),
    Row("participants:participant_create", "GET", "project", OUR_PAGE),
    Row("participants:participant_create", "POST", "project", OUR_CHANGE, "new_candidate"),
    # our participation, then the outsider's: a page, and a valid change sent to it
    *[
        row
        for target, page, change in [
            ("participation", OUR_PAGE, OUR_CHANGE),
            ("their_participation", THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("card:participation_detail", "GET", target, page),
            Row("card:participation_tab", "GET", target, page, extra=("recruitment",)),
            Row("card:participation_tab", "GET", target, page, extra=("history",)),
            Row("card:participation_tab", "GET", target, page, extra=("path",)),
            Row("card:path_create", "GET", target, page),
            Row("card:path_create", "POST", target, change, "path"),
            Row("participants:participation_update", "GET", target, page),
            Row("participants:person_update", "GET", target, page),
            Row("participants:participation_update", "POST", target, change, "participation"),
            Row("participants:person_update", "POST", target, change, "person"),
            Row("participants:status_change", "POST", target, change, "status"),
            # A state change answers only POST, before anything else is looked at.
            Row("participants:status_change", "GET", target, expect(405, 405, 405, 405, 405)),
        ]
    ],
    # Withdrawing a referral: the team's change on the card, never found by others.
    *[
        row
        for target, page, change in [
            ("referral", OUR_PAGE, OUR_CHANGE),
            ("their_referral", THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("instruments:referral_withdraw", "GET", target, page),
            Row("instruments:referral_withdraw", "POST", target, change, "withdrawal"),
        ]
    ],
    # Changing many statuses at once: the team's change (an empty choice answers 400 once the
    # form is reached), never on another organisation's project.
    *[
        row
        for target, page, posted in [
            ("project", OUR_PAGE, expect(LOGIN, 400, 400, 403, 404)),
            ("their_project", THEIR_PAGE, expect(LOGIN, 404, 404, 404, 400)),
        ]
        for row in [
            Row("participants:bulk_status", "GET", target, page),
            Row("participants:bulk_status", "POST", target, posted),
        ]
    ],
    # Timetables: planned by the coordinator, as single sessions are.
    Row("instruments:session_series_create", "GET", "support_form",
        expect(LOGIN, 403, 200, 403, 404)),
    Row("instruments:session_series_create", "POST", "support_form",
        expect(LOGIN, 403, 400, 403, 404)),
    Row("instruments:session_series_create", "GET", "their_support_form",
        expect(LOGIN, 404, 404, 404, 403)),
    # The consultation log makes sessions: the coordinator's, as single sessions are.
    Row("instruments:consultation_log", "GET", "support_form",
        expect(LOGIN, 403, 200, 403, 404)),
    Row("instruments:consultation_log", "POST", "support_form",
        expect(LOGIN, 403, 400, 403, 404)),
    Row("instruments:consultation_log", "GET", "their_support_form",
        expect(LOGIN, 404, 404, 404, 403)),
    Row("instruments:session_series_remove_future", "POST", "session_series",
        expect(LOGIN, 403, 302, 403, 404)),
    Row("instruments:session_series_remove_future", "POST", "their_session_series",
        expect(LOGIN, 404, 404, 404, 403)),
    Row("instruments:session_series_remove_future", "GET", "session_series",
        expect(405, 405, 405, 405, 405)),
    Row("instruments:session_series_change", "GET", "session_series",
        expect(LOGIN, 403, 200, 403, 404)),
    Row("instruments:session_series_change", "POST", "session_series",
        expect(LOGIN, 403, 400, 403, 404)),
    Row("instruments:session_series_change", "GET", "their_session_series",
        expect(LOGIN, 404, 404, 404, 403)),
    # Referring many at once: the team's action on a support form (an empty choice answers 400
    # once the form is reached), never found by others.
    *[
        row
        for target, page, posted in [
            ("support_form", OUR_PAGE, expect(LOGIN, 400, 400, 403, 404)),
            ("their_support_form", THEIR_PAGE, expect(LOGIN, 404, 404, 404, 400)),
        ]
        for row in [
            Row("instruments:referral_bulk", "GET", target, page),
            Row("instruments:referral_bulk", "POST", target, posted, "bulk_referral"),
        ]
    ],
    # Recruitment totals: no personal data, so the director sees them too.
    Row("participants:recruitment_summary", "GET", "project", expect(LOGIN, 200, 200, 200, 404)),
    Row(
        "participants:recruitment_summary",
        "GET",
        "their_project",
        expect(LOGIN, 404, 404, 404, 200),
    ),
    # Support forms: the coordinator plans them; the team and the director read them.
    Row("instruments:support_form_list", "GET", "project", expect(LOGIN, 200, 200, 200, 404)),
    Row("instruments:support_form_list", "GET", "their_project", expect(LOGIN, 404, 404, 404, 200)),
    Row("instruments:support_form_create", "GET", "project", expect(LOGIN, 403, 200, 403, 404)),
    Row(
        "instruments:support_form_create",
        "POST",
        "project",
        expect(LOGIN, 403, 302, 403, 404),
        "new_support_form",
    ),
    Row(
        "instruments:support_form_update", "GET", "support_form", expect(LOGIN, 403, 200, 403, 404)
    ),
    Row(
        "instruments:support_form_update",
        "POST",
        "support_form",
        expect(LOGIN, 403, 302, 403, 404),
        "support_form",
    ),
    # Sessions: the director sees that they took place; who came is for the team only.
    *[
        row
        for theirs, page, change, listed, planned in [
            (
                "",
                OUR_PAGE,
                OUR_CHANGE,
                expect(LOGIN, 200, 200, 200, 404),
                expect(LOGIN, 403, 200, 403, 404),
            ),
            ("their_", THEIR_PAGE, THEIR_CHANGE, THEIR_PAGE, expect(LOGIN, 404, 404, 404, 403)),
        ]
        for row in [
            Row("instruments:session_list", "GET", f"{theirs}support_form", listed),
            Row("instruments:session_series_list", "GET", f"{theirs}support_form", listed),
            Row("instruments:session_create", "GET", f"{theirs}support_form", planned),
            Row(
                "instruments:session_create",
                "POST",
                f"{theirs}support_form",
                {role: 302 if outcome == 200 else outcome for role, outcome in planned.items()},
                "new_session",
            ),
            Row("instruments:attendance_grid", "GET", f"{theirs}support_form", page),
            Row(
                "instruments:attendance_save",
                "POST",
                f"{theirs}support_form",
                change,
                f"{theirs}attendance",
            ),
            Row(
                "instruments:attendance_save",
                "GET",
                f"{theirs}support_form",
                expect(405, 405, 405, 405, 405),
            ),
            Row(
                "instruments:attendance_all_present",
                "POST",
                f"{theirs}support_form",
                change,
                f"{theirs}all_present",
            ),
            Row(
                "instruments:attendance_all_present",
                "GET",
                f"{theirs}support_form",
                expect(405, 405, 405, 405, 405),
            ),
            Row("instruments:attendance_sheet_pdf", "GET", f"{theirs}session", page),
        ]
    ],
    # Social contracts: the team's work with a participant, as the card; the director has none.
    # The due list answers the outsider too, with their own project's contracts only.
    Row("contracts:contract_due", "GET", None, expect(LOGIN, 200, 200, 403, 200)),
    # a participation without a contract yet, ours and the outsider's
    *[
        row
        for target, page, change in [
            ("uncontracted", OUR_PAGE, OUR_CHANGE),
            ("their_uncontracted", THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("contracts:participation_contract", "GET", target, page),
            Row("contracts:contract_create", "GET", target, page),
            Row("contracts:contract_create", "POST", target, change, "new_contract"),
        ]
    ],
    # a contract in force, ours and the outsider's: its pages, and a valid change sent to it
    *[
        row
        for theirs, page, change in [
            ("", OUR_PAGE, OUR_CHANGE),
            ("their_", THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("contracts:participation_contract", "GET", f"{theirs}participation", page),
            Row("contracts:contract_detail", "GET", f"{theirs}contract", page),
            Row("contracts:contract_update", "GET", f"{theirs}contract", page),
            Row("contracts:contract_update", "POST", f"{theirs}contract", change, "contract"),
            Row("contracts:contract_pdf", "GET", f"{theirs}contract", page),
            Row("contracts:amendment_pdf", "GET", f"{theirs}amendment", page),
            Row("contracts:action_add", "POST", f"{theirs}contract", change, "contract_action"),
            Row("contracts:monitoring_add", "POST", f"{theirs}contract", change, "monitoring"),
            Row("contracts:amendment_add", "POST", f"{theirs}contract", change, "amendment"),
            Row("contracts:contract_close", "POST", f"{theirs}contract", change, "close"),
            Row("contracts:action_done", "POST", f"{theirs}action", change, "action_done"),
            *[
                Row(name, "GET", target, expect(405, 405, 405, 405, 405))
                for name, target in [
                    ("contracts:action_add", f"{theirs}contract"),
                    ("contracts:monitoring_add", f"{theirs}contract"),
                    ("contracts:amendment_add", f"{theirs}contract"),
                    ("contracts:contract_close", f"{theirs}contract"),
                    ("contracts:action_done", f"{theirs}action"),
                ]
            ],
        ]
    ],
]

ROWS += [row for table in TABLES for row in table.ROWS]

CASES = [
    pytest.param(
        row,
        role,
        row.expected[role],
        id=f"{row.method}-{row.name}-{'-'.join([str(row.target), *row.extra])}-{role}",
    )
    for row in ROWS
    for role in ROLES
]
REFUSED_POSTS = [
    pytest.param(row, role, row.expected[role], id=f"{row.name}-{row.target}-{role}")
    for row in ROWS
    for role in ROLES
    if row.method == "POST" and row.expected[role] in (LOGIN, 403, 404)
]



# --- The objects the table points at --------------------------------------------------------


@pytest.fixture(scope="module")
def table_graph(django_db_setup, django_db_blocker):
    """The personas and objects of the table, built once for the module (some two thousand
    cases) inside a transaction that stays open: each case runs in its own savepoint within it
    (pytest-django's ``db``), rolled back when the case ends, and the whole is rolled back after
    the last case."""
    with django_db_blocker.unblock():
        built = transaction.atomic()
        built.__enter__()
        office, other_project = make_office(), make_other_project()
        project = make_project(office)
        personas = make_personas(project, office, other_project)
        social_worker = personas["social_worker"]
        participation = ParticipationFactory(project=project, social_worker=social_worker)
        objects = all_objects(
            project, office, other_project, personas["outsider"], social_worker, participation
        )
    yield personas, objects
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        built.__exit__(None, None, None)


def request_as(client, personas, objects, row: Row, role: str):
    user = personas[role]
    if user is not None:
        client.force_login(user)
    obj = objects.get(row.target)
    url = reverse(row.name, args=[obj.pk, *row.extra] if obj is not None else [])
    if row.method == "POST":
        return url, client.post(url, post_data(row.data, obj, objects))
    return url, client.get(url)


def assert_outcome(response, url: str, expected) -> None:
    login = reverse("login")
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{login}?next={quote(url, safe='/')}"
        return
    assert response.status_code == expected
    if expected == 302:
        assert not response["Location"].startswith(login)


# --- The table ------------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "role", "expected"), CASES)
def test_access(db, client, table_graph, row, role, expected):
    personas, objects = table_graph
    url, response = request_as(client, personas, objects, row, role)

    assert_outcome(response, url, expected)


@pytest.mark.parametrize(("row", "role", "expected"), REFUSED_POSTS)
def test_a_refused_post_changes_nothing(db, client, table_graph, row, role, expected):
    personas, objects = table_graph
    before = state()

    request_as(client, personas, objects, row, role)

    assert state() == before


def _names(patterns, namespace: str) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace:
            names.add(f"{namespace}:{pattern.name}")
    return names


def _views(patterns, namespace: str) -> dict:
    views = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            views |= _views(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace:
            views[f"{namespace}:{pattern.name}"] = pattern.callback
    return views


def resolved_url_names() -> set[str]:
    """Every named URL of the checked apps, as the project's URLconf resolves them."""
    names = _names(get_resolver().url_patterns, "")
    return {name for name in names if name.split(":")[0] in CHECKED_NAMESPACES}


def test_every_url_of_the_checked_apps_has_rows_in_the_table():
    resolved = resolved_url_names()
    in_table = {row.name for row in ROWS if row.name.split(":")[0] in CHECKED_NAMESPACES}

    assert {"home:start", "projects:project_update", "participants:status_change"} <= resolved
    assert resolved == in_table


def test_every_view_that_accepts_post_has_a_post_row():
    views = _views(get_resolver().url_patterns, "")
    accepting_post = {
        name
        for name, callback in views.items()
        if name.split(":")[0] in CHECKED_NAMESPACES
        and hasattr(getattr(callback, "view_class", None), "post")
    }
    posted = {row.name for row in ROWS if row.method == "POST"}

    assert accepting_post
    assert accepting_post <= posted
