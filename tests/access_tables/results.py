"""Access rows of the results app: indicators (totals, the director too) and a participant's
results (employment, social progress: the team only), plus the card's Support and Results tabs."""

from datetime import date

from results.models import Employment, SocialProgress

from ..access_rows import LOGIN, OUR_CHANGE, OUR_PAGE, THEIR_CHANGE, THEIR_PAGE, Row, expect


def add_objects(objects) -> dict:
    ours, theirs = objects["participation"], objects["their_participation"]
    return {
        "employment": _employment(ours),
        "their_employment": _employment(theirs),
        "progress": _progress(ours),
        "their_progress": _progress(theirs),
    }


def _employment(participation):
    return Employment.objects.create(
        participation=participation, contract_type="employment_contract",
        employer_name="Sklep Społem", start_date=date(2025, 4, 1), evidence="umowa o pracę",
    )


def _progress(participation):
    return SocialProgress.objects.create(
        participation=participation, description="Podjął terapię", evidence="zaświadczenie",
        date=date(2025, 4, 1),
    )


def _employment_data(obj, objects):
    return {
        "contract_type": "civil_law", "employer_name": "Firma Budowlana", "position": "pomocnik",
        "start_date": "01.05.2025", "end_date": "", "evidence": "umowa zlecenia",
    }


def _progress_data(obj, objects):
    return {"description": "Odzyskał mieszkanie", "evidence": "notatka", "date": "02.05.2025"}


POST_DATA = {
    "new_employment": _employment_data,
    "employment": _employment_data,
    "new_progress": _progress_data,
    "progress": _progress_data,
}
STATE_MODELS = [Employment, SocialProgress]

TOTALS = expect(LOGIN, 200, 200, 200, 404)
THEIR_TOTALS = expect(LOGIN, 404, 404, 404, 200)

ROWS = [
    Row("reporting:project_indicators", "GET", "project", TOTALS),
    # the old address of the page: a permanent redirect for everyone, nothing shown
    Row("results:project_indicators_moved", "GET", "project", expect(301, 301, 301, 301, 301)),
    Row("results:project_indicators_moved", "POST", "project", expect(301, 301, 301, 301, 301)),
    Row("reporting:project_indicators", "GET", "their_project", THEIR_TOTALS),
    *[
        row
        for theirs, page, change in [
            ("", OUR_PAGE, OUR_CHANGE), ("their_", THEIR_PAGE, THEIR_CHANGE)
        ]
        for row in [
            Row("card:participation_tab", "GET", f"{theirs}participation", page,
                extra=("support",)),
            Row("card:participation_tab", "GET", f"{theirs}participation", page,
                extra=("results",)),
            Row("results:employment_create", "GET", f"{theirs}participation", page),
            Row("results:employment_create", "POST", f"{theirs}participation", change,
                "new_employment"),
            Row("results:employment_update", "GET", f"{theirs}employment", page),
            Row("results:employment_update", "POST", f"{theirs}employment", change, "employment"),
            Row("results:employment_delete", "GET", f"{theirs}employment", page),
            Row("results:employment_delete", "POST", f"{theirs}employment", change),
            Row("results:progress_create", "GET", f"{theirs}participation", page),
            Row("results:progress_create", "POST", f"{theirs}participation", change,
                "new_progress"),
            Row("results:progress_update", "GET", f"{theirs}progress", page),
            Row("results:progress_update", "POST", f"{theirs}progress", change, "progress"),
            Row("results:progress_delete", "GET", f"{theirs}progress", page),
            Row("results:progress_delete", "POST", f"{theirs}progress", change),
        ]
    ],
]
