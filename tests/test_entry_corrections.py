"""Data at entry are frozen when the participation starts: later changes are corrections."""

from datetime import date

import pytest
from django.urls import reverse

from monitoring.importing import parse_file
from monitoring.services import participants_import
from participants.models import EntryCorrection, Participation, ParticipationStatus

from .factories import ParticipationFactory
from .helpers.forms import form_data
from .helpers.monitoring import VALID, csv_file


@pytest.fixture
def started(project, social_worker):
    """Started on 03.03.2025 with secondary education, already reported to the monitoring system."""
    return ParticipationFactory(
        project=project, social_worker=social_worker, start_date=date(2025, 3, 3),
        education="isced_3_4", phone="600 100 200",
    )


def edit(client, participation, **changes):
    url = reverse("participants:participation_update", args=[participation.pk])
    data = form_data(client.get(url).context["form"]) | changes
    return client.post(url, data)


def test_a_change_of_entry_data_after_the_start_needs_a_reason(client, social_worker, started):
    client.force_login(social_worker)

    response = edit(client, started, education="isced_5_8")

    assert response.status_code == 400
    assert "03.03.2025" in " ".join(response.context["form"].errors["correction_reason"])
    started.refresh_from_db()
    assert started.education == "isced_3_4"
    assert not EntryCorrection.objects.exists()


def test_a_correction_is_kept_with_who_why_and_old_and_new(client, social_worker, started):
    client.force_login(social_worker)

    response = edit(client, started, education="isced_5_8",
                    correction_reason="Dyplom doniesiony po rozpoczęciu udziału")

    assert response.status_code == 302
    started.refresh_from_db()
    assert started.education == "isced_5_8"
    assert started.resend_to_monitoring is True
    correction = EntryCorrection.objects.get()
    assert (correction.field_name, correction.old_value, correction.new_value) == (
        "education", "Ponadgimnazjalne lub policealne (ISCED 3–4)", "Wyższe (ISCED 5–8)"
    )
    assert (correction.reason, correction.corrected_by) == (
        "Dyplom doniesiony po rozpoczęciu udziału", social_worker
    )
    card = client.get(reverse("card:participation_detail", args=[started.pk]))
    assert "Dyplom doniesiony po rozpoczęciu udziału" in card.content.decode()


def test_contact_data_change_without_a_reason(client, social_worker, started):
    client.force_login(social_worker)

    response = edit(client, started, phone="600 999 888")

    assert response.status_code == 302
    assert not EntryCorrection.objects.exists()
    assert Participation.objects.get().resend_to_monitoring is False


def test_before_the_start_entry_data_are_not_yet_frozen(client, social_worker, project):
    candidate = ParticipationFactory(
        project=project, social_worker=social_worker, status=ParticipationStatus.QUALIFIED,
        start_date=None,
    )
    client.force_login(social_worker)

    response = edit(client, candidate, education="isced_5_8")

    assert response.status_code == 302
    assert "correction_reason" not in response.wsgi_request.POST
    assert not EntryCorrection.objects.exists()


def test_the_next_sm_efs_export_lists_and_then_clears_who_is_to_be_re_sent(
    client, coordinator, social_worker, started, project
):
    client.force_login(social_worker)
    edit(client, started, education="isced_5_8", correction_reason="Korekta wykształcenia")
    client.force_login(coordinator)

    page = client.get(reverse("monitoring:export", args=[project.pk]))
    client.get(reverse("monitoring:export_download", args=[project.pk, "xlsx"]))
    still = Participation.objects.get().resend_to_monitoring
    client.get(reverse("monitoring:export_download", args=[project.pk, "sm-efs"]))

    assert [p.pk for p in page.context["to_resend"]] == [started.pk]
    assert still is True  # the office's spreadsheet is not the monitoring file
    assert Participation.objects.get().resend_to_monitoring is False
    again = client.get(reverse("monitoring:export", args=[project.pk]))
    assert again.context["to_resend"] == []


def test_an_import_that_changes_entry_data_records_a_correction(project, coordinator):
    participants_import(project=project, parsed=parse_file(csv_file(VALID), project),
                        by=coordinator)
    changed = csv_file(VALID | {"education": "Niższe niż podstawowe (ISCED 0–2)"})

    participants_import(project=project, parsed=parse_file(changed, project), by=coordinator)

    correction = EntryCorrection.objects.get()
    assert (correction.field_name, correction.corrected_by) == ("education", coordinator)
    assert "monitoring" in correction.reason
    assert Participation.objects.get().resend_to_monitoring is True
