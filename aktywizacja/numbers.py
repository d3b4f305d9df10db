"""Percentages written one way everywhere (docs/glossary.md): the number in the language's own
format, at most one decimal, the sign straight after it with no space, as Polish spelling
dictionaries write it: "45,5%", "100%"; in English "45.5%"."""

from decimal import Decimal

from django.utils.formats import number_format


def percent_number(value) -> str:
    """The number of a percentage, for a message that writes the sign itself ("%(share)s%%")."""
    number = Decimal(str(value)).quantize(Decimal("0.1"))
    decimals = 0 if number == number.to_integral_value() else 1
    return number_format(number, decimal_pos=decimals)


def percent(value) -> str:
    """"45,5%"; an empty value stays empty for the caller's own dash."""
    if value is None or value == "":
        return ""
    return f"{percent_number(value)}%"
