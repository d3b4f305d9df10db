"""Bulk export and import of personal data ask for the password again (SECURITY.md)."""

import time

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import AccessLogEntry
from accounts.reauth import SESSION_KEY

from .factories import TEST_PASSWORD


@pytest.fixture
def stale_client(client, coordinator):
    """Signed in long ago: the password was last typed an hour back."""
    client.force_login(coordinator)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 3600
    session.save()
    return client


def export_url(project):
    return reverse("monitoring:export_download", args=[project.pk, "sm-efs"])


def test_a_fresh_sign_in_counts_as_a_confirmed_password(client, coordinator, project):
    client.force_login(coordinator)

    response = client.get(export_url(project))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_an_export_after_a_while_asks_for_the_password_first(stale_client, project):
    response = stale_client.get(export_url(project))

    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('accounts:confirm_password')}?next={export_url(project)}"
    )
    assert not AccessLogEntry.objects.exists()


def test_the_right_password_leads_back_to_the_export(stale_client, project):
    url = export_url(project)

    response = stale_client.post(
        reverse("accounts:confirm_password"), {"password": TEST_PASSWORD, "next": url}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    assert stale_client.get(url).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(stale_client, project):
    response = stale_client.post(
        reverse("accounts:confirm_password"),
        {"password": "nie-to-haslo", "next": export_url(project)},
    )

    assert response.status_code == 400
    assert _("The password is not correct.") in response.content.decode()
    assert stale_client.get(export_url(project)).status_code == 302


def test_five_wrong_passwords_end_the_session_and_lock_the_account(
    stale_client, project, coordinator
):
    for _attempt in range(5):
        response = stale_client.post(
            reverse("accounts:confirm_password"), {"password": "zle", "next": export_url(project)}
        )

    # The lockout of django-axes, as after five wrong passwords at the sign-in page.
    assert response.status_code == 429
    assert _("Account temporarily locked") in response.content.decode()
    assert "_auth_user_id" not in stale_client.session
    # Even the right password does not sign in again until the lockout ends.
    signed_in = stale_client.post(
        reverse("login"), {"username": coordinator.username, "password": TEST_PASSWORD}
    )
    assert "_auth_user_id" not in stale_client.session
    assert signed_in.status_code == 429


def test_it_never_sends_the_user_to_another_site(stale_client):
    response = stale_client.post(
        reverse("accounts:confirm_password"),
        {"password": TEST_PASSWORD, "next": "https://example.com/"},
    )

    assert response["Location"] == reverse("home:start")


def test_an_import_posted_after_a_while_goes_back_to_the_upload_page(stale_client, project):
    response = stale_client.post(reverse("monitoring:import", args=[project.pk]), {})

    import_page = reverse("monitoring:import", args=[project.pk])
    assert response["Location"] == f"{reverse('accounts:confirm_password')}?next={import_page}"


def test_the_director_is_refused_before_being_asked_for_a_password(client, director, project):
    client.force_login(director)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 3600
    session.save()

    assert client.get(export_url(project)).status_code == 403


def test_guessing_the_old_password_on_the_change_form_is_throttled(client, coordinator):
    client.force_login(coordinator)
    for _attempt in range(5):
        response = client.post(reverse("password_change"), {
            "old_password": "zle-haslo", "new_password1": "Zupelnie.Nowe-Haslo-77",
            "new_password2": "Zupelnie.Nowe-Haslo-77",
        })

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    coordinator.refresh_from_db()
    assert coordinator.check_password(TEST_PASSWORD)
