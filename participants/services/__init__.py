"""Workflows of the participant registry: each one atomic, each change attributable.

``registry`` records people and their participations; ``status`` moves them along the
recruitment path, one person or many at once under the same rules."""

from .registry import (
    correction_reason_needed,
    participant_register,
    participants_register_many,
    participation_update,
)
from .status import (
    participation_change_status,
    participations_change_status,
    participations_walk,
)

__all__ = [
    "correction_reason_needed", "participant_register", "participants_register_many",
    "participation_change_status", "participation_update", "participations_change_status",
    "participations_walk",
]
