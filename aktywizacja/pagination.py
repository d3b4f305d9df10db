"""Keyset pages for the long lists (participants, sessions, contracts, the document register).

A numbered page (``OFFSET 5000``) makes the database read and throw away every row before it,
and its "page N of M" counts every row on each page. A keyset page instead asks for the rows
after (or before) one row in the list's order: ``WHERE (sort key, pk) > (that row's) ORDER BY
... LIMIT 51``, which an index serving the order answers in the same time on the first page and
the thousandth. A count is capped (``capped_count``): "more than 1,000" needs no full count.

The links carry only the pk of the row a page starts after (``po``) or ends before (``przed``),
never its sort key: a name is personal data and stays out of addresses and access logs. The key
is read back from that row inside the page's own query (a subquery by primary key, which the
database runs once), or by a small query of its own when a column of the order may be empty.
"Last page" (``koniec``) is the first page of the reversed order.
"""

from dataclasses import dataclass
from functools import partial, reduce
from operator import and_, or_

from django.db.models import F, IntegerField, Q, QuerySet, Subquery
from django.http import QueryDict

PAGE_SIZE = 50
COUNT_CAP = 1000
AFTER, BEFORE, LAST = "po", "przed", "koniec"
PAGE_PARAMS = (AFTER, BEFORE, LAST, "page")


@dataclass(frozen=True)
class Key:
    """One column of a list's order: its lookup path, descending or not, nullable or not.

    NULLs come after every value ascending and before every value descending (PostgreSQL's
    own default, which a b-tree index read forwards or backwards gives)."""

    path: str
    descending: bool = False
    nullable: bool = False

    @classmethod
    def parse(cls, spec: "str | Key") -> "Key":
        if isinstance(spec, Key):
            return spec
        return cls(spec.lstrip("-"), descending=spec.startswith("-"))

    def reversed(self) -> "Key":
        return Key(self.path, not self.descending, self.nullable)

    def order(self):
        if self.descending:
            return F(self.path).desc(nulls_first=True) if self.nullable else F(self.path).desc()
        return F(self.path).asc(nulls_last=True) if self.nullable else F(self.path).asc()

    def equal(self, value) -> Q:
        return Q(**{f"{self.path}__isnull": True}) if value is None else Q(**{self.path: value})

    def beyond(self, value) -> Q:
        """The rows that come after ``value`` in this column's order."""
        if value is None:  # NULLs are last ascending; descending, every value follows them
            return Q(pk__in=[]) if not self.descending else Q(**{f"{self.path}__isnull": False})
        later = Q(**{f"{self.path}__{'lt' if self.descending else 'gt'}": value})
        return later | Q(**{f"{self.path}__isnull": True}) if (
            self.nullable and not self.descending) else later

    def bound(self, value) -> Q:
        """A range on the first column that an index can start its scan at (implied by the
        full condition; said alone so that PostgreSQL reads it as an index condition)."""
        if value is None or self.nullable:
            return Q()
        return Q(**{f"{self.path}__{'lte' if self.descending else 'gte'}": value})


def after(keys: list[Key], values: list) -> Q:
    """Rows after the one with ``values`` in the order of ``keys`` (the last key unique)."""
    alternatives = [
        reduce(and_, [key.equal(value) for key, value in zip(keys[:index], values[:index],
                                                             strict=True)], Q())
        & keys[index].beyond(values[index])
        for index in range(len(keys))
    ]
    return keys[0].bound(values[0]) & reduce(or_, alternatives)


@dataclass
class KeysetPage:
    """One page of a list and the addresses of its neighbours (query strings, filters kept);
    ``found``, how many rows the whole list has (capped), when the page was asked to count."""

    object_list: list
    has_next: bool
    has_previous: bool
    query: QueryDict
    found: "CappedCount | None" = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __bool__(self):
        return bool(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def _link(self, **param) -> str:
        query = self.query.copy()
        for name in PAGE_PARAMS:
            query.pop(name, None)
        query.update(param)
        return f"?{query.urlencode()}" if query else "?"

    @property
    def first_url(self) -> str:
        return self._link()

    @property
    def last_url(self) -> str:
        return self._link(**{LAST: "1"})

    @property
    def next_url(self) -> str:
        return self._link(**{AFTER: str(self.object_list[-1].pk)})

    @property
    def previous_url(self) -> str:
        return self._link(**{BEFORE: str(self.object_list[0].pk)})


def keyset_page(queryset: QuerySet, ordering, params, *, size: int = PAGE_SIZE,
                query: QueryDict | None = None, counted: bool = False,
                sorted_first: bool = False) -> KeysetPage:
    """The page of ``queryset`` in ``ordering`` (lookup paths or ``Key``s, ending with the pk)
    that ``params`` (the request's GET) asks for; links keep ``query`` (default: ``params``).
    ``counted``: the page also says how many rows the list has (``found``, capped), counted
    inside the page's own query. ``sorted_first``: for an order no index serves (the database
    sorts every row found), the page's rows are chosen by a subquery of the list's own table
    (its filters, order and limit), and only they are joined to the related rows."""
    keys = [Key.parse(spec) for spec in ordering]
    _page = partial(_read_page, sorted_first=sorted_first)
    query = params if query is None else query
    cursor, backwards = _cursor(params)
    listed = queryset.annotate(**{FOUND: _CappedCount(queryset)}) if counted else queryset
    if params.get(LAST):
        page = _page(listed, [key.reversed() for key in keys], None, size, query, True,
                     from_end=True)
        return _counted(page, queryset) if counted else page
    values = _values_of(queryset, keys, cursor) if cursor is not None else None
    if backwards and values is not None:
        page = _page(listed, [key.reversed() for key in keys], values, size, query, True)
    else:
        page = _page(listed, keys, values, size, query, False)
    # Nothing after the row: it may be that row is no longer listed (deleted, filtered out
    # since); the first page then, as when its key is read on its own.
    if (values is not None and not page and _is_subquery(values)
            and not queryset.filter(pk=cursor).exists()):
        page = _page(listed, keys, None, size, query, False)
    return _counted(page, queryset) if counted else page


FOUND = "keyset_found"


class _CappedCount(Subquery):
    """``capped_count`` as a column of the page's query: the database counts the list once
    (an uncorrelated subquery) while it reads the page."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS listed)"
    output_field = IntegerField()

    def __init__(self, queryset, cap: int = COUNT_CAP):
        super().__init__(queryset.order_by().values("pk")[: cap + 1])


def _counted(page: KeysetPage, queryset) -> KeysetPage:
    if page.object_list:
        found = getattr(page.object_list[0], FOUND)
        page.found = CappedCount(min(found, COUNT_CAP), found > COUNT_CAP)
    else:  # an empty page says nothing of the list: an empty list, or past its end
        page.found = capped_count(queryset) if page.has_previous else CappedCount(0, False)
    return page


def _cursor(params) -> tuple[int | None, bool]:
    for name, backwards in ((AFTER, False), (BEFORE, True)):
        value = params.get(name, "")
        if value.isdigit():
            return int(value), backwards
    return None, False


def _values_of(queryset, keys, pk) -> list | None:
    """The sort key of the row a page starts after: subqueries of the page's own query when no
    column of the order may be empty; else read now, and none (the first page) when that row
    is no longer in the list (deleted, or filtered out since)."""
    row = queryset.order_by().filter(pk=pk)
    if not any(key.nullable for key in keys):
        return [Subquery(row.values(key.path)[:1]) for key in keys]
    found = row.values_list(*[key.path for key in keys]).first()
    return list(found) if found is not None else None


def _is_subquery(values: list) -> bool:
    return isinstance(values[0], Subquery)


def _read_page(queryset, keys, values, size, query, backwards, from_end=False, *,
               sorted_first=False) -> KeysetPage:
    if values is not None:
        queryset = queryset.filter(after(keys, values))
    ordered = queryset.order_by(*[key.order() for key in keys])
    if sorted_first:
        # Without its joins, the table's rows found are sorted before anything is joined (a
        # join of every row found, then a sort, is what PostgreSQL plans otherwise).
        ordered = ordered.filter(pk__in=ordered.values("pk")[: size + 1])
    rows = list(ordered[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
        return KeysetPage(rows, has_next=not from_end, has_previous=more, query=query)
    return KeysetPage(rows, has_next=more, has_previous=values is not None, query=query)


@dataclass(frozen=True)
class CappedCount:
    """How many rows a list has, counted up to a cap: ``more`` when there are more than it."""

    count: int
    more: bool
    cap: int = COUNT_CAP


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> CappedCount:
    """One query that reads at most ``cap + 1`` rows, whatever the list's size."""
    found = queryset.order_by()[: cap + 1].count()
    return CappedCount(min(found, cap), found > cap, cap)
