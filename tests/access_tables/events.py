"""Events: the coordinator plans and deletes them; the team records who came; the director sees
how many came (the list) but not who (403 on the attendees page); another project's team finds
nothing."""

from events.models import Event, EventAttendance
from events.services import event_attendance_set, event_create

from ..access_rows import LOGIN, OUR_CHANGE, OUR_PAGE, THEIR_CHANGE, THEIR_PAGE, Row, expect
from ..helpers.events import event_data

PLANNED_BY_COORDINATOR = expect(LOGIN, 403, 200, 403, 404)
THEIR_PLANNED = expect(LOGIN, 404, 404, 404, 403)


def _posted(page):
    return {role: 302 if outcome == 200 else outcome for role, outcome in page.items()}


ROWS = [
    Row("events:event_list", "GET", "project", expect(LOGIN, 200, 200, 200, 404)),
    Row("events:event_list", "GET", "their_project", THEIR_PAGE),
    *[
        row
        for theirs, planned, page, change in [
            ("", PLANNED_BY_COORDINATOR, OUR_PAGE, OUR_CHANGE),
            ("their_", THEIR_PLANNED, THEIR_PAGE, THEIR_CHANGE),
        ]
        for row in [
            Row("events:event_create", "GET", f"{theirs}project", planned),
            Row("events:event_create", "POST", f"{theirs}project", _posted(planned), "event"),
            Row("events:event_update", "GET", f"{theirs}event", planned),
            Row("events:event_update", "POST", f"{theirs}event", _posted(planned), "event"),
            Row("events:event_delete", "GET", f"{theirs}event", planned),
            Row("events:event_delete", "POST", f"{theirs}event", _posted(planned),
                "event_delete"),
            Row("events:event_attendees", "GET", f"{theirs}event", page),
            Row("events:event_attendees", "POST", f"{theirs}event", change,
                f"{theirs}event_attendees"),
        ]
    ],
]

STATE_MODELS = [Event, EventAttendance]


def add_objects(objects) -> dict:
    added = {}
    for theirs in ["", "their_"]:
        participation = objects[f"{theirs}participation"]
        by = participation.social_worker
        event = event_create(project=participation.project, by=by, **event_data())
        event_attendance_set(event=event, participations=[participation], by=by)
        added[f"{theirs}event"] = event
    return added


POST_DATA = {
    # the version read with the page: the project's for a new event (ignored), the event's on edit
    "event": lambda obj, objects: {
        "kind": "workshop", "title": "Warsztaty", "start_date": "03.06.2025",
        "places": "Lubartów", "version": str(obj.version),
    },
    "event_delete": lambda obj, objects: {"confirm_attendance": "on"},
    "event_attendees": lambda obj, objects: {
        "participations": [str(objects["participation"].pk), str(objects["uncontracted"].pk)]
    },
    "their_event_attendees": lambda obj, objects: {
        "participations": [str(objects["their_uncontracted"].pk)]
    },
}
