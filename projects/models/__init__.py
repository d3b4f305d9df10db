"""Organisations and projects: the organisations (``organisations``), the funding programmes and
their indicators (``programmes``), the TERYT communes (``communes``), and the projects with their
editions, support area, targets and team (``projects``)."""

from .communes import TERYT_CODE, Commune, CommuneKind, CommuneLookup, chosen_commune
from .organisations import (
    Organisation,
    OrganisationKind,
    OrganisationQuerySet,
    postcode_validator,
    short_name_validator,
)
from .programmes import FundingProgramme, IndicatorDefinition, IndicatorUnit, ProgrammeFamily
from .projects import (
    Edition,
    IndicatorTarget,
    Membership,
    MembershipQuerySet,
    ParticipationScopedQuerySet,
    Project,
    ProjectQuerySet,
    ProjectScopedQuerySet,
    ProjectStatus,
    SupportAreaCommune,
    participations_seen_by,
    participations_seen_in,
    percent_of_target,
    seen_whole,
    sees_whole_project,
)
from .signatories import Signatory, SignatoryKind

__all__ = [
    "TERYT_CODE", "Commune", "CommuneKind", "Edition", "FundingProgramme", "IndicatorDefinition",
    "IndicatorTarget", "IndicatorUnit", "Membership", "MembershipQuerySet", "Organisation",
    "OrganisationKind", "OrganisationQuerySet", "ParticipationScopedQuerySet", "Project",
    "ProjectQuerySet", "ProjectScopedQuerySet", "ProjectStatus", "SupportAreaCommune",
    "CommuneLookup", "ProgrammeFamily", "chosen_commune", "participations_seen_by",
    "participations_seen_in",
    "percent_of_target", "postcode_validator", "sees_whole_project", "seen_whole",
    "short_name_validator",
    "Signatory", "SignatoryKind",
]
