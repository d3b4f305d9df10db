"""People who take part and the results (employment, social progress) the indicators count."""

from datetime import date

from demo.people import make_pesel
from participants.models import ParticipationStatus as Status
from results.models import Employment, SocialProgress

from ..factories import ParticipationFactory, PersonFactory

END = date(2025, 3, 15)  # three months later: 15.06.2025


def person(sex, serial):
    """A woman (K) or a man (M) born on 17 May 1980, with a valid PESEL."""
    return PersonFactory(
        sex=sex, first_name="Anna" if sex == "K" else "Jan",
        pesel=make_pesel(date(1980, 5, 17), serial, sex),
    )


def take_part(project, sex, serial, *, status=Status.COMPLETED, end=END, disability="",
              degree="", path_completed=None, social_worker=None):
    """A participation of a new person, by default completed on END."""
    return ParticipationFactory(
        project=project, person=person(sex, serial), status=status, end_date=end,
        disability=disability, disability_degree=degree, path_completed=path_completed,
        social_worker=social_worker,
    )


def employ(participation, start):
    """Records a full-time employment contract starting on ``start``."""
    return Employment.objects.create(
        participation=participation, contract_type="employment_contract",
        employer_name="Sklep", start_date=start, working_time=1, evidence="umowa",
    )


def progress(participation, day):
    """Records social progress on ``day``."""
    return SocialProgress.objects.create(
        participation=participation, description="Poprawa", evidence="opinia", date=day,
    )
