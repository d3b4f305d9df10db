"""Access rows of the instruments URLs of support delivery: edit, delete, month sheet, agenda."""

from ..access_rows import LOGIN, OUR_PAGE, THEIR_PAGE, Row, expect

ROWS = [
    # The agenda lists the sessions of the user's own projects: every signed-in role has one.
    Row("instruments:agenda", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    *[
        row
        for theirs, page, coordinating, posted in [
            (
                "",
                OUR_PAGE,
                expect(LOGIN, 403, 200, 403, 404),
                expect(LOGIN, 403, 302, 403, 404),
            ),
            (
                "their_",
                THEIR_PAGE,
                expect(LOGIN, 404, 404, 404, 403),
                expect(LOGIN, 404, 404, 404, 403),
            ),
        ]
        for row in [
            # The month's sheet names people: the team's, not the director's.
            Row("instruments:attendance_month_pdf", "GET", f"{theirs}support_form", page),
            # Correcting and deleting sessions is the coordinator's.
            Row("instruments:session_update", "GET", f"{theirs}session", coordinating),
            Row("instruments:session_update", "POST", f"{theirs}session", posted, "session"),
            Row("instruments:session_delete", "GET", f"{theirs}session", coordinating),
            Row("instruments:session_delete", "POST", f"{theirs}session", posted, "session_delete"),
        ]
    ],
]

POST_DATA = {
    "session": lambda obj, objects: {
        "kind": "group",
        "date": "04.03.2025",
        "start_time": "12:00",
        "end_time": "13:30",
        "hours_unit": "teaching",
        "place": "Sala 3",
        "staff_name": "",
        "version": str(obj.version),
    },
    "session_delete": lambda obj, objects: {"confirm_attendance": "on"},
}
