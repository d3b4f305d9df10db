"""Workflows of sessions and attendance: each atomic, validated and attributed to a person.

One module per topic: ``sessions`` (record, edit, delete), ``attendance`` (one mark, everyone
present), ``consultations`` (a log of many at once), ``referrals`` (who is referred, many at
once, a withdrawal) and ``paths`` (the IŚR's new revision); ``_rules`` holds the checks they
share."""

from .attendance import attendance_all_present, attendance_set
from .consultations import Consultation, consultations_record
from .paths import path_draw_up
from .referrals import referral_withdraw, referrals_create, referred_participations
from .sessions import (
    SESSION_FIELDS,
    session_create,
    session_delete,
    session_present_count,
    session_update,
)

__all__ = [
    "SESSION_FIELDS", "Consultation", "attendance_all_present", "attendance_set",
    "consultations_record", "path_draw_up",
    "referral_withdraw", "referrals_create", "referred_participations", "session_create",
    "session_delete", "session_present_count", "session_update",
]
