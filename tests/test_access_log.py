"""Views of a person's record and document downloads are logged, without the PESEL; the log is
evidence, so nobody adds, changes or deletes an entry, the administrator included."""

import pytest
from django.urls import reverse

from accounts.models import AccessAction, AccessLogEntry


def test_it_logs_who_viewed_a_persons_record(client, social_worker, participation):
    client.force_login(social_worker)

    client.get(reverse("card:participation_detail", args=[participation.pk]))

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.object_id, entry.project) == (
        social_worker,
        AccessAction.VIEW,
        participation.pk,
        participation.project,
    )
    assert participation.person.pesel not in str(entry.__dict__)


def test_it_logs_nothing_for_a_refused_view(client, outsider, participation):
    client.force_login(outsider)

    response = client.get(reverse("card:participation_detail", args=[participation.pk]))

    assert response.status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_log_cannot_be_edited_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:accounts_accesslogentry_add")).status_code == 403


@pytest.fixture
def entry(client, social_worker, participation):
    client.force_login(social_worker)
    client.get(reverse("card:participation_detail", args=[participation.pk]))
    client.logout()
    return AccessLogEntry.objects.get()


def test_an_entry_cannot_be_changed_in_the_admin(admin_client, entry):
    url = reverse("admin:accounts_accesslogentry_change", args=[entry.pk])

    response = admin_client.post(url, {"action": AccessAction.PDF, "object_id": 1})

    entry.refresh_from_db()
    assert response.status_code == 403
    assert (entry.action, entry.object_id) != (AccessAction.PDF, 1)


def test_an_entry_cannot_be_deleted_in_the_admin(admin_client, entry):
    one = admin_client.post(
        reverse("admin:accounts_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    many = admin_client.post(reverse("admin:accounts_accesslogentry_changelist"), {
        "action": "delete_selected", "_selected_action": [entry.pk], "post": "yes",
    })

    assert one.status_code == 403
    assert many.status_code in (200, 302)  # the action is not offered: nothing happens
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
