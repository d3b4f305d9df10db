"""Polish organisation numbers, checked with python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip, regon


def _check(module, value: str, *, name: str, lengths: str) -> str:
    if not value.isascii():
        # stdnum would quietly turn full-width and other Unicode digits into ASCII ones.
        raise ValidationError(
            _("%(name)s may contain only digits (0–9) and dashes.") % {"name": name},
            code="invalid_format",
        )
    try:
        return module.validate(value)
    except InvalidLength as exc:
        raise ValidationError(
            _("%(name)s must have %(lengths)s digits.") % {"name": name, "lengths": lengths},
            code="invalid_length",
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("%(name)s has a wrong check digit: check it against the document.") % {"name": name},
            code="invalid_checksum",
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("%(name)s may contain only digits (0–9) and dashes.") % {"name": name},
            code="invalid_format",
        ) from exc


def normalise_nip(value: str) -> str:
    return _check(nip, value, name="NIP", lengths="10")


def normalise_regon(value: str) -> str:
    return _check(regon, value, name="REGON", lengths=_("9 or 14"))


def validate_nip(value: str) -> None:
    if value:
        normalise_nip(value)


def validate_regon(value: str) -> None:
    if value:
        normalise_regon(value)
