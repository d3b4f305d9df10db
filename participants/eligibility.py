"""Whether a candidate meets the project's criteria, with the reasons when not."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import search_key


def eligibility_problems(participation, support_area) -> list[str]:
    """Reasons the candidate does not (or may not) meet the criteria; empty when eligible.

    ``support_area`` is the project's list of communes, passed in so a list of candidates
    costs one query for it.
    """
    project = participation.project
    problems = []
    day = participation.application_date or timezone.localdate()
    age = participation.person.age_on(day)
    if project.eligible_min_age is not None and age < project.eligible_min_age:
        problems.append(_("Too young: %(age)s on applying, the project admits from %(min)s.")
                        % {"age": age, "min": project.eligible_min_age})
    if project.eligible_max_age is not None and age > project.eligible_max_age:
        problems.append(_("Too old: %(age)s on applying, the project admits up to %(max)s.")
                        % {"age": age, "max": project.eligible_max_age})
    if project.centre_clients_only and participation.centre_client is not True:
        problems.append(_("The project admits clients of the social-welfare centre only."))
    problems += _area_problems(participation, support_area)
    return problems


def _area_problems(participation, support_area) -> list[str]:
    """Residence against the support area: by TERYT code when both have one, else by name."""
    if not support_area:
        return []
    if not (participation.commune or participation.commune_teryt):
        return [_("The commune of residence is not entered: the support area cannot be checked.")]
    code = participation.commune_teryt
    if code and any(area.teryt for area in support_area):
        matching = [area for area in support_area if area.teryt == code]
    else:
        commune = search_key(participation.commune)
        matching = [area for area in support_area if search_key(area.commune) == commune]
    if not matching:
        return [_("Lives outside the support area (commune %(commune)s).")
                % {"commune": participation.commune or code}]
    if all(commune.revitalisation_only for commune in matching):
        return [_("Check that the address lies in a revitalisation area: %(areas)s.")
                % {"areas": "; ".join(area.revitalisation_areas for area in matching)}]
    return []
