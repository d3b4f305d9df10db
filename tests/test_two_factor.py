"""Two-factor sign-in with an authenticator app (SECURITY.md: sign-in and sessions)."""

import re
from base64 import b32decode

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
START = reverse("home:start")
SETUP = reverse("accounts:two_factor")
DISABLE = reverse("accounts:two_factor_disable")
VERIFY = reverse("accounts:two_factor_verify")
WRONG_CODE = (
    "The code is not correct. Type the code the app shows now, and check that the "
    "clock on the phone is set right."
)


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    right = int(code_of(device))
    return f"{(right + 500_000) % 1_000_000:06d}"


def sign_in(client, user):
    return client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD})


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def device(social_worker):
    return TOTPDevice.objects.create(user=social_worker, name="telefon", confirmed=True)


# Setting it up


def test_the_setup_page_shows_a_qr_code_and_the_key_for_typing(client, social_worker):
    client.force_login(social_worker)

    page = client.get(SETUP).content.decode()

    key = client.session["two_factor_setup_key"]
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'class="two-factor-qr"' in svg
    assert "style=" not in page  # the CSP forbids inline styles
    typed = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert b32decode(typed.replace(" ", "")).hex() == key
    assert not TOTPDevice.objects.exists()


def test_a_reloaded_setup_page_keeps_the_same_key(client, social_worker):
    client.force_login(social_worker)
    client.get(SETUP)
    key = client.session["two_factor_setup_key"]

    client.get(SETUP)

    assert client.session["two_factor_setup_key"] == key


def test_a_current_code_switches_two_factor_sign_in_on(client, social_worker):
    client.force_login(social_worker)
    client.get(SETUP)
    pending = TOTPDevice(key=client.session["two_factor_setup_key"])

    response = client.post(SETUP, {"code": code_of(pending)})

    assert response.status_code == 302
    assert response["Location"] == SETUP
    device = TOTPDevice.objects.get(user=social_worker)
    assert device.confirmed
    assert device.key == pending.key
    # this session proved the code already: it goes on without being asked again
    assert client.get(START).status_code == 200
    assert _("Switch two-factor sign-in off") in client.get(SETUP).content.decode()


def test_a_wrong_code_at_setup_saves_no_device(client, social_worker):
    client.force_login(social_worker)
    client.get(SETUP)
    pending = TOTPDevice(key=client.session["two_factor_setup_key"])

    response = client.post(SETUP, {"code": wrong_code_for(pending)})

    assert response.status_code == 400
    assert _(WRONG_CODE) in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_a_code_that_is_not_six_digits_is_refused(client, social_worker):
    client.force_login(social_worker)

    response = client.post(SETUP, {"code": "12ab"})

    assert response.status_code == 400
    assert _("Type the six digits shown in the app.") in response.content.decode()


# Signing in with it


def test_after_the_password_a_user_with_a_device_must_type_a_code(client, social_worker, device):
    response = sign_in(client, social_worker)

    assert response.status_code == 302
    assert signed_in(client)
    for url in [START, reverse("projects:project_list"), SETUP]:
        blocked = client.get(url)
        assert blocked.status_code == 302
        assert blocked["Location"] == f"{VERIFY}?next={url}"
    assert client.get(VERIFY).status_code == 200


def test_the_right_code_opens_the_page_asked_for(client, social_worker, device):
    sign_in(client, social_worker)
    key_before = client.session.session_key

    response = client.post(VERIFY, {"code": code_of(device), "next": START})

    assert response.status_code == 302
    assert response["Location"] == START
    assert client.get(START).status_code == 200
    assert client.session.session_key != key_before


def test_a_used_code_does_not_work_twice(client, social_worker, device):
    code = code_of(device)
    sign_in(client, social_worker)
    client.post(VERIFY, {"code": code})
    client.post(reverse("logout"))
    sign_in(client, social_worker)

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 400
    assert client.get(START).status_code == 302


def test_a_wrong_code_is_refused_with_a_clear_message(client, social_worker, device):
    sign_in(client, social_worker)

    response = client.post(VERIFY, {"code": wrong_code_for(device), "next": START})

    assert response.status_code == 400
    assert _(WRONG_CODE) in response.content.decode()
    assert signed_in(client)
    assert client.get(START).status_code == 302


def test_codes_typed_too_fast_after_a_wrong_one_are_held_back(
    client, social_worker, device, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute's wait after one failure, however slow
    sign_in(client, social_worker)
    client.post(VERIFY, {"code": wrong_code_for(device)})

    response = client.post(VERIFY, {"code": code_of(device)})

    assert response.status_code == 400
    assert _(
        "Too many wrong codes in a row. Wait a few seconds and type the code the app shows now."
    ) in response.content.decode()


def test_five_wrong_codes_sign_the_user_out(client, social_worker, device):
    sign_in(client, social_worker)

    for _attempt in range(4):
        client.post(VERIFY, {"code": wrong_code_for(device)})
    assert signed_in(client)
    response = client.post(VERIFY, {"code": wrong_code_for(device)}, follow=True)

    assert not signed_in(client)
    assert response.redirect_chain[-1][0] == LOGIN
    assert _("Too many wrong codes: you have been signed out. Sign in again.") in (
        response.content.decode()
    )


def test_signing_out_and_the_text_size_work_before_the_code(client, social_worker, device):
    sign_in(client, social_worker)

    text_size = client.post(reverse("accounts:text_size"), {"size": "large", "next": VERIFY})
    signed_out = client.post(reverse("logout"))

    assert text_size["Location"] == VERIFY
    assert signed_out["Location"] == reverse(settings.LOGOUT_REDIRECT_URL)
    assert not signed_in(client)


def test_a_user_without_a_device_signs_in_as_before(client, social_worker):
    response = sign_in(client, social_worker)

    assert response["Location"] == START
    assert client.get(START).status_code == 200
    assert client.get(f"{VERIFY}?next={START}")["Location"] == START


def test_the_admin_site_asks_a_superuser_with_a_device_for_the_code(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="telefon", confirmed=True)
    admin_index = reverse("admin:index")
    sign_in(client, admin)

    blocked = client.get(admin_index)
    client.post(VERIFY, {"code": code_of(device)})

    assert blocked["Location"] == f"{VERIFY}?next={admin_index}"
    assert client.get(admin_index).status_code == 200


def test_the_admin_site_works_for_a_superuser_without_a_device(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, admin)

    assert client.get(reverse("admin:index")).status_code == 200


# Switching it off


@pytest.fixture
def verified_client(client, social_worker, device):
    sign_in(client, social_worker)
    client.post(VERIFY, {"code": code_of(device)})
    assert client.get(START).status_code == 200
    return client


def test_a_password_switches_it_off(verified_client, social_worker):
    response = verified_client.post(DISABLE, {"confirmation": TEST_PASSWORD})

    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=social_worker).exists()
    assert verified_client.get(START).status_code == 200


def test_a_current_code_switches_it_off(verified_client, social_worker, device):
    next_code = f"{totp(device.bin_key, drift=1):06d}"  # the one used at sign-in is spent

    response = verified_client.post(DISABLE, {"confirmation": next_code})

    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=social_worker).exists()


def test_a_wrong_confirmation_keeps_it_on(verified_client, social_worker, device):
    response = verified_client.post(DISABLE, {"confirmation": "123456"})

    assert response.status_code == 400
    assert _("This is neither a current code from the app nor your password.") in (
        response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=social_worker).exists()


def test_five_wrong_confirmations_sign_the_user_out(verified_client, device):
    for _attempt in range(5):
        response = verified_client.post(DISABLE, {"confirmation": "Zle.haslo-do-testow"})

    # A wrong password here counts as one at the sign-in page: the account is locked.
    assert response.status_code == 429
    assert not signed_in(verified_client)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_switching_off_is_post_only(verified_client):
    assert verified_client.get(DISABLE).status_code == 405


# Required for staff


@pytest.fixture
def required_for_staff(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True


def test_staff_without_a_device_are_sent_to_set_it_up(client, required_for_staff):
    staff = UserFactory(is_staff=True)
    sign_in(client, staff)

    response = client.get(START)

    assert response["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    assert _("Staff accounts must use two-factor sign-in. Set it up to go on.") in (
        client.get(SETUP).content.decode()
    )


def test_staff_reach_the_pages_once_it_is_set_up(client, required_for_staff):
    staff = UserFactory(is_staff=True)
    sign_in(client, staff)
    client.get(SETUP)
    pending = TOTPDevice(key=client.session["two_factor_setup_key"])

    client.post(SETUP, {"code": code_of(pending)})

    assert client.get(START).status_code == 200


def test_the_requirement_leaves_other_users_alone(client, social_worker, required_for_staff):
    sign_in(client, social_worker)

    assert client.get(START).status_code == 200


def test_without_the_setting_staff_sign_in_as_before(client):
    staff = UserFactory(is_staff=True)
    sign_in(client, staff)

    assert client.get(START).status_code == 200


def test_a_verified_superuser_can_manage_devices_in_the_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="telefon", confirmed=True)
    sign_in(client, admin)
    client.post(VERIFY, {"code": code_of(device)})

    listed = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    shown = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))

    assert listed.status_code == 200
    assert shown.status_code == 200
    assert device.key not in shown.content.decode()  # OTP_ADMIN_HIDE_SENSITIVE_DATA
