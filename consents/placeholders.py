"""The placeholders a form's text may hold, and their filling.

A coordinator writes the text; the application only replaces ``{name}`` for the names listed
here with the participant's data, as plain text (the PDF template escapes it). No template
language runs on what a user typed: a brace that names nothing listed is refused when the text is
saved, and any other text is printed as it is.
"""

import re
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
BLANK = "…………………………"  # a gap to fill in by hand when the record has no value

PLACEHOLDERS = {
    "imie_nazwisko": _("first and last name"),
    "imie": _("first name"),
    "nazwisko": _("last name"),
    "pesel": _("PESEL (or another identifier for a person without one)"),
    "data_urodzenia": _("date of birth"),
    "adres": _("address: street, number, postcode and town"),
    "gmina": _("commune"),
    "telefon": _("phone"),
    "email": _("e-mail"),
    "projekt": _("title of the project"),
    "numer_umowy": _("number of the grant agreement"),
    "program": _("funding programme"),
    "priorytet": _("priority, measure and sub-measure"),
    "fundusz": _("fund (e.g. European Social Fund)"),
    "beneficjent": _("lead beneficiary"),
    "beneficjent_adres": _("address of the lead beneficiary"),
    "partnerzy": _("partners of the project"),
    "okres_projektu": _("period of the project"),
    "data": _("date of printing"),
}


def unknown_placeholders(text: str) -> list[str]:
    """The names in braces that are not placeholders, in order of appearance, once each."""
    return list(dict.fromkeys(
        name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS
    ))


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each known placeholder replaced (an empty value leaves a gap to fill)."""
    def replace(match):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        return values.get(name) or BLANK

    return PLACEHOLDER.sub(replace, text)


def _date(day: date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def placeholder_values(participation, today: date) -> dict[str, str]:
    """Each placeholder's text for one participation (printed in Polish)."""
    person, project = participation.person, participation.project
    lead = project.lead_beneficiary
    town = " ".join(part for part in [participation.postcode, participation.town] if part)
    return {
        "imie_nazwisko": f"{person.first_name} {person.last_name}",
        "imie": person.first_name,
        "nazwisko": person.last_name,
        "pesel": person.pesel or person.other_identifier,
        "data_urodzenia": _date(person.birth_date),
        "adres": ", ".join(part for part in [participation.street_address, town] if part),
        "gmina": participation.commune,
        "telefon": participation.phone,
        "email": participation.email,
        "projekt": project.title,
        "numer_umowy": project.agreement_number,
        "program": project.programme.name,
        "priorytet": ", ".join(
            part for part in [project.priority, project.measure, project.sub_measure] if part
        ),
        "fundusz": project.programme.fund,
        "beneficjent": lead.name,
        "beneficjent_adres": lead.address,
        "partnerzy": ", ".join(partner.name for partner in project.partners.all()),
        "okres_projektu": f"{_date(project.start_date)} – {_date(project.end_date)}",
        "data": _date(today),
    }
