"""Sensitive actions ask for the password again (SECURITY.md): bulk export and import of personal
data, a change of a project's team. A password typed at sign-in or on the confirmation page counts
for REAUTH_MINUTES.

Every prompt for the password of a signed-in person checks it with ``password_typed_again``: a
wrong one counts, as a failed sign-in does, towards django-axes' lockout of the account (5 within
the cool-off time by default), and the one that reaches the limit ends the session. Guessing on
any form is throttled exactly as guessing at the sign-in page is.
"""

import time
from urllib.parse import quote

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "password_confirmed_at"


def mark_password_confirmed(request) -> None:
    request.session[SESSION_KEY] = int(time.time())


def password_typed_again(request, password: str) -> bool:
    """Whether the signed-in person typed their own password; a wrong one is a failed attempt."""
    if password and request.user.check_password(password):
        mark_password_confirmed(request)
        return True
    wrong_password_typed(request)
    return False


def wrong_password_typed(request) -> None:
    """Counts towards the account's lockout; at the limit the session ends (and django-axes'
    middleware answers with the lockout page)."""
    credentials = {"username": request.user.get_username()}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if AxesProxyHandler.is_locked(request, credentials):
        request.axes_locked_out = True
        logout(request)


def password_recently_confirmed(request) -> bool:
    confirmed_at = request.session.get(SESSION_KEY)
    return confirmed_at is not None and time.time() - confirmed_at < settings.REAUTH_MINUTES * 60


def confirmation_url(next_url: str) -> str:
    return f"{reverse('accounts:confirm_password')}?next={quote(next_url, safe='/')}"


def confirm_password_first(request, *, back_on_post: str | None = None):
    """The detour to the password page when the password was not typed lately, else ``None``.

    Called by a view once it has found what the person may reach (so that a page of another
    project still answers 404, not a password prompt). A POST cannot be replayed after the
    detour, so it goes back to ``back_on_post``, the page the form was on.
    """
    if password_recently_confirmed(request):
        return None
    back = request.get_full_path()
    if request.method == "POST" and back_on_post is not None:
        back = back_on_post
    return redirect(confirmation_url(back))


def on_sign_in(sender, request, user, **kwargs):
    """Signing in is a fresh confirmation of the password."""
    if request is not None and hasattr(request, "session"):
        mark_password_confirmed(request)
