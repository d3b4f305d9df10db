"""A form posted after the session ended comes back filled once its author signs in again.

When a POST from a signed-out browser is answered with the sign-in page, what was typed is kept
in the new, anonymous session together with the user the ended session belonged to. The sign-in
keeps the session's data (Django's ``login`` cycles the key of an anonymous session), and the
next GET of the same address by that same user gets it back, once: ``FormScreen`` binds its form
to it and says so; nothing is saved until the person saves again with a fresh CSRF token.

Passwords, files and the CSRF token are never kept. Whatever is not restored is dropped after
``KEEP_SECONDS`` or as soon as someone else signs in on that browser.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.http import QueryDict
from django.shortcuts import resolve_url

STASH = "unsaved_form"
KEEP_SECONDS = 15 * 60
MAX_CHARACTERS = 100_000  # a long IŚR is ~10,000; more is not a form typed by hand
LEFT_OUT = {"csrfmiddlewaretoken", "next"}


def _kept(name: str) -> bool:
    return name not in LEFT_OUT and "password" not in name


def keep(request, owner_pk: str) -> None:
    data = [(name, value) for name, values in request.POST.lists() if _kept(name)
            for value in values]
    if sum(len(name) + len(value) for name, value in data) > MAX_CHARACTERS:
        return
    request.session[STASH] = {
        "owner": str(owner_pk), "path": request.path, "at": time.time(), "data": data,
    }


def take(request) -> QueryDict | None:
    """What was typed at this address before signing in again, for this user only; once."""
    stash = request.session.get(STASH)
    if not stash or stash["path"] != request.path:
        return None
    del request.session[STASH]
    if stash["owner"] != str(request.user.pk) or time.time() - stash["at"] > KEEP_SECONDS:
        return None
    data = QueryDict(mutable=True)
    for name, value in stash["data"]:
        data.appendlist(name, value)
    return data


def _ended_session_owner(request) -> str | None:
    """The user of the session the browser's cookie named, ended by its idle time.

    A session ended by its absolute limit names its user on the request instead (its row is
    deleted at sign-out)."""
    owner = getattr(request, "ended_session_owner", None)
    if owner is not None:
        return str(owner)
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    ended = Session.objects.filter(session_key=key).first() if key else None
    return ended.get_decoded().get(SESSION_KEY) if ended else None


class UnsavedFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        stash = request.session.get(STASH)
        if stash and request.user.is_authenticated and (
            stash["owner"] != str(request.user.pk)
            or time.time() - stash["at"] > KEEP_SECONDS
        ):
            del request.session[STASH]
        response = self.get_response(request)
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and response.status_code == 302
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?")
        ):
            owner = _ended_session_owner(request)
            if owner is not None:
                keep(request, owner)
        return response
