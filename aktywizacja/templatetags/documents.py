"""Filters of the document templates (templates/pdf/): ``{% load documents %}``."""

from django import template

from aktywizacja import dates

register = template.Library()


@register.filter
def written_date(day):
    """``{{ contract.signed_on|written_date }}``: "5 marca 2025 r." (aktywizacja.dates)."""
    return dates.written_date(day)


@register.filter
def full_stop(text):
    """Ends a sentence with one full stop: "… 30 listopada 2026 r." stays as it is, never "r.."."""
    text = str(text)
    return text if text.endswith(".") else f"{text}."
