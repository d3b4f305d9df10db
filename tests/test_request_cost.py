"""What every signed-in page costs before its content (issue 13, point 1): the session and the
user, two queries. The user's groups and the groups' permissions come with the user and from the
process's copy of the groups, which a change of a group's permissions makes every process read
again; the session is written when it changed or once SESSION_RENEW_SECONDS have passed."""

import re
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.group_permissions import current_version
from accounts.middleware import WRITTEN_AT
from accounts.models import PermissionsVersion
from accounts.roles import GROUP_NAMES, Role
from participants.models import Participation
from projects.access import get_object_for_user

pytestmark = pytest.mark.django_db

PLAIN_PAGE = reverse("password_change")  # a signed-in page needing no permission of a project


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    client.get(PLAIN_PAGE)  # the first request writes the session (it has no written moment)
    return client


# The fixed queries


def test_a_plain_signed_in_page_costs_the_session_and_the_user(signed_in):
    queries = queries_of(signed_in, PLAIN_PAGE)

    assert len(queries) == 2, queries
    assert queries[0].startswith('SELECT "django_session"')
    assert queries[1].startswith('SELECT "accounts_user"')


@pytest.mark.parametrize("url", [reverse("home:start"), reverse("participants:participant_list"),
                                 reverse("projects:project_list")])
def test_pages_of_content_pay_no_more_fixed_queries(signed_in, participation, url):
    queries = queries_of(signed_in, url)

    assert len([sql for sql in queries if '"django_session"' in sql]) == 1
    assert not [sql for sql in queries if "auth_group" in sql or "auth_permission" in sql]
    assert not [sql for sql in queries if re.match(r"(UPDATE|INSERT|DELETE|SAVEPOINT|BEGIN)", sql)]


def test_the_menu_still_follows_the_groups_permissions(signed_in, coordinator):
    participants = reverse("participants:participant_list")
    assert participants in signed_in.get(PLAIN_PAGE).content.decode()

    coordinator.groups.clear()

    assert participants not in signed_in.get(PLAIN_PAGE).content.decode()


# The session: written when it changed or after the renewal window


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def written_ago(client, seconds: float) -> None:
    """As if the session had last been written ``seconds`` ago."""
    moment = timezone.now() - timedelta(seconds=seconds)
    session = client.session
    session[WRITTEN_AT] = moment.timestamp()
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=moment + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )


def test_a_request_within_the_window_does_not_write_the_session(signed_in):
    written_ago(signed_in, settings.SESSION_RENEW_SECONDS / 2)
    expires = session_row(signed_in).expire_date

    queries = queries_of(signed_in, PLAIN_PAGE)

    assert not [sql for sql in queries if "django_session" in sql and "SELECT" not in sql[:10]]
    assert session_row(signed_in).expire_date == expires


def test_a_request_after_the_window_renews_the_session(signed_in):
    written_ago(signed_in, settings.SESSION_RENEW_SECONDS + 1)

    signed_in.get(PLAIN_PAGE)

    remaining = session_row(signed_in).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)


def test_an_idle_session_still_ends(signed_in):
    written_ago(signed_in, settings.SESSION_COOKIE_AGE + 1)

    response = signed_in.get(PLAIN_PAGE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def seconds_left_on_page(client) -> int:
    page = client.get(PLAIN_PAGE).content.decode()
    return int(re.search(r'data-seconds-left="(\d+)"', page).group(1))


def test_the_warning_counts_from_the_real_end_of_the_session(signed_in, settings):
    settings.SESSION_RENEW_SECONDS = 300
    written_ago(signed_in, 200)

    shown = seconds_left_on_page(signed_in)

    real = (session_row(signed_in).expire_date - timezone.now()).total_seconds()
    assert real - 5 <= shown <= real
    assert shown <= settings.SESSION_COOKIE_AGE - 195


def test_the_warning_counts_the_whole_period_when_the_page_renews_it(signed_in):
    written_ago(signed_in, settings.SESSION_RENEW_SECONDS + 1)

    assert seconds_left_on_page(signed_in) >= settings.SESSION_COOKIE_AGE - 5


def test_the_extend_button_renews_the_session_within_the_window(signed_in):
    written_ago(signed_in, settings.SESSION_RENEW_SECONDS / 2)

    answer = signed_in.post(reverse("accounts:session_extend")).json()

    assert answer["seconds_left"] >= settings.SESSION_COOKIE_AGE - 5
    remaining = session_row(signed_in).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)


# The groups' permissions: one copy per process, read again after any change


def coordinators() -> Group:
    return Group.objects.get(name=GROUP_NAMES[Role.COORDINATOR])


def change_project() -> Permission:
    return Permission.objects.get(content_type__app_label="projects", codename="change_project")


def test_a_revoked_group_permission_stops_working_on_the_next_request(signed_in, project):
    url = reverse("projects:project_update", args=[project.pk])
    assert signed_in.get(url).status_code == 200

    coordinators().permissions.remove(change_project())

    assert signed_in.get(url).status_code == 403


def test_a_permission_revoked_by_another_process_stops_working_here(signed_in, project):
    url = reverse("projects:project_update", args=[project.pk])
    assert signed_in.get(url).status_code == 200  # this process keeps a copy of the groups
    # Another process revokes it: its rows go, and its signal writes a new key. Here, only the
    # database says so: the rows first (no signal in this process) ...
    Group.permissions.through.objects.filter(
        group=coordinators(), permission=change_project()
    ).delete()
    assert signed_in.get(url).status_code == 200  # the copy, still of the key it was read by
    # ... then the new key the other process's change wrote with them.
    PermissionsVersion.objects.update(key=uuid.uuid4())

    assert signed_in.get(url).status_code == 403


@pytest.mark.parametrize("change", [
    lambda: coordinators().permissions.remove(change_project()),
    lambda: coordinators().permissions.add(Permission.objects.get(codename="view_user")),
    lambda: coordinators().permissions.clear(),
    lambda: change_project().group_set.remove(coordinators()),
    lambda: Group.objects.filter(pk=coordinators().pk).get().save(),
    lambda: coordinators().delete(),
    lambda: Group.objects.create(name="kadry"),
    lambda: change_project().delete(),
])
def test_every_change_of_the_groups_gives_them_a_new_key(db, change):
    before = current_version()
    assert before is not None

    change()

    assert current_version() not in (None, before)


def test_the_groups_are_read_once_per_process(signed_in, project):
    url = reverse("projects:project_update", args=[project.pk])
    signed_in.get(url)

    queries = queries_of(signed_in, url)

    assert not [sql for sql in queries if "auth_group" in sql or "auth_permission" in sql]


def test_signing_in_writes_the_session_so_the_next_page_does_not(client, coordinator):
    client.force_login(coordinator)  # signs in as the sign-in page does (user_logged_in)

    queries = queries_of(client, PLAIN_PAGE)

    assert len(queries) == 2, queries


@pytest.mark.parametrize("role", ["coordinator", "social_worker"])
def test_finding_a_record_reads_the_role_on_its_project_in_the_same_query(
    request, project, participation, role
):
    """The permission check of a lookup costs no query of its own: the user's role on the
    record's project comes with the record. A role that may not act still gets 403."""
    user = request.getfixturevalue(role)
    user.refresh_from_db()
    get_object_for_user(user, Participation, pk=participation.pk)  # warms the groups' copy
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as captured:
        found = get_object_for_user(user, Participation, perm="participants.view_person",
                                    pk=participation.pk)
    sqls = [q["sql"] for q in captured]
    records = [sql for sql in sqls if 'FROM "participants_participation"' in sql]
    assert found == participation
    assert len(records) == 1 and "projects_membership" in records[0]  # holds the role
    assert not [sql for sql in sqls if sql.startswith('SELECT "projects_membership"')], sqls
