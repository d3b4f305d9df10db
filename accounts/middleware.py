from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from . import two_factor

SIGNED_IN_AT = "signed_in_at"
# When the session was last written to the store: it ends SESSION_COOKIE_AGE after that.
WRITTEN_AT = "written_at"
WARN_BEFORE_SECONDS = 5 * 60


def _to_be_written(session, now: float) -> bool:
    """Whether this request writes the session (and so renews it): it changed, or it was last
    written more than SESSION_RENEW_SECONDS ago (or never, as far as it knows)."""
    written = session.get(WRITTEN_AT)
    return session.modified or written is None or now - written > settings.SESSION_RENEW_SECONDS


def renew_session(session) -> None:
    """Makes this request write the session, so that it lasts its whole idle period from now."""
    session.modified = True


def stamp_signed_in_session(sender, request, user, **kwargs) -> None:
    """At sign-in (user_logged_in): the absolute limit counts from now, and the session, written
    at the end of this request, is new (its next requests within the window write nothing)."""
    if request is not None and hasattr(request, "session"):
        now = timezone.now().timestamp()
        request.session[SIGNED_IN_AT] = now
        request.session[WRITTEN_AT] = now


def session_ends_at(session, now: float) -> float:
    """When the store ends the session if nothing more is done: its idle period after it was
    last written, or after this request if this request writes it."""
    written = now if _to_be_written(session, now) else session[WRITTEN_AT]
    return written + session.get_expiry_age()


def session_seconds_left(request) -> int:
    """Until the session ends if nothing more is done: its idle time, unless the absolute limit
    comes first. The page's warning counts down from this (static/js/keep-typed.js)."""
    now = timezone.now().timestamp()
    started = request.session.get(SIGNED_IN_AT, now)
    absolute = settings.SESSION_ABSOLUTE_LIMIT.total_seconds() - (now - started)
    return max(0, int(min(session_ends_at(request.session, now) - now, absolute)))


class SessionRenewalMiddleware(SessionMiddleware):
    """Django's session middleware, writing a used session when it changed or when
    SESSION_RENEW_SECONDS passed since it was last written, instead of on every request.

    Writing renews the session's idle period (its expiry in the store), so a session ends between
    SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS and SESSION_COOKIE_AGE after the last request;
    ``session_seconds_left`` counts from the written moment, so the page warns on time.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = timezone.now().timestamp()
            if _to_be_written(session, now):
                session[WRITTEN_AT] = now  # marks it modified: the parent writes it
        return super().process_response(request, response)


class SessionLifetimeMiddleware:
    """Ends a session that has lasted longer than SESSION_ABSOLUTE_LIMIT, active or not.

    Inactivity is handled by the session's age in the store (SessionRenewalMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(SIGNED_IN_AT, now)
            if now - started > settings.SESSION_ABSOLUTE_LIMIT.total_seconds():
                # Named for aktywizacja.unsaved: a form posted now comes back after signing in.
                request.ended_session_owner = request.user.pk
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class PrivatePagesNoStoreMiddleware:
    """Pages shown to a signed-in person may hold personal data: browsers must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) and request.user.is_authenticated:
            add_never_cache_headers(response)  # includes no-store and private
        return response


class PolishFirstMiddleware:
    """Polish unless the person chose English with the language switch (a cookie).

    Django would otherwise follow the browser's Accept-Language, and office computers are
    often set up in English while their users expect the Polish application.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class TwoFactorMiddleware:
    """After the password, a user with two-factor sign-in reaches nothing but the code page
    until the code is typed; the admin site included.

    Staff without a device go to set one up first when TWO_FACTOR_REQUIRED_FOR_STAFF is on.
    Signing out, static files and the text-size and language controls work meanwhile.
    """

    OPEN_URL_NAMES = ["accounts:two_factor_verify", "logout", "accounts:text_size", "set_language"]

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._open(request.path):
            if two_factor.owes_code(request):
                verify = reverse("accounts:two_factor_verify")
                return redirect_to_login(request.get_full_path(), verify)
            setup = reverse("accounts:two_factor")
            if request.path != setup and two_factor.owes_setup(request):
                return redirect(setup)
        return self.get_response(request)

    def _open(self, path: str) -> bool:
        return path.startswith(settings.STATIC_URL) or path in {
            reverse(name) for name in self.OPEN_URL_NAMES
        }
