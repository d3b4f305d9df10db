"""A person's copy of their data (RODO art. 15) and the data protection officer (issue 10,
points 5 and 7)."""

import csv
import hashlib
import io
import json
import subprocess
import time
import zipfile
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import AccessAction, AccessLogEntry
from accounts.reauth import SESSION_KEY
from accounts.roles import DATA_PROTECTION_OFFICER_GROUP
from aktywizacja.pagination import COUNT_CAP
from consents.services import consent_give
from instruments.models import Attendance
from privacy.models import SubjectExport

from .conftest import require_tool
from .factories import (
    ContractFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
    UserFactory,
)
from .helpers.dossier import add_file, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def recorded(participation, social_worker):
    """A participant with a contract, an hour and a half attended, a consent and a scan."""
    ContractFactory(participation=participation, worker=social_worker)
    form = SupportFormFactory(project=participation.project, name="Trening kompetencji",
                              start_date=date(2025, 3, 1), end_date=date(2025, 6, 30))
    ReferralFactory(participation=participation, support_form=form)
    session = SessionFactory(support_form=form, date=date(2025, 3, 3))
    Attendance.objects.create(session=session, participation=participation, present=True)
    consent_give(participation=participation, kind="image", given_on=date(2025, 3, 1),
                 by=social_worker)
    add_file(participation, social_worker, content=pdf_bytes())
    return participation


@pytest.fixture
def officer(office):
    user = UserFactory(username="iod", organisation=office)
    user.groups.add(Group.objects.get(name=DATA_PROTECTION_OFFICER_GROUP))
    return user


def export_url(participation) -> str:
    return reverse("privacy:subject_export_download", args=[participation.pk])


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.getvalue()))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True,
                          check=True, text=True).stdout


# --- Point 5: the copy of a person's data -----------------------------------------------------


def test_the_zip_holds_the_pdf_the_json_and_the_uploaded_files(
    client, coordinator, recorded, tmp_path
):
    client.force_login(coordinator)

    response = client.get(export_url(recorded))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zip_of(response)
    names = archive.namelist()
    assert {"dane.pdf", "dane.json"} <= set(names)
    scans = [name for name in names if name.startswith("pliki/")]
    assert len(scans) == 1 and archive.read(scans[0]) == pdf_bytes()
    text = pdf_text(archive.read("dane.pdf"), tmp_path)
    person = recorded.person
    assert person.last_name in text and person.pesel in text
    assert "kontrakty socjalne" in text.lower()
    root = PdfReader(io.BytesIO(archive.read("dane.pdf"))).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "pl"  # tagged, as every PDF


def test_the_json_has_the_contracts_attendance_hours_and_consents(client, coordinator, recorded):
    client.force_login(coordinator)

    data = json.loads(zip_of(client.get(export_url(recorded))).read("dane.json"))

    assert data["person"]["pesel"] == recorded.person.pesel
    [participation] = data["participations"]
    assert len(participation["social_contracts"]) == 1
    assert participation["social_contracts"][0]["number"]
    assert len(participation["attendance"]) == 1
    assert participation["hours"][0]["support_form"] == "Trening kompetencji"
    assert participation["consents"][0]["kind"].startswith("wykorzystanie wizerunku")
    assert len(participation["uploaded_files"]) == 1


def test_the_copy_holds_only_the_participations_the_coordinator_may_see(
    client, coordinator, recorded, other_project
):
    ParticipationFactory(person=recorded.person, project=other_project)
    client.force_login(coordinator)

    data = json.loads(zip_of(client.get(export_url(recorded))).read("dane.json"))

    assert len(data["participations"]) == 1


def test_a_social_worker_may_not_export(client, social_worker, recorded):
    client.force_login(social_worker)

    assert client.get(export_url(recorded)).status_code == 403
    assert client.get(reverse("privacy:subject_export", args=[recorded.pk])).status_code == 403
    assert not SubjectExport.objects.exists()


def test_without_the_password_typed_lately_the_export_asks_for_it(
    client, coordinator, recorded
):
    client.force_login(coordinator)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 3600
    session.save()

    response = client.get(export_url(recorded))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:confirm_password"))
    assert not SubjectExport.objects.exists()
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_export_is_in_the_access_log_and_in_the_record_of_exports(
    client, coordinator, recorded
):
    client.force_login(coordinator)

    response = client.get(export_url(recorded))

    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert (entry.user, entry.object_type, entry.object_id) == (
        coordinator, "participants.participation", recorded.pk)
    export = SubjectExport.objects.get()
    assert (export.exported_by, export.person, export.files) == (coordinator, recorded.person, 1)
    assert export.sha256 == hashlib.sha256(response.getvalue()).hexdigest()


def test_the_card_offers_the_copy_to_the_coordinator_only(
    client, coordinator, social_worker, participation
):
    url = reverse("privacy:subject_export", args=[participation.pk])
    client.force_login(coordinator)
    assert url in client.get(reverse("card:participation_detail",
                                     args=[participation.pk])).content.decode()
    client.force_login(social_worker)
    assert url not in client.get(reverse("card:participation_detail",
                                         args=[participation.pk])).content.decode()


# --- Point 7: the data protection officer ---------------------------------------------------


def test_the_officer_starts_on_their_own_page(client, officer):
    client.force_login(officer)

    response = client.get(reverse("home:start"))

    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:officer_start")


def test_the_officer_sees_the_anonymisations_of_their_organisations_projects(
    client, officer, project, coordinator
):
    from datetime import date

    from retention.models import Anonymisation

    Anonymisation.objects.create(
        project=project, by=coordinator, kept_until=date(2020, 12, 31), people=17,
        people_kept=2, participations=19, records=40, files=5, documents=3, history_rows=80,
    )
    client.force_login(officer)

    page = client.get(reverse("privacy:officer_start")).content.decode()

    assert project.short_name in page and "<td>17</td>" in page


@pytest.mark.parametrize("name", ["officer_start", "access_log", "access_log_csv",
                                  "export_list"])
def test_the_officer_reaches_their_pages_and_nobody_else_does(
    client, officer, personas, name
):
    url = reverse(f"privacy:{name}")
    client.force_login(officer)
    assert client.get(url).status_code == 200
    for persona in filter(None, personas.values()):
        client.force_login(persona)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", ["register", "register_pdf"])
def test_the_register_is_the_officers_for_their_organisations_projects(
    client, officer, personas, project, other_project, name
):
    client.force_login(officer)
    assert client.get(reverse(f"privacy:{name}", args=[project.pk])).status_code == 200
    assert client.get(reverse(f"privacy:{name}", args=[other_project.pk])).status_code == 404
    for persona in filter(None, personas.values()):
        client.force_login(persona)
        assert client.get(reverse(f"privacy:{name}", args=[project.pk])).status_code == 403


def test_the_officer_sees_no_participants_data(client, officer, recorded):
    client.force_login(officer)
    contract = recorded.contracts.get()

    for url in [
        reverse("card:participation_detail", args=[recorded.pk]),
        reverse("card:participation_tab", args=[recorded.pk, "consents"]),
        reverse("participants:participation_update", args=[recorded.pk]),
        reverse("contracts:contract_detail", args=[contract.pk]),
        reverse("contracts:contract_pdf", args=[contract.pk]),
        reverse("privacy:subject_export", args=[recorded.pk]),
        export_url(recorded),
        reverse("monitoring:export_download", args=[recorded.project.pk, "xlsx"]),
    ]:
        assert client.get(url).status_code == 404, url
    assert recorded.person.last_name not in client.get(
        reverse("participants:participant_list")).content.decode()


def _viewed(client, user, participation):
    client.force_login(user)
    client.get(reverse("card:participation_detail", args=[participation.pk]))


def test_the_access_log_is_filtered_by_person_and_user(
    client, officer, coordinator, social_worker, participation, project
):
    other = ParticipationFactory(project=project, social_worker=social_worker)
    _viewed(client, social_worker, participation)
    _viewed(client, coordinator, other)
    client.force_login(officer)
    url = reverse("privacy:access_log")

    response = client.post(url, {"person": participation.person.pesel})

    assert response.status_code == 302 and participation.person.pesel not in response["Location"]
    rows = list(client.get(url).context["page_obj"])
    assert [(row.user, row.object_id) for row in rows] == [(social_worker, participation.pk)]
    client.post(url, {"person": "", "user": coordinator.pk})
    assert [row.user for row in client.get(url).context["page_obj"]] == [coordinator]
    client.post(url, {"date_from": "01.01.2001", "date_to": "31.12.2001"})
    assert list(client.get(url).context["page_obj"]) == []


def test_the_csv_holds_the_filtered_rows(client, officer, coordinator, social_worker,
                                         participation, project):
    other = ParticipationFactory(project=project, social_worker=social_worker)
    _viewed(client, social_worker, participation)
    _viewed(client, coordinator, other)
    client.force_login(officer)
    client.post(reverse("privacy:access_log"), {"person": participation.person.last_name})

    response = client.get(reverse("privacy:access_log_csv"))

    content = response.getvalue()
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert response["Content-Disposition"].startswith("attachment")
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert len(rows) == 2
    assert rows[1][1] == social_worker.username and rows[1][4] == str(participation.pk)


def test_the_access_log_pages_by_fifty_newest_first_at_the_same_cost(
    client, officer, social_worker, participation
):
    client.force_login(social_worker)
    for _view in range(3):
        client.get(reverse("card:participation_detail", args=[participation.pk]))
    client.force_login(officer)
    url = reverse("privacy:access_log")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    client.force_login(social_worker)
    for _view in range(48):
        client.get(reverse("card:participation_detail", args=[participation.pk]))
    client.force_login(officer)

    first = client.get(url)
    with CaptureQueriesContext(connection) as many:
        second = client.get(url + first.context["page_obj"].next_url)

    entries = [*first.context["page_obj"], *second.context["page_obj"]]
    assert [len(first.context["page_obj"]), len(second.context["page_obj"])] == [50, 1]
    assert [entry.pk for entry in entries] == sorted((entry.pk for entry in entries),
                                                     reverse=True)
    assert "51 wpisów" in first.content.decode()
    assert len(many) == len(few)  # the page and its count, whatever the log holds
    assert not any("OFFSET" in query["sql"] for query in many.captured_queries)


def test_a_long_access_log_says_more_than_the_cap(
    client, officer, social_worker, participation
):
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(user=social_worker, action=AccessAction.VIEW, object_type="participation",
                       object_id=participation.pk, project=participation.project, path="/")
        for _entry in range(COUNT_CAP + 1)
    )
    client.force_login(officer)

    page = client.get(reverse("privacy:access_log")).content.decode()

    assert f"Ponad {COUNT_CAP} wpisów" in page


def test_the_officer_lists_the_exports(client, officer, coordinator, recorded):
    client.force_login(coordinator)
    client.get(export_url(recorded))
    client.force_login(officer)

    response = client.get(reverse("privacy:export_list"))

    export = SubjectExport.objects.get()
    assert export.sha256 in response.content.decode()
    assert recorded.person.pesel not in response.content.decode()


def test_the_register_pdf_names_the_project_and_the_legal_bases(
    client, officer, project, tmp_path
):
    client.force_login(officer)

    response = client.get(reverse("privacy:register_pdf", args=[project.pk]))

    text = " ".join(pdf_text(response.getvalue(), tmp_path).split())
    assert project.short_name in text and project.title[:20] in text
    for basis in ["art. 6 ust. 1 lit. c", "art. 6 ust. 1 lit. e", "art. 9 ust. 2 lit. b",
                  "art. 9 ust. 2 lit. g"]:
        assert basis in text.lower() or basis.replace("art.", "Art.") in text
    assert project.lead_beneficiary.name in text
