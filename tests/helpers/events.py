"""Events: what one is planned with."""

from datetime import date

from events.models import EventKind


def event_data(**changes) -> dict:
    """What an event is planned with: a two-day study visit."""
    return {
        "kind": EventKind.STUDY_VISIT,
        "title": "Wizyta studyjna w spółdzielni socjalnej",
        "start_date": date(2025, 5, 12),
        "end_date": date(2025, 5, 13),
        "places": "Łęczna, Chełm",
        "description": "Poznanie pracy spółdzielni socjalnych regionu.",
    } | changes
