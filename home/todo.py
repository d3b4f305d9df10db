"""The social worker's list of things to do, about the people they look after: monitoring data
the export still needs, documents their file lacks, contracts whose review or end is near, IŚR
reviews due. Counted on the
start page, listed in full on its own page; a few queries whatever the number of people."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery

from contracts.models import SocialContract
from dossier.models import DocumentKind, missing_kinds
from monitoring.export import missing_data, monitoring_format
from participants.models import TAKING_PART, IndividualPath, Participation, ParticipationStatus
from projects.access import scoped

# How far ahead a review counts as due (the contracts' list uses the same two weeks).
DUE_WITHIN_DAYS = 14


@dataclass
class Todo:
    missing: list = field(default_factory=list)  # MissingData: a participation, what it lacks
    # (participation, labels of the required documents its file lacks)
    documents: list = field(default_factory=list)
    contracts: list = field(default_factory=list)  # contracts in force due for review or ending
    paths: list = field(default_factory=list)  # participations whose IŚR review is due

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.documents) + len(self.contracts) + len(self.paths)


def todo_of(user, today: date) -> Todo:
    """What the user has to do about their own participants, as of ``today``: in the projects
    still running (a project that has ended is no one's daily work)."""
    mine = scoped(user, Participation).of_social_worker(user).filter(project__end_date__gte=today)
    taking_part = list(
        mine.filter(status__in=TAKING_PART)
        .select_related("person", "project__programme")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    missing = []
    for participation in taking_part:
        missing += missing_data([participation], monitoring_format(participation.project))
    contracts = list(
        scoped(user, SocialContract)
        .filter(participation__in=mine)
        .due(today, DUE_WITHIN_DAYS)
        .select_related("participation__person", "project")
        .order_by("next_review_on", "valid_to", "pk")
    )
    latest_review = (
        IndividualPath.objects.filter(participation=OuterRef("pk"))
        .order_by("-revision").values("review_on")[:1]
    )
    paths = list(
        mine.filter(status=ParticipationStatus.PARTICIPANT)
        .annotate(path_review_on=Subquery(latest_review))
        .filter(path_review_on__lte=today + timedelta(days=DUE_WITHIN_DAYS))
        .select_related("person", "project")
        .order_by("path_review_on", "pk")
    )
    return Todo(missing=missing, documents=_documents_missing(mine), contracts=contracts,
                paths=paths)


def _documents_missing(mine) -> list:
    """People qualified or taking part whose file lacks a document their project requires
    before someone becomes a participant."""
    expecting = list(
        mine.filter(status__in=[ParticipationStatus.QUALIFIED, ParticipationStatus.PARTICIPANT])
        .select_related("person", "project")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    lacking = missing_kinds(expecting)
    return [
        (participation, [DocumentKind(kind).label for kind in lacking[participation.pk]])
        for participation in expecting if lacking[participation.pk]
    ]
