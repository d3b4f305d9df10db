import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from aktywizacja.pagination import Key
from projects.models import Edition

from .codelists import Answer
from .models import Participation, ParticipationStatus, Sex, search_key

# People whose participation has not ended: still being recruited, or taking part.
ACTIVE = "active"
ACTIVE_STATUSES = [ParticipationStatus.CANDIDATE, ParticipationStatus.QUALIFIED,
                   ParticipationStatus.RESERVE, ParticipationStatus.PARTICIPANT]


# The list's orders, each ending with the pk so that a page can start after any one row; the
# indexes of participants 0016 and 0018 serve them (a project's people by name, by status, by
# start). By name is by the copy of the person's names on the participation (0018).
ORDERINGS = {
    "name": ["sort_last_name", "sort_first_name", "pk"],
    "project": ["project__short_name", "pk"],
    "status": ["status", "pk"],
    "start": [Key("start_date", nullable=True), "pk"],
}


# A search's matches lie together in name order (every "Wójcik" under W), so walking the name
# index to them reads every row before them. Searched, the list is ordered by the same names
# as text that no index holds (annotated by ``ParticipationFilter.search``): the database finds
# the matches by the search's own index (participants 0019) and sorts only them, at a cost that
# grows with the matches in the user's projects. A text shorter than a trigram no trigram index
# finds, and it is in most names: the walk meets its first page early (and sorting every row it
# matches would not), so such a search keeps the list's own order.
SEARCHED_NAME = ["searched_last_name", "searched_first_name", "pk"]
SORTED_FROM = 3  # characters of the folded text: pg_trgm's trigram


def _sorts_matches(text: str | None) -> bool:
    return len(search_key(text or "")) >= SORTED_FROM


def sorts_matches(filterset) -> bool:
    """Whether the list sorts the rows its search found (``keyset_page``'s ``sorted_first``)."""
    filterset.is_valid()  # the fields that are valid are in cleaned_data
    return _sorts_matches(filterset.form.cleaned_data.get("q"))


def list_ordering(filterset) -> list[Key]:
    """The order the list's "Sort by" chose (by last name when none), as keyset keys."""
    filterset.is_valid()  # the fields that are valid are in cleaned_data
    name = (filterset.form.cleaned_data.get("order") or ["name"])[0]
    searched = name.lstrip("-") == "name" and sorts_matches(filterset)
    keys = [Key.parse(key) for key in (SEARCHED_NAME if searched else
                                       ORDERINGS[name.lstrip("-")])]
    return [key.reversed() for key in keys] if name.startswith("-") else keys


class ParticipationFilter(django_filters.FilterSet):
    """Search, filters and sorting of the participant list, limited to the user's projects."""

    q = django_filters.CharFilter(method="search", label=_("Name or PESEL"))
    project = django_filters.ChoiceFilter(choices=[], label=_("Project"),
                                          empty_label=_("any project"))
    status = django_filters.ChoiceFilter(
        choices=[(ACTIVE, _("active (not ended)")), *ParticipationStatus.choices],
        method="by_status", label=_("Status"), empty_label=_("any status"),
    )
    edition = django_filters.ChoiceFilter(choices=[], label=_("Edition"),
                                          empty_label=_("any edition"))
    social_worker = django_filters.ChoiceFilter(choices=[], label=_("Social worker"),
                                                empty_label=_("any social worker"))
    sex = django_filters.ChoiceFilter(field_name="person__sex", choices=Sex.choices, label=_("Sex"))
    disability = django_filters.ChoiceFilter(choices=Answer.choices, label=_("Disability"))
    order = django_filters.OrderingFilter(
        fields=(
            ("person__last_name", "name"),
            ("project__short_name", "project"),
            ("status", "status"),
            ("start_date", "start"),
        ),
        field_labels={
            "person__last_name": _("last name"),
            "project__short_name": _("project"),
            "status": _("status"),
            "start_date": _("start of participation"),
            # django-filter would word these once, at import, in the language active then.
            "-name": _("last name (descending)"),
            "-project": _("project (descending)"),
            "-status": _("status (descending)"),
            "-start": _("start of participation (descending)"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Participation
        fields = []

    def __init__(self, *args, projects, **kwargs):
        """``projects``: the user's projects the list may show, already read (a list)."""
        super().__init__(*args, **kwargs)
        self.filters["project"].extra["choices"] = [
            (project.pk, str(project)) for project in projects
        ]
        editions, social_workers = _choices_of([project.pk for project in projects])
        self.filters["edition"].extra["choices"] = editions
        self.filters["social_worker"].extra["choices"] = social_workers

    def search(self, queryset, name, value):
        found = queryset.search(value)
        if not _sorts_matches(value):
            return found
        return found.annotate(searched_last_name=Concat("sort_last_name", Value("")),
                              searched_first_name=Concat("sort_first_name", Value("")))

    def by_status(self, queryset, name, value):
        if value == ACTIVE:
            return queryset.filter(status__in=ACTIVE_STATUSES)
        return queryset.filter(status=value)


def _choices_of(project_pks) -> tuple[list, list]:
    """The editions and the team members of these projects, as the filters' choices: read in
    one query (a list page's queries stay few, issue 13)."""
    editions = Edition.objects.filter(project__in=project_pks).order_by().values_list(
        Value("edition"), "pk", "number", "name", Value(""), Value("")
    )
    team = get_user_model().objects.filter(
        memberships__project__in=project_pks, memberships__is_active=True
    ).order_by().values_list(
        Value("member"), "pk", Value(0), "first_name", "last_name", "username"
    )
    edition_rows, member_rows = [], []
    for kind, pk, number, name, last_name, username in editions.union(team):
        if kind == "edition":  # labelled as the models label themselves
            edition_rows.append((number, pk, str(Edition(number=number, name=name))))
        else:
            member = get_user_model()(first_name=name, last_name=last_name, username=username)
            member_rows.append((last_name, str(member), pk))
    return ([(pk, label) for _number, pk, label in sorted(edition_rows)],
            [(pk, label) for _last, label, pk in sorted(member_rows)])
