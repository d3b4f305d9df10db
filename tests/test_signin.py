"""Sign-in, lockout, sessions, passwords and error reports (SECURITY.md: sign-in and sessions)."""

import re
import sys
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY, password_validation
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.debug import get_exception_reporter_class

from accounts.middleware import SIGNED_IN_AT, WRITTEN_AT
from accounts.reporting import PersonalDataExceptionReporterFilter
from aktywizacja.settings import base as base_settings
from demo.people import make_pesel

from .factories import TEST_PASSWORD

LOGIN = reverse("login")
START = reverse("home:start")
NEW_PASSWORD = "Zielone.jabłka-na.wietrze"
PESEL = make_pesel(date(1980, 5, 17), 42, "K")


def sign_in(client, username, password=TEST_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail_until_locked(client, username, **extra):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, "Zle.haslo-do-testow", **extra)


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def codes_of(error: ValidationError) -> set[str]:
    return {item.code for item in error.error_list}


# Signing in


def test_it_signs_in_with_the_right_password_and_opens_the_start_page(client, social_worker):
    response = sign_in(client, "alicja")
    assert response.status_code == 302
    assert response.url == START
    assert signed_in_user_id(client) == str(social_worker.pk)
    assert client.get(START).status_code == 200


def test_it_refuses_a_wrong_password(client, social_worker):
    response = sign_in(client, "alicja", "Zle.haslo-do-testow")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_user_id(client) is None


def test_it_rotates_the_session_key_at_sign_in(client, social_worker):
    session = client.session
    session["before_sign_in"] = True
    session.save()
    key_before = session.session_key

    sign_in(client, "alicja")

    key_after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert key_after != key_before
    assert not Session.objects.filter(session_key=key_before).exists()
    assert signed_in_user_id(client) == str(social_worker.pk)


def test_an_inactive_user_cannot_sign_in(client, social_worker):
    social_worker.is_active = False
    social_worker.save()
    response = sign_in(client, "alicja")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_user_id(client) is None


def test_deactivating_a_user_ends_their_session(client, social_worker):
    sign_in(client, "alicja")
    social_worker.is_active = False
    social_worker.save()

    response = client.get(START)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


# Lockout


def test_it_locks_the_account_after_the_failure_limit(client, social_worker):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_until_locked(client, "alicja")

    response = sign_in(client, "alicja")

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None


def test_the_lockout_is_keyed_on_the_username_not_the_ip(client, social_worker, coordinator):
    fail_until_locked(client, "alicja")

    response = sign_in(client, "bartosz")

    assert response.status_code == 302
    assert response.url == START
    assert signed_in_user_id(client) == str(coordinator.pk)


def test_the_lockout_follows_the_username_to_another_ip(client, social_worker):
    fail_until_locked(client, "alicja", REMOTE_ADDR="203.0.113.7")
    response = sign_in(client, "alicja", REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("spelling", [" alicja", "alicja ", "ａｌｉｃｊａ"])
def test_the_lockout_cannot_be_bypassed_by_respelling_the_username(client, social_worker, spelling):
    fail_until_locked(client, "alicja")
    response = sign_in(client, spelling)
    assert response.status_code != 302
    assert signed_in_user_id(client) is None


def test_failures_below_the_limit_do_not_lock(client, social_worker):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "alicja", "Zle.haslo-do-testow")
    assert sign_in(client, "alicja").status_code == 302


# Signing out


def test_sign_out_requires_post(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("logout")).status_code == 405
    assert signed_in_user_id(client) == str(social_worker.pk)


def test_sign_out_ends_the_session(client, social_worker):
    client.force_login(social_worker)
    key = client.session.session_key

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse(settings.LOGOUT_REDIRECT_URL)
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(START).status_code == 302


# Sessions


def test_the_inactivity_timeout_is_at_most_thirty_minutes():
    assert 0 < settings.SESSION_COOKIE_AGE <= 30 * 60
    # Renewed at most a minute late (the tests' own settings wait longer: tests/test_request_cost)
    assert 0 < base_settings.SESSION_RENEW_SECONDS <= min(60, settings.SESSION_COOKIE_AGE / 10)


def session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_a_request_after_the_renewal_window_renews_the_session(client, social_worker):
    client.force_login(social_worker)
    session = client.session
    session[WRITTEN_AT] -= settings.SESSION_RENEW_SECONDS + 1
    session.save()
    row = session_row(client)
    row.expire_date = timezone.now() + timedelta(minutes=1)
    row.save()

    client.get(START)

    remaining = session_row(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_idle_session_expires(client, social_worker):
    client.force_login(social_worker)
    row = session_row(client)
    row.expire_date = timezone.now() - timedelta(seconds=1)
    row.save()

    response = client.get(START)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def set_signed_in_at(client, moment):
    session = client.session
    session[SIGNED_IN_AT] = moment.timestamp()
    session.save()


def test_a_session_within_the_absolute_limit_stays(client, social_worker):
    client.force_login(social_worker)
    almost_expired = timezone.now() - settings.SESSION_ABSOLUTE_LIMIT + timedelta(minutes=5)
    set_signed_in_at(client, almost_expired)
    assert client.get(START).status_code == 200


def test_the_absolute_limit_signs_out_an_active_session(client, social_worker):
    client.force_login(social_worker)
    expired = timezone.now() - settings.SESSION_ABSOLUTE_LIMIT - timedelta(minutes=1)
    set_signed_in_at(client, expired)

    response = client.get(START)

    assert response.status_code == 302
    assert response.url.startswith(reverse(settings.LOGIN_URL) + "?next=")
    assert signed_in_user_id(client) is None
    assert client.get(START).status_code == 302


def test_the_absolute_limit_counts_from_the_first_signed_in_request(client, social_worker):
    client.force_login(social_worker)
    client.get(START)
    started = client.session[SIGNED_IN_AT]
    assert abs(started - timezone.now().timestamp()) < 60


# Passwords


def test_it_rejects_a_password_shorter_than_twelve_characters():
    with pytest.raises(ValidationError) as caught:
        password_validation.validate_password("Kr0tk1e.xyz")
    assert "password_too_short" in codes_of(caught.value)
    password_validation.validate_password(NEW_PASSWORD)


@pytest.mark.parametrize("password", ["qwerty123456", "1qaz2wsx3edc", "Q1w2e3r4t5y6"])
def test_it_rejects_a_common_password(password):
    with pytest.raises(ValidationError) as caught:
        password_validation.validate_password(password)
    assert "password_too_common" in codes_of(caught.value)


def change_password(client, user, new_password):
    client.force_login(user)
    return client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )


@pytest.mark.parametrize(
    "password",
    ["Aktywizacja.2026!", "Nasz-MOPS-w-Lubartowie", "gops.gops.gops.9", "Lubartów-na-zawsze"],
)
def test_the_password_change_form_rejects_context_words(client, social_worker, password):
    response = change_password(client, social_worker, password)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert "password_context_word" in {error.code for error in errors}
    social_worker.refresh_from_db()
    assert social_worker.check_password(TEST_PASSWORD)


def test_the_password_change_form_accepts_a_good_password(client, social_worker):
    response = change_password(client, social_worker, NEW_PASSWORD)
    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.check_password(NEW_PASSWORD)


# Password reset


def without_csrf_token(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_password_reset_sends_a_working_link(client, social_worker):
    response = request_reset(client, social_worker.email)
    assert response.redirect_chain[-1][0] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [social_worker.email]
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")
    client.logout()
    assert sign_in(client, social_worker.username, NEW_PASSWORD).status_code == 302


def test_password_reset_shows_the_same_page_for_an_unknown_address(client, social_worker):
    known = request_reset(client, social_worker.email)
    mail.outbox.clear()
    unknown = request_reset(client, "nikt-taki@example.org")

    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert without_csrf_token(unknown.content) == without_csrf_token(known.content)


def test_a_reset_link_works_only_once(client, social_worker):
    request_reset(client, social_worker.email)
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False


# Error reports


def pesel_post_request(**extra):
    request = RequestFactory().post("/uczestnicy/nowy/", {"pesel": PESEL, "last_name": "Nowak"})
    for name, value in extra.items():
        setattr(request, name, value)
    return request


def test_error_reports_hide_the_pesel_of_any_post():
    request = pesel_post_request()
    cleansed = PersonalDataExceptionReporterFilter().get_post_parameters(request)
    assert cleansed["pesel"] != PESEL
    assert cleansed["last_name"] == "Nowak"


def test_error_reports_hide_the_pesel_beside_other_sensitive_fields():
    request = pesel_post_request(sensitive_post_parameters=["password"])
    reporter_filter = PersonalDataExceptionReporterFilter()
    cleansed = reporter_filter.get_post_parameters(request)
    assert cleansed["pesel"] == reporter_filter.cleansed_substitute
    assert cleansed["last_name"] == "Nowak"
    assert request.POST["pesel"] == PESEL


def test_error_reports_hide_the_authorization_header():
    request = RequestFactory().get("/", HTTP_AUTHORIZATION="Basic YWxpY2phOnRham5l")
    meta = PersonalDataExceptionReporterFilter().get_safe_request_meta(request)
    assert "YWxpY2phOnRham5l" not in str(meta["HTTP_AUTHORIZATION"])


def error_report_text(request) -> str:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter_class = get_exception_reporter_class(request)  # the one Django uses
        return reporter_class(request, *sys.exc_info()).get_traceback_text()


def test_error_reports_hide_a_pesel_in_the_query_string():
    report = error_report_text(RequestFactory().get("/projekty/", {"szukaj": PESEL}))
    assert PESEL not in report


def fail_holding(participant_data):
    raise RuntimeError("boom")


def test_error_reports_hide_frame_variables_that_hold_a_pesel():
    try:
        fail_holding({"pesel": PESEL})
    except RuntimeError:
        report = get_exception_reporter_class(None)(None, *sys.exc_info()).get_traceback_html()
    assert "participant_data" in report
    assert PESEL not in report


def test_error_reports_use_the_personal_data_filter():
    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER == (
        "accounts.reporting.PersonalDataExceptionReporterFilter"
    )
