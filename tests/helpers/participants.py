"""Participants: Łucja's application as the new-application form posts it."""

from datetime import date
from uuid import uuid4

from django.urls import reverse

from accounts.roles import Role
from demo.people import make_pesel

LUCJA_BIRTH = date(1985, 3, 15)
LUCJA_PESEL = make_pesel(LUCJA_BIRTH, 123, "K")


def candidate(**changes) -> dict:
    """The new-application form as a browser sends it, with a fresh token."""
    return {
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "pesel": LUCJA_PESEL,
        "other_identifier": "",
        "sex": "K",
        "birth_date": LUCJA_BIRTH.isoformat(),
        "edition": "",
        "social_worker": "",
        "application_date": "2025-02-03",
        "recruitment_source": "",
        "token": str(uuid4()),
    } | changes


def register(client, project, **changes):
    """Posts a new application to the project, for one of its social workers unless given."""
    worker = project.memberships.filter(role=Role.SOCIAL_WORKER).first()
    changes.setdefault("social_worker", worker.user_id if worker else "")
    return client.post(
        reverse("participants:participant_create", args=[project.pk]), candidate(**changes)
    )


def errors(response) -> dict:
    """The errors of the form the response shows."""
    return response.context["form"].errors
