"""One count by sex and disability (ParticipationQuerySet.by_sex_and_disability) behind the
recruitment summary, the final summary's participants and its recruitment facts."""

from datetime import date

from django.db.models import Q

from demo.people import make_pesel
from participants.codelists import Answer
from participants.models import Participation, ParticipationStatus

from .factories import ParticipationFactory, PersonFactory


def _participation(project, n, sex, disability=Answer.NO, status=ParticipationStatus.PARTICIPANT):
    person = PersonFactory(
        sex=sex, pesel=make_pesel(date(1980, 5, 17), 500 + n, sex),
        organisation=project.lead_beneficiary,
    )
    return ParticipationFactory(project=project, person=person, status=status,
                                disability=disability)


def test_it_counts_women_men_and_people_with_a_disability(project):
    _participation(project, 1, "K", Answer.YES)
    _participation(project, 2, "K")
    _participation(project, 3, "M", Answer.YES)
    _participation(project, 4, "M", Answer.REFUSED)

    counts = Participation.objects.filter(project=project).by_sex_and_disability()

    assert counts == {"total": 4, "women": 2, "men": 2, "disabled": 2}


def test_it_counts_each_group_in_one_query(project, django_assert_num_queries):
    _participation(project, 1, "K", Answer.YES)
    _participation(project, 2, "M", status=ParticipationStatus.REJECTED)
    groups = {
        "all": Q(),
        "rejected": Q(status=ParticipationStatus.REJECTED),
        "reserve": Q(status=ParticipationStatus.RESERVE),
    }

    with django_assert_num_queries(1):
        counts = Participation.objects.filter(project=project).by_sex_and_disability(groups)

    assert counts == {
        "all": {"total": 2, "women": 1, "men": 1, "disabled": 1},
        "rejected": {"total": 1, "women": 0, "men": 1, "disabled": 0},
        "reserve": {"total": 0, "women": 0, "men": 0, "disabled": 0},
    }
