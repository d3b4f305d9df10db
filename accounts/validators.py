from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words anyone near the office would try first.
CONTEXT_WORDS = (
    "aktywizacja", "haslo", "hasło", "mops", "gops", "pcpr", "pomoc", "projekt",
    "socjalny", "koordynator", "kierownik", "uczestnik", "lubartow", "lubartów", "efs",
)


class ContextWordsValidator:
    """Rejects passwords built around the application's and the office's own words."""

    def validate(self, password, user=None):
        lowered = password.lower()
        found = [word for word in CONTEXT_WORDS if word in lowered]
        if found:
            raise ValidationError(
                _("The password must not contain the word “%(word)s”: it is easy to guess here.")
                % {"word": found[0]},
                code="password_context_word",
            )

    def get_help_text(self):
        return _("Your password cannot contain words tied to this office or application.")
