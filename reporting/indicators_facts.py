"""The facts the indicators count: one row per participation taking part (sex, disability, whether
they finished, and the first employment and social progress dated from their start), read in one
query for any number of projects."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from contracts.models import ContractKind, SocialContract
from participants.codelists import Answer, DisabilityDegree
from participants.models import ENDING, Participation
from results.counting import first_counted_employment
from results.effectiveness import window_end
from results.models import SocialProgress
from trainings.models import TrainingResult


@dataclass(frozen=True)
class Facts:
    """What the indicators need to know about one participation."""

    sex: str
    disabled: bool
    severe: bool
    finished: bool
    path_completed: bool
    contract: bool  # a social contract
    agreement: bool  # an agreement modelled on the social contract
    qualification: bool
    end_date: date | None
    first_employment: date | None
    first_progress: date | None

    def within(self, day: date | None, window_months: int) -> bool:
        return bool(
            self.finished and day and day <= window_end(self.end_date, window_months)
        )


def _first(model, field_name: str):
    """The earliest date of a result from the start of the participation on."""
    return Subquery(
        model.objects.filter(
            participation=OuterRef("pk"), **{f"{field_name}__gte": OuterRef("start_date")}
        )
        .order_by(field_name)
        .values(field_name)[:1]
    )


def _one_of(rows) -> Subquery:
    """One of the participation's ``rows`` (its pk, or none): asked as a value for
    each participation, which PostgreSQL answers through the participation's index, so a
    project's facts read its own rows only. An EXISTS it may instead answer by hashing every
    matching row of the installation first (all 66,668 contracts for a 100-person project),
    and which plan it takes depends on the tables' statistics (issue 13, point 6)."""
    mine = rows.filter(participation=OuterRef("pk"))
    return Subquery(mine.order_by().values("pk")[:1])


def taking_part_in(project_ids, edition=None):
    """The people whose facts are read: taking part in the projects (of one edition)."""
    return Participation.objects.taking_part().filter(project__in=project_ids).in_edition(edition)


def employed_in(project_ids, edition=None) -> dict[int, date]:
    """The first counted employment of the people taking part in the projects (of one edition),
    by participation: the facts' ``first_employment``."""
    return first_counted_employment(taking_part_in(project_ids, edition))


def _facts_by_project(project_ids, edition=None, employed=None) -> dict[int, list[Facts]]:
    """The facts of each project's people taking part (of one edition, when given).

    ``employed``: what ``employed_in`` gives for the same projects and edition, when the caller
    has read it already (the summary counts the employed too).
    """
    taking_part = taking_part_in(project_ids, edition)
    if employed is None:
        employed = employed_in(project_ids, edition)
    rows = (
        taking_part
        .annotate(
            has_contract=_one_of(SocialContract.objects.filter(kind=ContractKind.SOCIAL_CONTRACT)),
            has_agreement=_one_of(
                SocialContract.objects.filter(kind=ContractKind.MODELLED_AGREEMENT)
            ),
            has_qualification=_one_of(TrainingResult.objects.qualifications_or_competences()),
            first_progress=_first(SocialProgress, "date"),
        )
        .values_list(
            "pk", "project_id", "person__sex", "disability", "disability_degree", "status",
            "end_date", "path_completed", "has_contract", "has_agreement", "has_qualification",
            "first_progress",
        )
        .order_by()
    )
    facts: dict[int, list[Facts]] = defaultdict(list)
    for (pk, project_id, sex, disability, degree, status, end_date, path_completed, contract,
         agreement, qualification, first_progress) in rows:
        disabled = disability == Answer.YES
        facts[project_id].append(Facts(
            sex=sex, disabled=disabled, severe=disabled and degree == DisabilityDegree.SEVERE,
            finished=status in ENDING and end_date is not None,
            path_completed=bool(path_completed), contract=contract is not None,
            agreement=agreement is not None, qualification=qualification is not None,
            end_date=end_date,
            first_employment=employed.get(pk), first_progress=first_progress,
        ))
    return facts
