"""The participant's file: the team adds, downloads and removes files, as on the card; the
director sees the project's totals and required kinds, never a file (403); a member of another
project never finds our participants' files (404)."""

from dossier.models import DossierFile, RequiredKind

from ..access_rows import LOGIN, OUR_CHANGE, OUR_PAGE, THEIR_CHANGE, THEIR_PAGE, Row, expect
from ..helpers.dossier import add_file, pdf_bytes, upload

ROWS = [
    *[
        row
        for theirs, page, change in [
            ("", OUR_PAGE, OUR_CHANGE),
            ("their_", THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("card:participation_tab", "GET", f"{theirs}participation", page,
                extra=("dossier",)),
            Row("dossier:file_add", "GET", f"{theirs}participation", page),
            Row("dossier:file_add", "POST", f"{theirs}participation", change, "dossier_file"),
            Row("dossier:file_download", "GET", f"{theirs}dossier_file", page),
            Row("dossier:file_remove", "GET", f"{theirs}dossier_file", page),
            Row("dossier:file_remove", "POST", f"{theirs}dossier_file", change,
                "dossier_removal"),
        ]
    ],
    # Totals and the required kinds: the whole team and the director read them; the
    # coordinator sets them.
    Row("dossier:project_dossier", "GET", "project", expect(LOGIN, 200, 200, 200, 404)),
    Row("dossier:project_dossier", "POST", "project", expect(LOGIN, 403, 302, 403, 404),
        "required_kinds"),
    Row("dossier:project_dossier", "GET", "their_project", expect(LOGIN, 404, 404, 404, 200)),
    Row("dossier:project_dossier", "POST", "their_project", expect(LOGIN, 404, 404, 404, 403),
        "required_kinds"),
]

STATE_MODELS = [DossierFile, RequiredKind]


def add_objects(objects) -> dict:
    return {
        f"{theirs}dossier_file": add_file(participation, participation.social_worker)
        for theirs, participation in [
            ("", objects["participation"]), ("their_", objects["their_participation"]),
        ]
    }


POST_DATA = {
    "dossier_file": lambda obj, objects: {
        "kind": "consents", "date": "03.02.2025", "upload": upload("zgody.pdf", pdf_bytes()),
    },
    "dossier_removal": lambda obj, objects: {"reason": "Skan innej osoby."},
    "required_kinds": lambda obj, objects: {"kinds": ["declaration", "consents"]},
}
