from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import two_factor as tf
from .forms import (
    PasswordConfirmForm,
    ThrottledPasswordChangeForm,
    TwoFactorCodeForm,
    TwoFactorDisableForm,
)
from .middleware import renew_session, session_seconds_left
from .textsize import COOKIE, is_known


@require_POST
def set_text_size(request):
    size = request.POST.get("size", "normal")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    # From static/js/textsize.js the page changes in place: a half-filled form stays as it is.
    in_place = request.headers.get("X-Requested-With") == "fetch"
    response = HttpResponse(status=204) if in_place else HttpResponseRedirect(target)
    if is_known(size):
        response.set_cookie(
            COOKIE, size, max_age=365 * 24 * 3600, samesite="Lax",
            secure=request.is_secure(), httponly=True,
        )
    return response


@require_POST
@login_required
def session_extend(request):
    """The "Extend session" button of the warning before the session ends: this request
    renews the session whenever it was last written; the answer is the time it has now."""
    renew_session(request.session)
    return JsonResponse({"seconds_left": session_seconds_left(request)})


@login_required
def confirm_password(request):
    """Asks for the password again before a sensitive action, then returns to it."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home:start")
    form = PasswordConfirmForm(
        request.POST if request.method == "POST" else None, request=request
    )
    if request.method == "POST" and form.is_valid():
        return HttpResponseRedirect(next_url)
    return render(request, "registration/confirm_password.html", {
        "form": form, "next": next_url,
    }, status=400 if form.errors else 200)


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("home:start")


def _wrong_code() -> str:
    return _(
        "The code is not correct. Type the code the app shows now, and check that the "
        "clock on the phone is set right."
    )


def _sign_out_after_too_many_failures(request):
    """Someone else at an unattended computer, or guessing: end the session."""
    logout(request)
    messages.error(request, _("Too many wrong codes: you have been signed out. Sign in again."))
    return redirect(settings.LOGIN_URL)


@login_required
def two_factor(request):
    """Setting up two-factor sign-in (a QR code for the app, then a code typed back), or,
    once it is on, switching it off."""
    device = tf.confirmed_device(request.user)
    if device is not None:
        if request.method == "POST":
            return redirect("accounts:two_factor")
        form = TwoFactorDisableForm(request=request, device=device)
        return render(request, "registration/two_factor.html", {"device": device, "form": form})
    pending = tf.pending_device(request)
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if tf.totp_device_confirm(request=request, device=pending, token=form.cleaned_data["code"]):
            messages.success(request, _(
                "Two-factor sign-in is on: from now on, after your password you will be asked "
                "for a code from the app."
            ))
            return redirect("accounts:two_factor")
        form.add_error("code", _wrong_code())
    return render(request, "registration/two_factor.html", {
        "form": form,
        "qr_code": tf.qr_code_svg(pending),
        "secret": tf.secret_for_typing(pending),
        "required": tf.owes_setup(request),
    }, status=400 if form.errors else 200)


@require_POST
@login_required
def two_factor_disable(request):
    device = tf.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:two_factor")
    form = TwoFactorDisableForm(request.POST, request=request, device=device)
    if form.is_valid():
        tf.totp_device_remove(request=request)
        request.session.pop(tf.FAILURES_KEY, None)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("accounts:two_factor")
    if tf.count_failure(request) >= tf.MAX_FAILURES:
        return _sign_out_after_too_many_failures(request)
    return render(
        request, "registration/two_factor.html", {"device": device, "form": form}, status=400
    )


@login_required
def two_factor_verify(request):
    """The code from the app, asked after the password of a user who has set one up."""
    next_url = _safe_next(request)
    device = tf.confirmed_device(request.user) if tf.owes_code(request) else None
    if device is None:
        request.session[tf.HAS_DEVICE] = request.user.is_verified()
        return HttpResponseRedirect(next_url)
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            allowed, _reason = device.verify_is_allowed()
            code = form.cleaned_data["code"]
            if allowed and tf.totp_device_verify(request=request, device=device, token=code):
                return HttpResponseRedirect(next_url)
            form.add_error("code", _wrong_code() if allowed else _(
                "Too many wrong codes in a row. Wait a few seconds and type the code the app "
                "shows now."
            ))
        if tf.count_failure(request) >= tf.MAX_FAILURES:
            return _sign_out_after_too_many_failures(request)
    return render(request, "registration/two_factor_verify.html", {
        "form": form, "next": next_url,
    }, status=400 if form.errors else 200)


class PasswordChange(auth_views.PasswordChangeView):
    """The old password counts towards the lockout like every other password prompt."""

    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}
