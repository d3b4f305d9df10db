from django import template

register = template.Library()


@register.filter
def bar_width(percent) -> str:
    """A CSS class for a bar of that many per cent, in steps of 5: no inline styles under the CSP."""
    try:
        value = max(0, min(100, int(percent)))
    except (TypeError, ValueError):
        value = 0
    return f"bar-w-{5 * round(value / 5)}"
