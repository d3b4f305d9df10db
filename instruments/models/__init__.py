"""Support and its delivery: the instruments, support forms and referrals (``support``), and the
sessions, timetables and attendance (``sessions``)."""

from .sessions import (
    HUNDREDTHS,
    MINUTES_PER_HOUR,
    WEEKDAYS,
    Attendance,
    AttendanceQuerySet,
    HoursUnit,
    Session,
    SessionKind,
    SessionQuerySet,
    SessionSeries,
    minutes_to_hours,
)
from .support import (
    REFERRAL_IN_FORCE,
    InstrumentKind,
    Referral,
    ReferralQuerySet,
    ReferralStatus,
    StaffRole,
    SupportForm,
    SupportGroup,
    SupportMode,
)
from .totals import HeldSession, HoursTotal

__all__ = [
    "HUNDREDTHS", "MINUTES_PER_HOUR", "REFERRAL_IN_FORCE", "WEEKDAYS", "Attendance",
    "AttendanceQuerySet", "HeldSession", "HoursTotal", "HoursUnit", "InstrumentKind", "Referral",
    "ReferralQuerySet", "ReferralStatus", "Session", "SessionKind", "SessionQuerySet",
    "SessionSeries", "StaffRole", "SupportForm", "SupportGroup", "SupportMode", "minutes_to_hours",
]
