"""One computation per figure: hours, support received and contracts agree wherever they appear."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import translation

from card.tabs import support_tab_context
from contracts.models import ContractKind
from documents.certificates import participation_holders
from employment.models import JobSupportContact, JobSupportKind
from instruments.hours import hours_by_participation, total_hours_by_participation
from instruments.models import Attendance
from instruments.services import attendance_set
from participants.models import ParticipationStatus
from reporting.indicators import project_indicators
from reporting.summary import build_summary

from .factories import (
    ContractFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)


@pytest.fixture
def finished(project, social_worker):
    return ParticipationFactory(
        project=project, social_worker=social_worker, status=ParticipationStatus.COMPLETED,
        end_date=date(2025, 12, 31),
    )


def test_hours_of_a_participant_are_the_same_on_the_card_and_the_certificate(
    project, social_worker, finished
):
    counselling = SupportFormFactory(project=project, name="Doradztwo zawodowe")
    ReferralFactory(participation=finished, support_form=counselling)
    attendance_set(session=SessionFactory(support_form=counselling, date=date(2025, 3, 3)),
                   participation=finished, present=True, by=social_worker)  # 1.5 h
    marked = SessionFactory(support_form=counselling, kind="individual", participation=finished,
                            date=date(2025, 3, 10), start_time=time(9), end_time=time(11))
    attendance_set(session=marked, participation=finished, present=True, by=social_worker)
    # A consultation nobody marked as attended is not support delivered.
    SessionFactory(support_form=counselling, kind="individual", participation=finished,
                   date=date(2025, 3, 17), start_time=time(9), end_time=time(10))

    (holder,) = participation_holders(project)
    card = support_tab_context(finished)

    assert holder.hours == Decimal("3.50")
    assert total_hours_by_participation([finished])[finished.pk] == holder.hours
    assert sum(hours_by_participation([finished])[finished.pk].values()) == holder.hours
    assert sum(hours for _, hours in card["referrals"]) == holder.hours


def _instrument_lines(project) -> list[str]:
    with translation.override("pl"):
        return [str(result) for result in build_summary(project).results
                if result.kind == "instrument"]


def test_the_summary_counts_support_received_not_referrals(project, social_worker, finished):
    therapy = SupportFormFactory(project=project, name="Terapia", instrument="health")
    ReferralFactory(participation=finished, support_form=therapy)  # referred, never held

    assert _instrument_lines(project) == []

    attendance_set(session=SessionFactory(support_form=therapy, date=date(2025, 4, 7)),
                   participation=finished, present=True, by=social_worker)
    assert _instrument_lines(project) == [
        "1 uczestnik otrzymał wsparcie w ramach instrumentu zdrowotnego."
    ]


def test_job_placement_contacts_count_as_vocational_support_received(project, finished):
    JobSupportContact.objects.create(
        participation=finished, kind=JobSupportKind.OFFER_PRESENTED, date=date(2025, 5, 5),
        employer_name="Hurtownia",
    )

    assert _instrument_lines(project) == [
        "1 uczestnik otrzymał wsparcie w ramach instrumentu zawodowego."
    ]


def test_an_absence_is_not_support_received(project, social_worker, finished):
    therapy = SupportFormFactory(project=project, name="Terapia", instrument="health")
    ReferralFactory(participation=finished, support_form=therapy)
    attendance_set(session=SessionFactory(support_form=therapy, date=date(2025, 4, 7)),
                   participation=finished, present=False, by=social_worker)

    assert Attendance.objects.count() == 1
    assert _instrument_lines(project) == []


def test_social_contracts_and_modelled_agreements_are_counted_and_named_apart(
    project, social_worker
):
    for kind in [ContractKind.SOCIAL_CONTRACT, ContractKind.SOCIAL_CONTRACT,
                 ContractKind.MODELLED_AGREEMENT]:
        ContractFactory(
            participation=ParticipationFactory(project=project, social_worker=social_worker),
            kind=kind,
        )

    with translation.override("pl"):
        lines = [str(r) for r in build_summary(project).results if r.kind in
                 ("contracts", "agreements")]
    achieved = {row.definition.code: row.achieved for row in project_indicators(project)}

    assert lines[0].startswith("Kontrakty socjalne zawarto z 2 uczestnikami")
    assert lines[1].startswith("Umowę na wzór kontraktu socjalnego zawarto z 1 uczestnikiem")
    assert (achieved["social-contracts"], achieved["modelled-agreements"]) == (2, 1)
