"""Nothing typed is lost (issue 12, point 8): a form posted after the session ended comes back
filled after signing in again; the session can be extended before it ends; the text size
changes without a reload."""

import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import SIGNED_IN_AT
from aktywizacja import unsaved
from participants.models import IndividualPath

from .factories import TEST_PASSWORD
from .helpers.paths import path_post

LOGIN = reverse("login")
RESTORED = "Przywrócono niezapisane dane formularza — sprawdź i zapisz ponownie"
TYPED = "Długotrwałe bezrobocie, opisane w pośpiechu tuż przed końcem sesji."


def end_the_session(client):
    """The idle limit passed: the session row is still there, expired."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )


def post_after_the_session_ended(client, user, url):
    client.force_login(user)
    client.get(url)
    end_the_session(client)
    data = path_post([], problem_situation=TYPED, password="Tajne.haslo-nie-do-zapisu")
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN + "?next=")
    return response


def sign_in(client, user, next_url):
    response = client.post(
        LOGIN, {"username": user.username, "password": TEST_PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    return response


@pytest.mark.django_db
def test_an_ish_posted_after_the_session_ended_comes_back_filled_after_signing_in(
    client, social_worker, participation
):
    url = reverse("card:path_create", args=[participation.pk])
    post_after_the_session_ended(client, social_worker, url)

    assert sign_in(client, social_worker, url).url == url
    page = client.get(url).content.decode()

    assert TYPED in page
    assert RESTORED in page
    assert not IndividualPath.objects.exists()  # shown again, not saved
    stash = client.session.get(unsaved.STASH)
    assert stash is None  # once: personal data does not linger in the session
    again = client.get(url).content.decode()
    assert TYPED not in again and RESTORED not in again


@pytest.mark.django_db
def test_neither_passwords_nor_the_csrf_token_are_kept(client, social_worker, participation):
    url = reverse("card:path_create", args=[participation.pk])
    post_after_the_session_ended(client, social_worker, url)

    kept = dict(client.session[unsaved.STASH]["data"])

    assert kept["problem_situation"] == TYPED
    assert "password" not in kept and "csrfmiddlewaretoken" not in kept


@pytest.mark.django_db
def test_someone_else_signing_in_on_that_browser_gets_nothing(
    client, social_worker, coordinator, participation
):
    url = reverse("card:path_create", args=[participation.pk])
    post_after_the_session_ended(client, social_worker, url)

    sign_in(client, coordinator, url)
    page = client.get(url).content.decode()

    assert TYPED not in page
    assert unsaved.STASH not in client.session


@pytest.mark.django_db
def test_what_was_typed_is_dropped_after_a_while(client, social_worker, participation):
    url = reverse("card:path_create", args=[participation.pk])
    post_after_the_session_ended(client, social_worker, url)
    session = client.session
    session[unsaved.STASH]["at"] = time.time() - unsaved.KEEP_SECONDS - 1
    session.save()

    sign_in(client, social_worker, url)

    assert TYPED not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_post_without_an_ended_session_keeps_nothing(client, participation):
    url = reverse("card:path_create", args=[participation.pk])

    client.post(url, path_post([], problem_situation=TYPED))

    assert unsaved.STASH not in client.session


@pytest.mark.django_db
def test_a_form_posted_past_the_absolute_limit_comes_back_too(
    client, social_worker, participation
):
    url = reverse("card:path_create", args=[participation.pk])
    client.force_login(social_worker)
    session = client.session
    session[SIGNED_IN_AT] = (
        timezone.now() - settings.SESSION_ABSOLUTE_LIMIT - timedelta(minutes=1)
    ).timestamp()
    session.save()

    response = client.post(url, path_post([], problem_situation=TYPED))
    assert response.url.startswith(LOGIN + "?next=")
    sign_in(client, social_worker, url)

    assert TYPED in client.get(url).content.decode()


@pytest.mark.django_db
def test_every_signed_in_page_carries_the_warning_before_the_session_ends(
    client, social_worker
):
    client.force_login(social_worker)
    page = client.get(reverse("home:start")).content.decode()

    assert 'role="alertdialog"' in page
    left = int(re.search(r'data-seconds-left="(\d+)"', page).group(1))
    assert settings.SESSION_COOKIE_AGE - 5 <= left <= settings.SESSION_COOKIE_AGE  # from sign-in
    assert "Przedłuż sesję" in page
    assert "/static/js/keep-typed.js" in page
    assert "<script>" not in page  # the CSP allows no inline script


@pytest.mark.django_db
def test_extending_the_session_renews_it_and_says_for_how_long(client, social_worker):
    client.force_login(social_worker)
    row = Session.objects.get(session_key=client.session.session_key)
    row.expire_date = timezone.now() + timedelta(minutes=2)
    row.save()

    response = client.post(reverse("accounts:session_extend"))

    assert response.json() == {"seconds_left": settings.SESSION_COOKIE_AGE}
    row = Session.objects.get(session_key=client.session.session_key)
    assert row.expire_date > timezone.now() + timedelta(minutes=25)


@pytest.mark.django_db
def test_the_warning_counts_the_absolute_limit_when_it_comes_first(client, social_worker):
    client.force_login(social_worker)
    session = client.session
    session[SIGNED_IN_AT] = (
        timezone.now() - settings.SESSION_ABSOLUTE_LIMIT + timedelta(minutes=10)
    ).timestamp()
    session.save()

    seconds_left = client.post(reverse("accounts:session_extend")).json()["seconds_left"]

    assert 590 <= seconds_left <= 600


def test_extending_the_session_needs_the_csrf_token(social_worker, db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)

    assert client.post(reverse("accounts:session_extend")).status_code == 403


@pytest.mark.django_db
def test_the_text_size_changes_in_place_from_the_script(client):
    response = client.post(
        reverse("accounts:text_size"), {"size": "large", "next": "/"},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 204
    assert response.cookies["text_size"].value == "large"
