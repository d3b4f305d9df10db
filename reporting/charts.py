"""Charts as server-side SVG: one drawing serves the dashboard page and the PDF summary.

No script and no ``style`` attributes (the CSP forbids them): geometry, colours and the DejaVu font
are SVG presentation attributes. Each chart carries a ``<title>`` and ``<desc>`` and its data as
rows, which the templates show as a table beside the drawing (the text alternative).
"""

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from aktywizacja.numbers import percent, percent_number

FONT = "DejaVu Sans, sans-serif"
BAR_COLOUR = "#1f5f99"  # dark blue: 7:1 against white
BEHIND_COLOUR = "#b03a00"  # dark orange for what falls behind
TARGET_COLOUR = "#111111"
GRID_COLOUR = "#bbbbbb"
WIDTH = 640
LABEL_WIDTH = 270
LABEL_CHARS = 40  # per line of a bar's label, two lines at most
ROW_HEIGHT = 34
BAR_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    target: Decimal | None = None
    warn: bool = False
    shown: str = ""  # the value as the bar's end says it, e.g. "18 / 25"
    cells: tuple[str, ...] = ()  # the row of the data table, when not the value and target


@dataclass(frozen=True)
class Chart:
    """A drawing and the data behind it: ``svg`` for the eye, ``columns``/``rows`` for the table."""

    slug: str
    title: str
    description: str
    columns: list[str]
    rows: list[list[str]]
    svg: SafeString = field(repr=False)


def _number(value) -> str:
    value = Decimal(value)
    if value == int(value):
        return number_format(int(value), force_grouping=True)
    return number_format(value, decimal_pos=1, force_grouping=True)


def _scale_max(values) -> Decimal:
    top = max([Decimal(0), *values])
    return top if top > 0 else Decimal(1)


def _svg(slug: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'aria-labelledby="{slug}-title {slug}-desc" font-family="{font}" font-size="12">'
        '<title id="{slug}-title">{title}</title><desc id="{slug}-desc">{desc}</desc>'
        "{body}</svg>",
        width=WIDTH, height=height, slug=slug, font=FONT, title=title, desc=description,
        body=body,
    )


def _text(x, y, text, *, anchor="start", weight="normal", fill=TARGET_COLOUR) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-weight="{}" fill="{}">{}</text>',
        x, y, anchor, weight, fill, text,
    )


def _label_lines(label: str) -> list[str]:
    """The label in up to two lines that fit beside the bars; the table has it in full."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > LABEL_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_CHARS - 1].rstrip() + "…"]
    return lines


def _label(x, y, label: str) -> SafeString:
    lines = _label_lines(label)
    first = y - 6 * (len(lines) - 1)
    return format_html_join("", "{}", (
        (_text(x, first + 12 * index, line, anchor="end"),) for index, line in enumerate(lines)
    ))


def horizontal_bars(*, slug: str, title: str, description: str, bars: list[Bar],
                    columns: list[str], marker: Decimal | None = None) -> Chart:
    """One bar per row; a target, when given, is a black tick the bar should reach.

    ``marker`` draws a dashed vertical line across all bars (e.g. the share of time elapsed).
    """
    top = _scale_max([value for bar in bars for value in (bar.value, bar.target or 0)]
                     + [marker or 0])
    # Room for the value written after the longest bar (about 7 px a character at 12 px).
    longest = max((len(bar.shown or _number(bar.value)) for bar in bars), default=0)
    plot = WIDTH - LABEL_WIDTH - max(110, longest * 7 + 12)
    parts = []
    if marker is not None:
        x = f"{LABEL_WIDTH + float(marker / top) * plot:.1f}"
        parts.append(format_html(
            '<line x1="{}" y1="4" x2="{}" y2="{}" stroke="{}" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>',
            x, x, 12 + len(bars) * ROW_HEIGHT, BEHIND_COLOUR,
        ))
    for index, bar in enumerate(bars):
        y = 12 + index * ROW_HEIGHT
        length = float(bar.value / top) * plot
        parts.append(_label(LABEL_WIDTH - 6, y + 12, bar.label))
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            LABEL_WIDTH, y, f"{length:.1f}", BAR_HEIGHT, BEHIND_COLOUR if bar.warn else BAR_COLOUR,
        ))
        if bar.target is not None:
            x = LABEL_WIDTH + float(bar.target / top) * plot
            parts.append(format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"/>',
                f"{x:.1f}", y - 3, f"{x:.1f}", y + BAR_HEIGHT + 3, TARGET_COLOUR,
            ))
        end = f"{LABEL_WIDTH + length + 6:.1f}"
        parts.append(_text(end, y + 12, bar.shown or _number(bar.value)))
    height = 12 + len(bars) * ROW_HEIGHT
    body = format_html_join("", "{}", ((part,) for part in parts))
    rows = [[bar.label, *(bar.cells or _table_values(bar))] for bar in bars]
    return Chart(slug, title, description, columns, rows, _svg(slug, title, description,
                                                                 height, body))


def _table_values(bar: Bar) -> list[str]:
    if bar.target is None:
        return [_number(bar.value)]
    return [_number(bar.value), _number(bar.target)]


def monthly_columns(*, slug: str, title: str, description: str,
                    points: list[tuple[date, Decimal]], columns: list[str]) -> Chart:
    """One column per month, with the month under it and the value above it."""
    top = _scale_max([value for _month, value in points])
    plot_height, base, left = 150, 180, 40
    step = (WIDTH - left - 10) / max(len(points), 1)
    width = min(step * 0.7, 48)
    label_every = max(1, math.ceil(56 / step))  # month labels must not overlap
    parts = [format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
        left, base, WIDTH - 10, base, GRID_COLOUR,
    )]
    for index, (month, value) in enumerate(points):
        x = left + index * step + (step - width) / 2
        height = float(value / top) * plot_height
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            f"{x:.1f}", f"{base - height:.1f}", f"{width:.1f}", f"{height:.1f}", BAR_COLOUR,
        ))
        middle = f"{x + width / 2:.1f}"
        if step >= 32:
            parts.append(_text(middle, f"{base - height - 4:.1f}", _number(value),
                               anchor="middle"))
        if index % label_every == 0:
            parts.append(_text(middle, base + 16, date_format(month, "m.Y"), anchor="middle"))
    body = format_html_join("", "{}", ((part,) for part in parts))
    rows = [[date_format(month, "m.Y"), _number(value)] for month, value in points]
    return Chart(slug, title, description, columns, rows,
                 _svg(slug, title, description, base + 26, body))


# --- The charts of the summary and the dashboard ----------------------------------------------


def indicators_chart(lines: list, *, behind=frozenset(),
                     elapsed: Decimal | None = None) -> Chart:
    """Each indicator as the per cent of its target achieved, so persons and rates share a scale."""
    bars = [
        Bar(
            line.name, Decimal(line.percent or 0), Decimal(100), warn=line.name in behind,
            shown=f"{line.shown_achieved} / {line.shown_target}",
            cells=(line.shown_achieved, line.shown_target,
                   "—" if line.percent is None else percent(line.percent)),
        )
        for line in lines
    ]
    description = _(
        "Each bar shows how much of the indicator's target is achieved; the black mark is the "
        "target (100%)."
    )
    if elapsed is not None:
        description += " " + _(
            "The dashed line is the share of the project period that has passed (%(elapsed)s%%);"
            " a bar in orange falls behind that pace."
        ) % {"elapsed": percent_number(elapsed)}
    return horizontal_bars(
        slug="chart-indicators",
        title=_("Indicators: achieved against target"),
        description=description,
        bars=bars,
        columns=[_("Indicator"), _("Achieved"), _("Target"), _("Progress")],
        marker=elapsed,
    )


def hours_chart(months: list[tuple[date, Decimal]]) -> Chart:
    return monthly_columns(
        slug="chart-hours-by-month",
        title=_("Hours of support attended, by month"),
        description=_(
            "Each column is the sum of the clock hours the participants attended in a month."
        ),
        points=months,
        columns=[_("Month"), _("Hours attended")],
    )
