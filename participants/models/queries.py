"""Selecting participations: who took part, a social worker's cases, the same person in two
projects at once, search, and the equal-opportunity count by sex and disability."""

from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from projects.models import ProjectScopedQuerySet

from ..codelists import Answer
from .people import Person, Sex, search_key
from .status import TAKING_PART


def _identities(person, pesel, document) -> list[Q]:
    same = [Q(person=person)]
    if not isinstance(pesel, str) or pesel:
        same.append(Q(person__pesel=pesel) & ~Q(person__pesel=""))
    if not isinstance(document, str) or document:
        same.append(Q(person__pesel="", person__other_identifier=document) & ~Q(
            person__other_identifier=""
        ))
    return same


class ParticipationQuerySet(ProjectScopedQuerySet):
    participation_path = ""

    def attended_ranges(self, pks) -> dict[int, dict]:
        """The first and the last day each participation was marked present (``first``,
        ``last``), in one query; a participation present nowhere is left out."""
        present = Q(attendances__present=True)
        rows = (
            self.filter(present, pk__in=pks).order_by().values("pk")
            .annotate(first=Min("attendances__session__date", filter=present),
                      last=Max("attendances__session__date", filter=present))
        )
        return {row.pop("pk"): row for row in rows}

    def in_edition(self, edition):
        """The people of one edition; ``None``: everyone (a page of the whole project)."""
        return self if edition is None else self.filter(edition=edition)

    def taking_part(self):
        """People who started support (and may have left since): the project's participants.

        A qualified candidate who resigned before the first form of support never took part.
        """
        return self.filter(status__in=TAKING_PART, start_date__isnull=False)

    def of_social_worker(self, user):
        return self.filter(social_worker=user)

    def overlapping_elsewhere(self):
        """Participations whose person takes part in another project at the same time.

        EU rules forbid funding the same support twice: the coordinator must check these. The
        person is found by identity (PESEL, or the identity document of a person without one),
        so an organisation's own record of the same person counts too.
        """
        far_future = Value(date(9999, 12, 31))

        def elsewhere(same: Q) -> Exists:
            return Exists(self.model.objects.filter(
                same, status__in=TAKING_PART,
                start_date__lte=Coalesce(OuterRef("end_date"), far_future),
            ).filter(
                Q(end_date__gte=OuterRef("start_date")) | Q(end_date__isnull=True)
            ).exclude(project=OuterRef("project")))

        # One subquery for each way of being the same human, so that each is looked up in
        # its own index (the person, the PESEL, the document: participants 0016) instead of
        # every participation of the installation being read for each of the user's people.
        identities = _identities(OuterRef("person"), OuterRef("person__pesel"),
                                 OuterRef("person__other_identifier"))
        return self.taking_part().filter(start_date__isnull=False).filter(
            reduce(or_, [elsewhere(same) for same in identities])
        )

    def overlapping(self, participation):
        """The other projects' participations of the same person at the same time (for the
        coordinator: which project and when, nothing of the other organisation's record)."""
        if participation.start_date is None or participation.status not in TAKING_PART:
            return self.none()
        person = participation.person
        # The same human's records first, by the person's indexes (its key, the PESEL, the
        # document), then their participations: one OR across the join compared every row.
        who = Q(pk=person.pk)
        if person.pesel:
            who |= Q(pesel=person.pesel)
        if person.other_identifier:
            who |= Q(pesel="", other_identifier=person.other_identifier)
        same_human = Person.objects.filter(who)
        overlapping = self.filter(
            person__in=same_human.values("pk"),
            status__in=TAKING_PART, start_date__isnull=False,
        ).filter(Q(end_date__gte=participation.start_date) | Q(end_date__isnull=True))
        if participation.end_date:
            overlapping = overlapping.filter(start_date__lte=participation.end_date)
        return overlapping.exclude(project=participation.project_id)

    def search(self, text: str):
        """Participations whose person's name or PESEL contains ``text`` (folded: no case, no
        diacritics). Read from the participation's copy of the person's key (participants
        0019): on PostgreSQL its trigram index, beside the projects' index, finds the rows."""
        return self.filter(search_text__contains=search_key(text)) if text else self

    def by_sex_and_disability(self, groups: dict[str, Q] | None = None) -> dict:
        """The equal-opportunity count, in one query: how many, women, men, with a disability.

        Without ``groups``: ``{"total": …, "women": …, "men": …, "disabled": …}`` of the whole
        queryset. With ``groups`` (name → condition): that count for each name.
        """
        parts = {
            "total": Q(),
            "women": Q(person__sex=Sex.FEMALE),
            "men": Q(person__sex=Sex.MALE),
            "disabled": Q(disability=Answer.YES),
        }
        conditions = list((groups if groups is not None else {"": Q()}).items())
        counts = self.aggregate(**{
            f"group{index}_{part}": Count("pk", filter=condition & part_condition)
            for index, (_name, condition) in enumerate(conditions)
            for part, part_condition in parts.items()
        })
        by_group = {
            name: {part: counts[f"group{index}_{part}"] for part in parts}
            for index, (name, _condition) in enumerate(conditions)
        }
        return by_group if groups is not None else by_group[""]
