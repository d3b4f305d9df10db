"""The director's dashboard: the project's figures at a glance, totals only, never a person.

Indicators against their targets (with a warning for a target in persons that falls behind the
time elapsed), people by status, hours by instrument and by month: the summary's own figures
(``reporting.summary``), read in a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aktywizacja.numbers import percent_number
from instruments.hours import hours_by_month, instrument_hours
from participants.models import Participation, ParticipationStatus
from projects.models import IndicatorUnit, Project

from . import charts
from .summary import IndicatorLine, hours_text, indicator_lines

PACE_TOLERANCE = Decimal("0.10")


def falls_behind(*, achieved, target, elapsed_share, tolerance=PACE_TOLERANCE) -> bool:
    """Whether a target falls behind its expected pace.

    The share achieved (achieved / target) is compared with the share of the project period that
    has passed, less a tolerance: at half time, 25 of 50 is on pace, 19 of 50 is behind
    (0.38 < 0.5 − 0.1). Without a target or a value there is no pace to keep.
    """
    if achieved is None or not target:
        return False
    share = Decimal(achieved) / Decimal(target)
    return share < Decimal(elapsed_share) - tolerance


@dataclass(frozen=True)
class PaceWarning:
    line: IndicatorLine
    elapsed_percent: int

    def __str__(self):
        return _(
            "“%(indicator)s” is falling behind: %(achieved)s of the target %(target)s achieved "
            "(%(percent)s%%), while %(elapsed)s%% of the project period has passed."
        ) % {
            "indicator": self.line.name,
            "achieved": self.line.shown_achieved,
            "target": self.line.shown_target,
            "percent": percent_number(self.line.percent or 0),
            "elapsed": percent_number(self.elapsed_percent),
        }


@dataclass(frozen=True)
class Dashboard:
    elapsed_percent: int
    indicators: list[IndicatorLine]
    warnings: list[PaceWarning]
    statuses: list[tuple[str, int]]
    instruments: list  # instruments.hours.InstrumentHours
    months: list[tuple[date, Decimal]]
    whole_project: bool = True  # False: one edition's figures, without the targets

    @property
    def charts(self) -> list[charts.Chart]:
        targets = [charts.indicators_chart(
            self.indicators, behind={warning.line.name for warning in self.warnings},
            elapsed=Decimal(self.elapsed_percent),
        )] if self.whole_project else []
        return [
            *targets,
            statuses_chart(self.statuses),
            instruments_chart(self.instruments),
            charts.hours_chart(self.months),
        ]


def _statuses(project, edition=None) -> list[tuple[str, int]]:
    counts = dict(
        Participation.objects.filter(project=project).in_edition(edition).values_list("status")
        .annotate(count=Count("pk")).order_by()
    )
    return [(status.label, counts.get(status.value, 0)) for status in ParticipationStatus]


def pace_warnings(lines: list[IndicatorLine], elapsed_percent: int) -> list[PaceWarning]:
    """Targets in persons that fall behind the time elapsed (a rate has no pace to keep)."""
    share = Decimal(elapsed_percent) / 100
    return [
        PaceWarning(line, elapsed_percent)
        for line in lines
        if line.unit == IndicatorUnit.PERSONS
        and falls_behind(achieved=line.achieved, target=line.target, elapsed_share=share)
    ]


def build_dashboard(project: Project, edition=None) -> Dashboard:
    """The dashboard's figures in a fixed number of queries (totals only: no names).

    For an edition: its people's statuses and hours; the targets, set for the whole project,
    are not compared with an edition's figures.
    """
    lines = indicator_lines(project) if edition is None else []
    elapsed = project.time_elapsed_percent
    return Dashboard(
        elapsed_percent=elapsed,
        indicators=lines,
        warnings=pace_warnings(lines, elapsed),
        statuses=_statuses(project, edition),
        instruments=instrument_hours(project, edition=edition),
        months=hours_by_month(project, edition=edition),
        whole_project=edition is None,
    )


def statuses_chart(statuses: list[tuple[str, int]]) -> charts.Chart:
    return charts.horizontal_bars(
        slug="chart-statuses",
        title=_("Participants and candidates by status"),
        description=_("Each bar is the number of people with that status in the project."),
        bars=[charts.Bar(capfirst(label), Decimal(count)) for label, count in statuses],
        columns=[_("Status"), _("People")],
    )


def instruments_chart(rows) -> charts.Chart:
    return charts.horizontal_bars(
        slug="chart-instruments",
        title=_("Hours of support by instrument: delivered against planned"),
        description=_(
            "Each bar is the clock hours delivered (group sessions and individual "
            "consultations); the black mark is the hours planned."
        ),
        bars=[
            charts.Bar(
                capfirst(row.label), row.delivered_total_hours, row.planned_total_hours,
                shown=f"{hours_text(row.delivered_total_hours)} / "
                      f"{hours_text(row.planned_total_hours)}",
            )
            for row in rows
        ],
        columns=[_("Instrument"), _("Hours delivered"), _("Hours planned")],
    )
