"""The A / A+ / A++ text-size control, kept in a cookie: it works before sign-in and without JS."""

from django.utils.translation import gettext_lazy as _

COOKIE = "text_size"
TEXT_SIZES = [
    ("normal", "A", _("Normal text size")),
    ("large", "A+", _("Larger text")),
    ("larger", "A++", _("Largest text")),
]
_KNOWN = {code for code, _label, _description in TEXT_SIZES}


def text_size_of(request) -> str:
    size = request.COOKIES.get(COOKIE, "normal")
    return size if size in _KNOWN else "normal"


def is_known(size: str) -> bool:
    return size in _KNOWN
