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
