"""Internships and job placement: the team's work with a participant, as the card.

The director sees no names (403 everywhere, the project lists included: they name people); a
member of another project never finds our participants, internships or contacts (404).
"""

from datetime import date

from employment.models import Internship, InternshipMonth, JobSupportContact
from employment.services import internship_month_record, job_support_contact_add

from ..access_rows import LOGIN, OUR_CHANGE, OUR_PAGE, THEIR_CHANGE, THEIR_PAGE, Row, expect
from ..factories import EmployerFactory
from ..helpers.employment import contact_data, make_internship

NOT_ALLOWED = expect(405, 405, 405, 405, 405)
TEAM_LIST = expect(LOGIN, 200, 200, 403, 404)

ROWS = [
    *[
        row
        for theirs, page, change in [
            ("", OUR_PAGE, OUR_CHANGE),
            ("their_", THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("employment:participation_employment", "GET", f"{theirs}participation", page),
            Row("employment:internship_create", "GET", f"{theirs}participation", page),
            Row("employment:internship_create", "POST", f"{theirs}participation", change,
                f"{theirs}new_internship"),
            Row("employment:internship_update", "GET", f"{theirs}internship", page),
            Row("employment:internship_update", "POST", f"{theirs}internship", change,
                "internship"),
            Row("employment:internship_months", "GET", f"{theirs}internship", page),
            Row("employment:internship_months", "POST", f"{theirs}internship", change,
                "internship_months"),
            Row("employment:internship_close", "GET", f"{theirs}internship", page),
            Row("employment:internship_close", "POST", f"{theirs}internship", change,
                "internship_close"),
            Row("employment:contact_create", "GET", f"{theirs}participation", page),
            Row("employment:contact_create", "POST", f"{theirs}participation", change,
                "new_contact"),
            Row("employment:contact_update", "GET", f"{theirs}contact", page),
            Row("employment:contact_update", "POST", f"{theirs}contact", change, "contact"),
            Row("employment:contact_delete", "POST", f"{theirs}contact", change),
            Row("employment:contact_delete", "GET", f"{theirs}contact", NOT_ALLOWED),
        ]
    ],
    Row("employment:internship_list", "GET", "project", TEAM_LIST),
    Row("employment:internship_list", "GET", "their_project", THEIR_PAGE),
    Row("employment:placement_summary", "GET", "project", TEAM_LIST),
    Row("employment:placement_summary", "GET", "their_project", THEIR_PAGE),
]

STATE_MODELS = [Internship, InternshipMonth, JobSupportContact]


def add_objects(objects) -> dict:
    added = {}
    for theirs, office in [("", objects["office"]), ("their_", objects["their_office"])]:
        participation = objects[f"{theirs}participation"]
        by = participation.social_worker
        employer = EmployerFactory(recorded_by=office)
        internship = make_internship(participation, employer, by)
        internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                                days_present=20, by=by)
        added |= {
            f"{theirs}employer": employer,
            f"{theirs}internship": internship,
            f"{theirs}contact": job_support_contact_add(
                participation=participation, by=by, **contact_data()
            ),
        }
    return added


def _internship(employer, start="01.06.2025", end="30.09.2025") -> dict:
    return {
        "employer": str(employer.pk),
        "position": "Sprzedawca",
        "mentor_name": "Tomasz Wójcik",
        "start_date": start,
        "end_date": end,
        "monthly_stipend": "1994,40",
    }


POST_DATA = {
    "new_internship": lambda obj, objects: _internship(objects["employer"]),
    "their_new_internship": lambda obj, objects: _internship(objects["their_employer"]),
    # longer, keeping the month already recorded (03.2025)
    "internship": lambda obj, objects: (
        _internship(obj.employer, "01.03.2025", "31.08.2025") | {"version": str(obj.version)}
    ),
    "internship_months": lambda obj, objects: {
        "months-TOTAL_FORMS": "3",
        "months-INITIAL_FORMS": "3",
        "months-0-days_planned": "21",
        "months-0-days_present": "21",
        "months-1-days_planned": "20",
        "months-1-days_present": "18",
    },
    "internship_close": lambda obj, objects: {
        "outcome": "completed", "outcome_notes": "", "version": str(obj.version),
    },
    "new_contact": lambda obj, objects: {
        "kind": "interview", "date": "05.05.2025", "employer_name": "Piekarnia Kłos",
    },
    "contact": lambda obj, objects: {
        "kind": "offer", "date": "06.05.2025", "employer_name": "Piekarnia Kłos",
        "position": "Pomocnik piekarza",
    },
}
