"""A person's copy of their data (RODO art. 15): the coordinator's, from the card (the social
worker and the director 403, another organisation's participant 404). The data protection
officer's pages answer 403 to every persona here (no persona is the officer); the officer's own
answers are in tests/test_privacy.py."""

from tests.access_rows import LOGIN, Row, expect

NOBODY_HERE = expect(LOGIN, 403, 403, 403, 403)

ROWS = [
    *[
        Row(name, "GET", target, expected)
        for name in ["privacy:subject_export", "privacy:subject_export_download"]
        for target, expected in [
            ("participation", expect(LOGIN, 403, 200, 403, 404)),
            ("their_participation", expect(LOGIN, 404, 404, 404, 403)),
        ]
    ],
    *[
        Row(f"privacy:{name}", "GET", None, NOBODY_HERE)
        for name in ["officer_start", "access_log", "access_log_csv", "export_list"]
    ],
    Row("privacy:access_log", "POST", None, NOBODY_HERE),
    *[
        Row(f"privacy:{name}", "GET", target, NOBODY_HERE)
        for name in ["register", "register_pdf"]
        for target in ["project", "their_project"]
    ],
]
