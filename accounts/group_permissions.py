"""Every group's name and permissions, read once per process and kept while they stay the same.

Every page asks them (the menu, the buttons of a project's page), and they change only when
someone edits a group in the admin (Django's group admin is open to the superuser) or a migration
applies the role table (accounts/permissions.py): the database, not the code table, is the truth.

A change writes a new key into the one row of ``PermissionsVersion``, in the transaction of the
change (``changed``, connected to the signals in ``AccountsConfig.ready``). Every request reads that
key in its user query (``accounts.backends``); a process whose copy was read under another key
reads the groups again first. So a revoked permission stops working in every process from the
first request after the change is committed. The key is random, never a counter, so the key of a
transaction rolled back after a process read the groups under it is never seen again.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import connections

from .models import PermissionsVersion


@dataclass(frozen=True)
class Groups:
    version: uuid.UUID | None
    names: dict[int, str]
    permissions: dict[int, frozenset[str]]

    def of_names(self) -> dict[str, frozenset[str]]:
        return {name: self.permissions[pk] for pk, name in self.names.items()}


_kept: Groups | None = None


def current_version() -> uuid.UUID | None:
    """The key of the groups' permissions now (what a user loaded by the backend carries)."""
    return PermissionsVersion.objects.filter(pk=PermissionsVersion.ROW).values_list(
        "key", flat=True
    ).first()


def groups_at(version: uuid.UUID | None) -> Groups:
    """The groups as they are under ``version``: the process's copy, or read again."""
    global _kept
    kept = _kept
    if version is None:  # no key to check a copy against: read them every time
        return _read(None)
    if kept is None or kept.version != version:
        kept = _kept = _read(version)
    return kept


def _read(version: uuid.UUID | None) -> Groups:
    names, permissions = {}, defaultdict(set)
    rows = Group.objects.values_list(
        "pk", "name", "permissions__content_type__app_label", "permissions__codename"
    )
    for pk, name, app_label, codename in rows:
        names[pk] = name
        if codename is not None:
            permissions[pk].add(f"{app_label}.{codename}")
    return Groups(version, names, {pk: frozenset(permissions[pk]) for pk in names})


def forget() -> None:
    """Drops this process's copy (after a flush or a migration, for good measure)."""
    global _kept
    _kept = None


def changed(action: str = "post_", **kwargs) -> None:
    """A group, a permission or a group's permissions changed: a new key for every process.

    The row is updated, not added: the change waits for the lock of another one in progress, so
    a key read means every change before it is committed."""
    if action.startswith("post_"):  # m2m_changed also sends pre_add, pre_remove, pre_clear
        PermissionsVersion.objects.update_or_create(
            pk=PermissionsVersion.ROW, defaults={"key": uuid.uuid4()}
        )


def migrated(using: str = "default", **kwargs) -> None:
    """After migrations (which change groups through historical models, sending no signal the
    receivers know) and after a flush: a new key, and this process forgets its copy."""
    forget()
    if PermissionsVersion._meta.db_table in connections[using].introspection.table_names():
        PermissionsVersion.objects.using(using).update_or_create(
            pk=PermissionsVersion.ROW, defaults={"key": uuid.uuid4()}
        )
