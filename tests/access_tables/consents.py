"""Access rows of the consents app: the forms to print, the information clause given and consents
(the participant's team only, from the card), and a project's wording of the forms (the team
reads it, the coordinator alone edits it)."""

from datetime import date

from consents.models import ClauseReceipt, Consent, ConsentKind, FormTemplate

from ..access_rows import LOGIN, OUR_CHANGE, OUR_PAGE, THEIR_CHANGE, THEIR_PAGE, Row, expect


def add_objects(objects) -> dict:
    return {
        "consent": _consent(objects["participation"]),
        "their_consent": _consent(objects["their_participation"]),
    }


def _consent(participation):
    return Consent.objects.create(participation=participation, kind=ConsentKind.IMAGE,
                                  given_on=date(2025, 3, 3))


POST_DATA = {
    "new_consent": lambda obj, objects: {"kind": "contact_after", "given_on": "03.03.2025"},
    "consent_withdrawal": lambda obj, objects: {"withdrawn_on": "04.03.2025"},
    "clause": lambda obj, objects: {"version": "0", "given_on": "03.03.2025"},
    "form_template": lambda obj, objects: {"body": "Klauzula {imie_nazwisko}.", "version": "0"},
}
STATE_MODELS = [Consent, ClauseReceipt, FormTemplate]

TEMPLATES = expect(LOGIN, 200, 200, 403, 404)
THEIR_TEMPLATES = expect(LOGIN, 404, 404, 404, 200)
EDIT = expect(LOGIN, 403, 200, 403, 404)
EDITED = expect(LOGIN, 403, 302, 403, 404)
THEIR_EDIT = expect(LOGIN, 404, 404, 404, 403)

ROWS = [
    *[
        row
        for theirs, page, change in [
            ("", OUR_PAGE, OUR_CHANGE), ("their_", THEIR_PAGE, THEIR_CHANGE)
        ]
        for row in [
            Row("card:participation_tab", "GET", f"{theirs}participation", page,
                extra=("consents",)),
            *[
                Row("consents:form_pdf", "GET", f"{theirs}participation", page, extra=(kind,))
                for kind in ["deklaracja", "formularz-zgloszeniowy", "klauzula"]
            ],
            Row("consents:consent_give", "GET", f"{theirs}participation", page),
            Row("consents:consent_give", "POST", f"{theirs}participation", change,
                "new_consent"),
            Row("consents:clause_record", "GET", f"{theirs}participation", page),
            Row("consents:clause_record", "POST", f"{theirs}participation", change, "clause"),
            Row("consents:consent_withdraw", "GET", f"{theirs}consent", page),
            Row("consents:consent_withdraw", "POST", f"{theirs}consent", change,
                "consent_withdrawal"),
        ]
    ],
    Row("consents:template_list", "GET", "project", TEMPLATES),
    Row("consents:template_list", "GET", "their_project", THEIR_TEMPLATES),
    Row("consents:template_edit", "GET", "project", EDIT, extra=("klauzula",)),
    Row("consents:template_edit", "POST", "project", EDITED, "form_template",
        extra=("klauzula",)),
    Row("consents:template_edit", "GET", "their_project", THEIR_EDIT, extra=("klauzula",)),
    Row("consents:template_edit", "POST", "their_project", THEIR_EDIT, "form_template",
        extra=("klauzula",)),
]
