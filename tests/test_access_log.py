"""Views of a person's record and document downloads are logged, without the PESEL."""

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
