"""Filters of the document templates (templates/pdf/): ``{% load documents %}``."""

from django import template

from aktywizacja import dates

register = template.Library()


@register.filter
def written_date(day):
    """``{{ contract.signed_on|written_date }}``: "5 marca 2025 r." (aktywizacja.dates)."""
    return dates.written_date(day)
