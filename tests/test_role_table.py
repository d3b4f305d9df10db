"""The roles' permissions come from one table (accounts/permissions.py), applied by a migration."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from accounts import permissions as table
from accounts.migration_helpers import apply_role_permissions
from accounts.roles import ADMINISTRATOR_GROUP, GROUP_NAMES, Role


def held(group_name: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.DIRECTOR])
def test_each_role_group_holds_exactly_what_the_table_gives(db, role):
    assert held(GROUP_NAMES[role]) == table.permissions_of(role)


def test_the_table_reads_as_it_is_written(db):
    director = table.permissions_of(Role.DIRECTOR)
    coordinator = table.permissions_of(Role.COORDINATOR)

    assert "participants.view_participation" in director
    assert "participants.view_person" not in director  # totals, not people
    assert {"instruments.delete_session", "documents.issue_summary"} <= coordinator
    assert "instruments.delete_session" not in table.permissions_of(Role.SOCIAL_WORKER)


def test_the_administrator_holds_every_permission_of_its_apps(db):
    every = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(
            content_type__app_label__in=table.ADMINISTRATOR_APPS
        ).values_list("content_type__app_label", "codename")
    }

    assert held(ADMINISTRATOR_GROUP) == every


def test_applying_the_table_takes_away_what_it_no_longer_gives(db):
    worker = Group.objects.get(name=GROUP_NAMES[Role.SOCIAL_WORKER])
    worker.permissions.add(
        Permission.objects.get(content_type__app_label="instruments", codename="delete_session")
    )

    apply_role_permissions(apps)

    assert "instruments.delete_session" not in held(GROUP_NAMES[Role.SOCIAL_WORKER])


def test_a_permission_the_table_names_must_exist(db, monkeypatch):
    monkeypatch.setitem(table.RECORDS, "instruments.timetable", ("v", "v", "v"))

    with pytest.raises(LookupError, match="instruments.view_timetable"):
        apply_role_permissions(apps)
