"""The attendance sheets (PDF): one session's list of the referred participants, and the month's
sheet with its days."""

import subprocess
from datetime import date

from django.urls import reverse

from accounts.models import AccessLogEntry

from . import fixtures_sessions
from .conftest import require_tool
from .factories import PersonFactory, ReferralFactory, SessionFactory

# The shared fixtures, bound here so that pytest finds them in this module.
session = fixtures_sessions.session
support_form = fixtures_sessions.support_form


# --- The attendance sheet ----------------------------------------------------------------------


def test_the_attendance_sheet_lists_the_referred_participants(
    client, social_worker, support_form, session, project
):
    pdftotext = require_tool("pdftotext")
    for first, last in [("Łucja", "Żółkiewska"), ("Grzegorz", "Brzęczyszczykiewicz")]:
        person = PersonFactory(first_name=first, last_name=last)
        ReferralFactory(
            support_form=support_form, participation__project=project, participation__person=person
        )
    client.force_login(social_worker)

    response = client.get(reverse("instruments:attendance_sheet_pdf", args=[session.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=response.getvalue(), capture_output=True, check=True
    ).stdout.decode()
    assert "Trening kompetencji społecznych" in text
    assert "Jolanta Wiśniewska" in text
    numbered = [line.split() for line in text.splitlines() if line.strip()[:2] in {"1.", "2."}]
    assert [words[:3] for words in numbered] == [
        ["1.", "Grzegorz", "Brzęczyszczykiewicz"],
        ["2.", "Łucja", "Żółkiewska"],
    ]


# --- The month's attendance sheet --------------------------------------------------------------


def test_the_month_sheet_lists_the_referred_participants_and_the_days(
    client, social_worker, support_form, project
):
    pdftotext = require_tool("pdftotext")
    for first, last in [("Łucja", "Żółkiewska"), ("Grzegorz", "Brzęczyszczykiewicz")]:
        person = PersonFactory(first_name=first, last_name=last)
        ReferralFactory(
            support_form=support_form, participation__project=project, participation__person=person
        )
    for day in (3, 10, 17):
        SessionFactory(support_form=support_form, date=date(2025, 3, day))
    SessionFactory(support_form=support_form, date=date(2025, 4, 7))
    client.force_login(social_worker)

    response = client.get(
        reverse("instruments:attendance_month_pdf", args=[support_form.pk]), {"month": "2025-03"}
    )

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=response.getvalue(), capture_output=True, check=True
    ).stdout.decode()
    assert "Trening kompetencji społecznych" in text
    assert "Grzegorz Brzęczyszczykiewicz" in text and "Łucja Żółkiewska" in text
    assert all(day in text for day in ["03.03", "10.03", "17.03"])
    assert "07.04" not in text
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.object_id) == (social_worker, "pdf", support_form.pk)


def test_the_month_sheet_refuses_a_malformed_month(client, social_worker, support_form):
    client.force_login(social_worker)

    response = client.get(
        reverse("instruments:attendance_month_pdf", args=[support_form.pk]), {"month": "marzec"}
    )

    assert response.status_code == 400


def test_the_session_list_links_to_the_month_sheet(client, social_worker, support_form):
    client.force_login(social_worker)

    html = client.get(reverse("instruments:session_list", args=[support_form.pk])).content.decode()

    assert reverse("instruments:attendance_month_pdf", args=[support_form.pk]) in html
    assert 'type="month"' in html
