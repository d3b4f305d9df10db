from django import template

from aktywizacja.numbers import percent

register = template.Library()


@register.filter
def bar_width(percent) -> str:
    """A CSS class for a bar this many per cent wide, in steps of 5 (no inline styles: CSP)."""
    try:
        value = max(0, min(100, int(percent)))
    except (TypeError, ValueError):
        value = 0
    return f"bar-w-{5 * round(value / 5)}"


@register.filter(name="percent")
def percent_filter(value) -> str:
    """{{ share|percent }}: "45,5%" (aktywizacja.numbers.percent)."""
    return percent(value)
