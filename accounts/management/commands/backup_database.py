"""Writes a consistent copy of the whole database to one file, readable by its owner only.

SQLite: the online backup API (the same as ``sqlite3 db.sqlite3 ".backup FILE"`` or
``VACUUM INTO``), safe while the application runs. PostgreSQL: ``pg_dump --format=custom``, for
``pg_restore``. README ("Backup and restore") says how to restore, and tests/test_backup.py
rehearses it on both databases.
"""

import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _


def postgres_environment(settings_dict: dict) -> dict:
    """The libpq variables for pg_dump and pg_restore (the password never on a command line)."""
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    return os.environ | {
        variable: str(settings_dict[key]) for key, variable in names.items()
        if settings_dict.get(key)
    }


def backup_to(path: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".backup-")
    os.close(handle)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(temporary)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", temporary,
                 connection.settings_dict["NAME"]],
                env=postgres_environment(connection.settings_dict), check=True,
                capture_output=True,
            )
        else:
            raise CommandError(_("No backup for the %(vendor)s database.") % {
                "vendor": connection.vendor
            })
        os.chmod(temporary, 0o600)  # personal data: readable by the owner only
        os.replace(temporary, path)
    except subprocess.CalledProcessError as error:
        raise CommandError(error.stderr.decode(errors="replace")) from error
    finally:
        Path(temporary).unlink(missing_ok=True)


class Command(BaseCommand):
    help = "Write a consistent copy of the database (SQLite backup API or pg_dump) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="The backup file to write.")

    def handle(self, *args, output, **options):
        path = Path(output).resolve()
        backup_to(path)
        self.stdout.write(_("Written: %(file)s") % {"file": path})
