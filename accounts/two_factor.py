"""Two-factor sign-in (SECURITY.md): a TOTP app, with django-otp doing the cryptography.

Whether a session still owes a code is decided at sign-in and kept in the session, so that the
pages of people without a device cost no extra query.
"""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

SETUP_KEY = "two_factor_setup_key"  # the secret shown on the set-up page until it is confirmed
HAS_DEVICE = "two_factor_has_device"  # the user had a confirmed device when this session began
FAILURES_KEY = "two_factor_failures"
MAX_FAILURES = 5
DEVICE_NAME = "Aplikacja uwierzytelniająca"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def remember_device_at_sign_in(sender, request, user, **kwargs):
    """Signing in with the password: the session owes a code if the user has a device."""
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE] = confirmed_device(user) is not None
        request.session.pop(FAILURES_KEY, None)


def owes_code(request) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if HAS_DEVICE not in request.session:  # a session begun before two-factor sign-in existed
        request.session[HAS_DEVICE] = confirmed_device(user) is not None
    return request.session[HAS_DEVICE]


def owes_setup(request) -> bool:
    """Staff without a device, where the office requires two-factor sign-in for staff."""
    user = request.user
    return (
        settings.TWO_FACTOR_REQUIRED_FOR_STAFF
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
        and not owes_code(request)
    )


def pending_device(request) -> TOTPDevice:
    """The device being set up: not saved until a code from it is typed back."""
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = default_key()
    return TOTPDevice(user=request.user, key=key, name=DEVICE_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as the apps ask for it when typed (base32), in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG (SVG attributes only: the CSP forbids style="").

    The SVG is geometry drawn by segno from the address; no text of the user's is in it.
    """
    code = segno.make(device.config_url, error="m")
    return mark_safe(code.svg_inline(scale=5, dark="#000", light="#fff", svgclass="two-factor-qr"))


def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Saves the pending device as confirmed if the token is one it generates now.

    The user's earlier devices are removed: one app per person keeps switching it off simple.
    """
    with transaction.atomic():
        device.full_clean()
        device.save()
        if not device.verify_token(token):
            transaction.set_rollback(True)  # nothing stays of a failed attempt
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    request.session.pop(SETUP_KEY, None)
    request.session[HAS_DEVICE] = True
    django_otp.login(request, device)
    return True


def totp_device_verify(*, request, device: TOTPDevice, token: str) -> bool:
    """Checks a sign-in code (django-otp throttles repeated failures on the device)."""
    verified = django_otp.verify_token(request.user, device.persistent_id, token)
    if verified is None:
        return False
    django_otp.login(request, verified)
    request.session.cycle_key()  # a new session key for the fully signed-in session
    request.session.pop(FAILURES_KEY, None)
    return True


def totp_device_remove(*, request) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
    request.session[HAS_DEVICE] = False
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    request.user.otp_device = None


def count_failure(request) -> int:
    failures = request.session.get(FAILURES_KEY, 0) + 1
    request.session[FAILURES_KEY] = failures
    return failures
