"""Sensitive actions ask for the password again (SECURITY.md): bulk export and import of personal
data. A password typed at sign-in or on the confirmation page counts for REAUTH_MINUTES."""

import time
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "password_confirmed_at"


def mark_password_confirmed(request) -> None:
    request.session[SESSION_KEY] = int(time.time())


def password_recently_confirmed(request) -> bool:
    confirmed_at = request.session.get(SESSION_KEY)
    return confirmed_at is not None and time.time() - confirmed_at < settings.REAUTH_MINUTES * 60


def confirmation_url(next_url: str) -> str:
    return f"{reverse('accounts:confirm_password')}?next={quote(next_url, safe='/')}"


def password_confirmed(next_on_post=None):
    """Sends the user to confirm their password first, then back to the page.

    A POST cannot be replayed after the detour, so it goes back to ``next_on_post(request,
    **kwargs)``, the page the form was on.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated and not password_recently_confirmed(request):
                back = request.get_full_path()
                if request.method == "POST" and next_on_post is not None:
                    back = next_on_post(request, *args, **kwargs)
                return redirect(confirmation_url(back))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def on_sign_in(sender, request, user, **kwargs):
    """Signing in is a fresh confirmation of the password."""
    if request is not None and hasattr(request, "session"):
        mark_password_confirmed(request)
