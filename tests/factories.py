from datetime import date, time, timedelta

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from contracts.models import ContractKind, SocialContract
from contracts.services import contract_create
from demo.people import make_pesel
from participants.models import Participation, ParticipationStatus, Person
from projects.models import (
    Edition,
    FundingProgramme,
    IndicatorDefinition,
    IndicatorTarget,
    Membership,
    Organisation,
    OrganisationKind,
    Project,
)
from trainings.models import TrainingCourse, TrainingResult

TEST_PASSWORD = "Test.haslo-do-testow.9"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Miejski Ośrodek Pomocy Społecznej nr {n}")
    kind = OrganisationKind.MOPS
    town = "Lubartów"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Kowalski{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=GROUP_NAMES[extracted]))
        if create:
            self.save()


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Projekt aktywnej integracji {n}")
    short_name = factory.Sequence(lambda n: f"PROJ-{n}")
    programme = factory.LazyFunction(lambda: FundingProgramme.objects.get(code="fel-2021-2027"))
    lead_beneficiary = factory.SubFactory(OrganisationFactory)
    start_date = date(2025, 1, 1)
    end_date = date(2026, 12, 31)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = factory.LazyAttribute(lambda e: e.project.start_date)
    end_date = factory.LazyAttribute(lambda e: e.project.end_date)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.SOCIAL_WORKER


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    project = factory.SubFactory(ProjectFactory)
    indicator = factory.LazyFunction(
        lambda: IndicatorDefinition.objects.get(code="participants-total")
    )
    target_value = 25


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Nowak{n}")
    sex = "K"
    birth_date = date(1980, 5, 17)
    pesel = factory.Sequence(lambda n: make_pesel(date(1980, 5, 17), n, "K"))
    organisation = factory.SubFactory(OrganisationFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    # Recorded by the organisation running the project, as the new-application form does.
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..project.lead_beneficiary")
    )
    status = ParticipationStatus.PARTICIPANT
    application_date = factory.LazyAttribute(lambda p: p.project.start_date)
    start_date = factory.LazyAttribute(lambda p: p.project.start_date)


class SupportFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "instruments.SupportForm"

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Doradztwo zawodowe {n}")
    instrument = "vocational"
    mode = "both"
    start_date = factory.LazyAttribute(lambda s: s.project.start_date)
    end_date = factory.LazyAttribute(lambda s: s.project.end_date)
    planned_group_hours = 15
    planned_individual_hours = 2


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "instruments.Referral"

    participation = factory.SubFactory(ParticipationFactory)
    support_form = factory.SubFactory(
        SupportFormFactory, project=factory.SelfAttribute("..participation.project")
    )
    referred_on = factory.LazyAttribute(lambda r: r.support_form.start_date)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "instruments.Session"

    support_form = factory.SubFactory(SupportFormFactory)
    kind = "group"
    date = date(2025, 3, 3)
    start_time = factory.LazyFunction(lambda: time(10, 0))
    end_time = factory.LazyFunction(lambda: time(11, 30))
    hours_unit = "clock"
    place = "Sala 12, ul. Długa 5"
    staff_name = "Jolanta Wiśniewska"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    support_form = factory.SubFactory(
        SupportFormFactory, instrument="educational", mode="training",
        name=factory.Sequence(lambda n: f"Magazynier z obsługą wózków jezdniowych {n}"),
        planned_group_hours=120, planned_individual_hours=0,
    )


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingResult

    course = factory.SubFactory(CourseFactory)
    participation = factory.SubFactory(
        ParticipationFactory, project=factory.SelfAttribute("..course.support_form.project")
    )
    completed = True
    document_kind = "certificate"


class ContractFactory(factory.Factory):
    """A contract signed through the service, so it is numbered as the application numbers it."""

    class Meta:
        model = SocialContract

    participation = factory.SubFactory(ParticipationFactory)
    kind = ContractKind.SOCIAL_CONTRACT
    signed_on = factory.LazyAttribute(lambda c: c.participation.project.start_date)
    valid_from = factory.LazyAttribute(lambda c: c.signed_on)
    valid_to = factory.LazyAttribute(lambda c: c.valid_from + timedelta(days=180))
    worker = factory.LazyAttribute(
        lambda c: (
            c.participation.social_worker or MembershipFactory(project=c.participation.project).user
        )
    )
    assessment = "Długotrwale bezrobotna, samotnie wychowuje dziecko; chętna do zmiany."
    goals = "Podjęcie zatrudnienia; usamodzielnienie się."

    @classmethod
    def _create(cls, model_class, participation, **data):
        return contract_create(participation=participation, by=data["worker"], **data)


NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def make_nip(serial: int) -> str:
    """A valid NIP: nine digits and their check digit (a remainder of 10 is never issued)."""
    while True:
        body = f"{123000000 + serial:09d}"
        check = sum(w * int(d) for w, d in zip(NIP_WEIGHTS, body, strict=True)) % 11
        if check != 10:
            return body + str(check)
        serial += 1000


class EmployerFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Przedsiębiorstwo Handlowe nr {n}")
    kind = OrganisationKind.EMPLOYER
    nip = factory.Sequence(make_nip)
