"""PESEL numbers, checked with python-stdnum (ASCII digits only, checksum, birth date)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel


def normalise_pesel(value: str) -> str:
    """The PESEL as 11 digits, or a ValidationError with a Polish message."""
    if not value.isascii():
        # stdnum would quietly turn full-width and other Unicode digits into ASCII ones.
        raise ValidationError(
            _("A PESEL number may contain only the digits 0–9."), code="invalid_format"
        )
    try:
        return pesel.validate(value.strip())
    except InvalidLength as exc:
        raise ValidationError(_("A PESEL number has 11 digits."), code="invalid_length") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This PESEL number has a wrong check digit: check it against the ID card."),
            code="invalid_checksum",
        ) from exc
    except InvalidComponent as exc:
        raise ValidationError(
            _("This PESEL number does not encode a real date of birth."), code="invalid_date"
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("A PESEL number may contain only the digits 0–9."), code="invalid_format"
        ) from exc


def pesel_birth_date(value: str) -> date:
    return pesel.get_birth_date(value)


def pesel_sex(value: str) -> str:
    """'K' (kobieta) or 'M' (mężczyzna), as the sex code list has it."""
    return "K" if pesel.get_gender(value) == "F" else "M"
