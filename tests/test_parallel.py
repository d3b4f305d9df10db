"""No 500 from parallel use: simultaneous submits are saved one after another, and a uniqueness
race answers as the form's own error (never a duplicate record).

PostgreSQL: threads against the test database. SQLite: the test database lives in memory and is
not shared between threads, so a child process runs the same submits against a database file
with the production settings (WAL, busy timeout, immediate transactions).
"""

import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from demo.people import make_pesel
from participants.models import Participation, Person
from participants.services import participant_register

from .factories import PersonFactory

BIRTH = date(1985, 3, 15)


def _application(pesel: str, worker_pk: int, last_name: str = "Równoległa") -> dict:
    return {
        "first_name": "Ewa", "last_name": last_name, "pesel": pesel, "other_identifier": "",
        "sex": "K", "birth_date": BIRTH.isoformat(), "edition": "",
        "social_worker": str(worker_pk), "application_date": "2025-02-03",
        "recruitment_source": "", "token": str(uuid4()),
    }


@pytest.mark.django_db
def test_a_person_recorded_meanwhile_is_the_forms_error_not_a_500(
    monkeypatch, project, social_worker
):
    """The other submit inserted the PESEL after this one's checks passed."""
    pesel = make_pesel(BIRTH, 7, "K")
    PersonFactory(pesel=pesel, birth_date=BIRTH, sex="K", organisation=project.lead_beneficiary)
    monkeypatch.setattr(Person, "full_clean", lambda self, *args, **kwargs: None)

    with pytest.raises(Exception) as refused:
        participant_register(
            project=project,
            person=Person(first_name="Ewa", last_name="Równoległa", pesel=pesel, sex="K",
                          birth_date=BIRTH, organisation=project.lead_beneficiary),
            participation=Participation(social_worker=social_worker,
                                        application_date=date(2025, 2, 3)),
            by=social_worker, token=uuid4(), on=date(2025, 2, 3),
        )

    assert list(refused.value.message_dict) == ["pesel"]
    assert refused.value.messages == [_(
        "A person with this PESEL was recorded a moment ago, in another window or by "
        "someone else. Submit the form again to add the person on record."
    )]
    assert Person.objects.filter(pesel=pesel).count() == 1


def _submit_in_parallel(url, user, forms) -> list[int]:
    start = threading.Barrier(len(forms))
    codes = []

    def submit(data):
        client = Client()
        client.force_login(user)
        start.wait()
        try:
            codes.append(client.post(url, data).status_code)
        except Exception as error:  # noqa: BLE001 - a 500 in the browser; asserted below
            codes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(data,)) for data in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_submits_on_postgresql_never_answer_500(project, social_worker):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite is tested in a child process below (its test database is in memory)")
    url = reverse("participants:participant_create", args=[project.pk])
    same = make_pesel(BIRTH, 8, "K")

    different = _submit_in_parallel(url, social_worker, [
        _application(make_pesel(BIRTH, 10 + n, "K"), social_worker.pk, f"Osoba{n}")
        for n in range(8)
    ])
    one_person = _submit_in_parallel(url, social_worker, [
        _application(same, social_worker.pk) for _n in range(8)
    ])

    assert different == [302] * 8
    assert 500 not in one_person and 302 in one_person
    assert set(one_person) <= {302, 400, 409}
    assert Person.objects.filter(pesel=same).count() == 1
    assert Participation.objects.filter(project=project).count() == 9


CHILD = """
import json, os, sys, threading
from datetime import date
from uuid import uuid4
import django
django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["testserver"]
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
call_command("migrate", verbosity=0)
from accounts.roles import Role
from demo.people import make_pesel
from participants.models import Participation, Person
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
project = ProjectFactory()
worker = UserFactory(organisation=project.lead_beneficiary, role=Role.SOCIAL_WORKER)
MembershipFactory(project=project, user=worker, role=Role.SOCIAL_WORKER)
url = reverse("participants:participant_create", args=[project.pk])
birth = date(1985, 3, 15)

def form(pesel, last_name):
    return {"first_name": "Ewa", "last_name": last_name, "pesel": pesel,
            "other_identifier": "", "sex": "K", "birth_date": birth.isoformat(), "edition": "",
            "social_worker": str(worker.pk), "application_date": "2025-02-03",
            "recruitment_source": "", "token": str(uuid4())}

def parallel(forms):
    start, codes = threading.Barrier(len(forms)), []
    def submit(data):
        client = Client()
        client.force_login(worker)
        start.wait()
        try:
            codes.append(client.post(url, data).status_code)
        except Exception as error:
            codes.append(repr(error))
        finally:
            connection.close()
    threads = [threading.Thread(target=submit, args=(data,)) for data in forms]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    return codes

different = parallel([form(make_pesel(birth, 10 + n, "K"), f"Osoba{n}") for n in range(8)])
same = make_pesel(birth, 8, "K")
one_person = parallel([form(same, "Równoległa") for n in range(8)])
mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
print(json.dumps({
    "different": different, "one_person": one_person, "journal_mode": mode,
    "people_with_pesel": Person.objects.filter(pesel=same).count(),
    "participations": Participation.objects.filter(project=project).count(),
}))
"""


@pytest.mark.django_db
def test_parallel_submits_on_sqlite_never_answer_500(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL is tested with threads above")
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "aktywizacja.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'biuro.sqlite3'}",
        "PYTHONPATH": str(settings.BASE_DIR),
    }

    child = subprocess.run(
        [sys.executable, "-c", CHILD], env=environment, cwd=Path(settings.BASE_DIR),
        capture_output=True, text=True, timeout=300, check=False,
    )

    assert child.returncode == 0, child.stderr[-3000:]
    found = json.loads(child.stdout.strip().splitlines()[-1])
    assert found["journal_mode"] == "wal"
    assert found["different"] == [302] * 8, child.stderr[-3000:]
    assert 302 in found["one_person"]
    assert set(found["one_person"]) <= {302, 400, 409}, child.stderr[-3000:]
    assert (found["people_with_pesel"], found["participations"]) == (1, 9)
