"""Indicator values achieved, computed from recorded facts (never typed as totals).

Only indicators whose facts the application already records get a value; the others stay
``None`` ("not computed yet") rather than a guess.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from participants.models import Participation, Sex

COUNTED = {
    "participants-total": Q(),
    "participants-women": Q(person__sex=Sex.FEMALE),
    "participants-men": Q(person__sex=Sex.MALE),
}


@dataclass(frozen=True)
class IndicatorProgress:
    target: object  # projects.IndicatorTarget
    achieved: Decimal | None

    @property
    def percent(self) -> int | None:
        if self.achieved is None or not self.target.target_value:
            return None
        return round(100 * self.achieved / self.target.target_value)


def achieved_by_project(project_ids) -> dict[int, dict[str, Decimal]]:
    """Achieved values of the computable indicators, for many projects in one query."""
    rows = (
        Participation.objects.taking_part()
        .filter(project__in=project_ids)
        .values("project")
        .annotate(**{code.replace("-", "_"): Count("pk", filter=q) for code, q in COUNTED.items()})
    )
    return {
        row["project"]: {code: Decimal(row[code.replace("-", "_")]) for code in COUNTED}
        for row in rows
    }


def progress_of(targets) -> list[IndicatorProgress]:
    targets = list(targets)
    achieved = achieved_by_project({target.project_id for target in targets})
    result = []
    for target in targets:
        values = achieved.get(target.project_id, {})
        code = target.indicator.code
        value = values.get(code, Decimal(0)) if code in COUNTED else None
        result.append(IndicatorProgress(target=target, achieved=value))
    return result
