from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


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

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."), code="wrong_password")
        return password
