"""What the indicators report: each indicator's value with the people behind it by sex and
disability, and an effectiveness indicator measured against the programme's rule, group by group."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from participants.models import Sex
from projects.models import IndicatorDefinition, IndicatorTarget, IndicatorUnit, percent_of_target
from results.models import EffectivenessRule

from .indicators_facts import Facts

HUNDRED = Decimal(100)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (HUNDRED * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Breakdown:
    """How many people, in total and by sex and disability."""

    total: int = 0
    women: int = 0
    men: int = 0
    disabled: int = 0


def _breakdown(people: list[Facts]) -> Breakdown:
    return Breakdown(
        total=len(people),
        women=sum(p.sex == Sex.FEMALE for p in people),
        men=sum(p.sex == Sex.MALE for p in people),
        disabled=sum(p.disabled for p in people),
    )


@dataclass(frozen=True)
class EffectivenessGroup:
    """One group (with a severe disability, or everyone else) against its own threshold."""

    severe_disability: bool
    finished: int
    with_result: int
    threshold: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.with_result, self.finished)

    @property
    def met(self) -> bool | None:
        if self.threshold is None or self.percent is None:
            return None
        return self.percent >= self.threshold


@dataclass(frozen=True)
class Effectiveness:
    """An effectiveness indicator measured against the programme's rule."""

    kind: str
    window_months: int
    rule: EffectivenessRule | None
    finished: Breakdown  # the base: people who left the project
    groups: tuple[EffectivenessGroup, ...]
    threshold: Decimal | None  # expected for this project: the weighted threshold (module doc)
    percent: Decimal | None  # achieved, None while nobody has finished

    @property
    def met(self) -> bool | None:
        if self.threshold is None or self.percent is None:
            return None
        return self.percent >= self.threshold


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of a project: its target, what is achieved, by sex and disability."""

    definition: IndicatorDefinition
    target: IndicatorTarget | None
    achieved: Decimal | None  # persons, or per cent for the effectiveness ones (None: no base)
    counted: Breakdown  # the people with the result
    window_months: int | None = None  # for results that count within a window after finishing
    effectiveness: Effectiveness | None = None

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def is_percent(self) -> bool:
        return self.definition.unit == IndicatorUnit.PERCENT

    @property
    def target_value(self) -> Decimal | None:
        return self.target.target_value if self.target else None

    @property
    def women(self) -> int:
        return self.counted.women

    @property
    def men(self) -> int:
        return self.counted.men

    @property
    def disabled(self) -> int:
        return self.counted.disabled

    @property
    def percent_of_target(self) -> int | None:
        return percent_of_target(self.achieved, self.target_value)

    @property
    def threshold(self) -> Decimal | None:
        return self.effectiveness.threshold if self.effectiveness else None

    @property
    def met(self) -> bool | None:
        return self.effectiveness.met if self.effectiveness else None
