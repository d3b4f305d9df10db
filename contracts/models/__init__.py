"""Social contracts (kontrakt socjalny) and agreements modelled on them, with their monitoring.

A social contract (social-assistance act, art. 108) is signed by a social worker with a client
of the centre; a participant who is not a client signs an agreement modelled on it (umowa na
wzór kontraktu socjalnego) with a contract specialist. Both are numbered in one series per
project, monitored, amended and closed with an outcome.

The models by topic: the contract (``contract``) and what belongs to it, its actions, monitoring
and amendments (``parts``).
"""

from .contract import (
    CLOSING_OUTCOMES,
    TERM_DATES,
    ContractKind,
    Outcome,
    SocialContract,
    SocialContractQuerySet,
    proposed_kind,
)
from .parts import (
    Amendment,
    ContractAction,
    ContractPart,
    ContractPartQuerySet,
    MonitoringEntry,
    Party,
    Progress,
)

__all__ = [
    "CLOSING_OUTCOMES", "TERM_DATES", "Amendment", "ContractAction", "ContractKind",
    "ContractPart", "ContractPartQuerySet", "MonitoringEntry", "Outcome", "Party", "Progress",
    "SocialContract", "SocialContractQuerySet", "proposed_kind",
]
