"""The restore drill: a backup restored into a fresh database holds every row and every issued
document byte for byte (README, "Backup and restore"), on both databases."""

import hashlib
import sqlite3
import stat
import subprocess
from datetime import date

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from accounts.management.commands.backup_database import postgres_environment
from documents.certificates import certificates_issue, participation_holders
from documents.models import DocumentKind, IssuedDocument
from participants.models import ParticipationStatus

from .conftest import require_tool
from .factories import ParticipationFactory, PersonFactory


def _tables() -> list[str]:
    return sorted({
        model._meta.db_table for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    })


def _snapshot(cursor) -> dict:
    counts = {}
    for table in _tables():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the models
        counts[table] = cursor.fetchone()[0]
    cursor.execute(f'SELECT pdf FROM "{IssuedDocument._meta.db_table}" ORDER BY id')  # noqa: S608
    hashes = [hashlib.sha256(bytes(row[0])).hexdigest() for row in cursor.fetchall()]
    return {"counts": counts, "documents": hashes}


def _restored_snapshot(backup) -> dict:
    if connection.vendor == "sqlite":
        restored = sqlite3.connect(backup)
        try:
            return _snapshot(restored.cursor())
        finally:
            restored.close()
    settings_dict = connection.settings_dict
    fresh = f"{settings_dict['NAME']}_restore"
    maintenance = {"host": settings_dict["HOST"], "port": settings_dict["PORT"],
                   "user": settings_dict["USER"], "password": settings_dict["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **maintenance) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}" TEMPLATE template0')
    try:
        subprocess.run(
            [require_tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", fresh,
             str(backup)],
            env=postgres_environment(settings_dict), check=True, capture_output=True,
        )
        with psycopg.connect(dbname=fresh, **maintenance) as restored:
            return _snapshot(restored.cursor())
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **maintenance) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')


# Transactional: pg_dump sees committed rows only; the serialized rollback restores the code
# lists of the data migrations that the flush at the end would remove.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_fresh_database_whole(tmp_path, project, coordinator):
    for number, name in enumerate(["Żaneta Świętochowska", "Jan Kowalski", "Li 李"]):
        first, last = name.split()
        ParticipationFactory(
            project=project, status=ParticipationStatus.COMPLETED,
            start_date=date(2025, 2, 1 + number), end_date=date(2025, 6, 30),
            person=PersonFactory(first_name=first, last_name=last),
        )
    certificates_issue(kind=DocumentKind.PARTICIPATION_CERTIFICATE, project=project,
                       holders=participation_holders(project), by=coordinator)
    with connection.cursor() as cursor:
        original = _snapshot(cursor)
    backup = tmp_path / "aktywizacja.backup"

    call_command("backup_database", output=str(backup))

    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert len(original["documents"]) == 3
    assert original["counts"]["participants_participation"] == 3
    assert _restored_snapshot(backup) == original
