from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .reauth import password_typed_again


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": _("This account is inactive. Ask the administrator."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def get_invalid_login_error(self):
        limit = settings.AXES_FAILURE_LIMIT
        message = ngettext(
            "The user name or password is wrong (the password is case-sensitive). "
            "After %(limit)s failed attempt the account is locked for a while.",
            "The user name or password is wrong (the password is case-sensitive). "
            "After %(limit)s failed attempts the account is locked for a while.",
            limit,
        )
        return ValidationError(message, code="invalid_login", params={"limit": limit})


class PasswordConfirmForm(forms.Form):
    """The signed-in person's own password, asked again before a sensitive action."""

    password = forms.CharField(
        label=_("Your password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_typed_again(self.request, password):
            raise ValidationError(_("The password is not correct."), code="wrong_password")
        return password


def _code_field():
    return forms.CharField(
        label=_("Code from the app"),
        help_text=_("Six digits; the app shows a new code every 30 seconds."),
        max_length=20,
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True,
        }),
    )


def _six_digits(value: str) -> str:
    code = "".join(value.split())  # the apps show "123 456"
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise ValidationError(_("Type the six digits shown in the app."), code="format")
    return code


class TwoFactorCodeForm(forms.Form):
    """A code from the authenticator app; checked by the view against the device."""

    code = _code_field()

    def clean_code(self):
        return _six_digits(self.cleaned_data["code"])


class TwoFactorDisableForm(forms.Form):
    """Switching two-factor sign-in off: a current code from the app, or the password."""

    confirmation = forms.CharField(
        label=_("A current code from the app, or your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, device, **kwargs):
        self.request = request
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"]
        try:
            code = _six_digits(typed)
        except ValidationError:
            code = None
        if code is not None and self.device.verify_token(code):
            return typed
        # Not a current code: a password, checked (and counted when wrong) as every one is.
        if not password_typed_again(self.request, typed):
            raise ValidationError(
                _("This is neither a current code from the app nor your password."),
                code="wrong_confirmation",
            )
        return typed


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked (and counted) as every password
    typed again is (accounts/reauth.py)."""

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_typed_again(self.request, old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
