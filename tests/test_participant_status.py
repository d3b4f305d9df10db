"""The recruitment path: status changes, the transitions allowed, the reasons required, stale
pages, and nothing saved when a change breaks a rule."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from participants.codelists import ExitReason
from participants.models import Participation, ParticipationStatus
from participants.services import participation_change_status

from . import fixtures_participants
from .fixtures_participants import change_status

# The shared fixtures, bound here so that pytest finds them in this module.
applicant = fixtures_participants.applicant
sw_client = fixtures_participants.sw_client


Status = ParticipationStatus


# --- The recruitment path -------------------------------------------------------------------


def test_it_follows_the_recruitment_path_to_completion(sw_client, applicant, social_worker):
    steps = [
        (Status.QUALIFIED, date(2025, 3, 1)),
        (Status.PARTICIPANT, date(2025, 5, 20)),
        (Status.COMPLETED, date(2025, 11, 28)),
    ]

    responses = [change_status(sw_client, applicant, status, on) for status, on in steps]

    applicant.refresh_from_db()
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert applicant.status == Status.COMPLETED
    assert (applicant.start_date, applicant.end_date) == (date(2025, 5, 20), date(2025, 11, 28))
    assert applicant.age_at_entry == 45  # born 17 May 1980, started 20 May 2025
    assert applicant.exit_reason == ExitReason.COMPLETED
    assert applicant.path_completed is True
    recorded = list(
        applicant.status_changes.values_list("from_status", "to_status", "date", "changed_by")
    )
    assert recorded == [
        (Status.CANDIDATE, Status.QUALIFIED, date(2025, 3, 1), social_worker.pk),
        (Status.QUALIFIED, Status.PARTICIPANT, date(2025, 5, 20), social_worker.pk),
        (Status.PARTICIPANT, Status.COMPLETED, date(2025, 11, 28), social_worker.pk),
    ]


def test_it_computes_the_age_at_entry_on_the_start_date(sw_client, applicant):
    change_status(sw_client, applicant, Status.QUALIFIED, date(2025, 3, 1))

    change_status(sw_client, applicant, Status.PARTICIPANT, date(2025, 5, 16))

    applicant.refresh_from_db()
    assert applicant.age_at_entry == 44  # the day before the 45th birthday


def test_it_refuses_an_illegal_transition(sw_client, applicant):
    before = Participation.objects.filter(pk=applicant.pk).values().get()

    response = change_status(sw_client, applicant, Status.COMPLETED, date(2025, 6, 1))

    assert response.status_code == 400
    assert "to_status" in response.context["status_form"].errors
    assert Participation.objects.filter(pk=applicant.pk).values().get() == before
    assert not applicant.status_changes.exists()


def test_the_service_refuses_an_illegal_transition_with_a_message(applicant, social_worker):
    with pytest.raises(ValidationError) as refused:
        participation_change_status(
            participation=applicant,
            to_status=Status.COMPLETED,
            on=date(2025, 6, 1),
            reason="",
            by=social_worker,
            expected_version=applicant.version,
        )

    assert refused.value.messages
    applicant.refresh_from_db()
    assert applicant.status == Status.CANDIDATE
    assert not applicant.status_changes.exists()


@pytest.mark.parametrize(
    ("path", "decision"),
    [
        ([], Status.REJECTED),
        ([Status.QUALIFIED], Status.RESIGNED),
        ([Status.QUALIFIED, Status.PARTICIPANT], Status.REMOVED),
    ],
)
def test_it_requires_a_reason_for_rejection_resignation_and_removal(
    sw_client, applicant, path, decision
):
    for status in path:
        change_status(sw_client, applicant, status, date(2025, 3, 1))
    before = Participation.objects.filter(pk=applicant.pk).values().get()

    refused = change_status(sw_client, applicant, decision, date(2025, 4, 1))
    unchanged = Participation.objects.filter(pk=applicant.pk).values().get()
    accepted = change_status(sw_client, applicant, decision, date(2025, 4, 1), "Przeprowadzka")

    assert refused.status_code == 400
    assert "reason" in refused.context["status_form"].errors
    assert unchanged == before
    assert accepted.status_code == 302
    last = applicant.status_changes.last()
    assert (last.to_status, last.reason, last.date) == (decision, "Przeprowadzka", date(2025, 4, 1))


def test_it_refuses_a_status_change_from_a_stale_page(sw_client, applicant):
    stale = applicant.version
    change_status(sw_client, applicant, Status.QUALIFIED, date(2025, 3, 1))

    response = change_status(sw_client, applicant, Status.RESERVE, date(2025, 3, 2), version=stale)

    applicant.refresh_from_db()
    assert response.status_code == 400
    assert applicant.status == Status.QUALIFIED
    assert applicant.status_changes.count() == 1
    assert [m.level_tag for m in get_messages(response.wsgi_request)][-1] == "error"


def test_it_saves_nothing_when_a_status_change_breaks_a_rule(sw_client, participation):
    before = Participation.objects.filter(pk=participation.pk).values().get()

    # The participation started on the project's first day: it cannot end the day before.
    response = change_status(sw_client, participation, Status.COMPLETED, date(2024, 12, 31))

    assert response.status_code == 400
    assert Participation.objects.filter(pk=participation.pk).values().get() == before
    assert not participation.status_changes.exists()
    assert "date" in response.context["status_form"].errors


def test_it_shows_the_saved_status_when_a_status_change_is_refused(sw_client, participation):
    response = change_status(sw_client, participation, Status.COMPLETED, date(2024, 12, 31))

    shown = response.context["participation"]
    assert (shown.status, shown.end_date) == (Status.PARTICIPANT, None)
