"""Database constraints that speak to the user: a Polish message, shown on the field it concerns.

Django's own constraints fall back to "Constraint “name” is violated." and report check
constraints as errors of the whole form; every constraint of the project is one of these instead,
so the rule the database holds is also a sentence on the field the person typed.
"""

import re
from datetime import date, time

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q


class _OnField:
    """Names the field a violation is reported on; the message is required."""

    def __init__(self, *args, field: str | None = None, **kwargs):
        if not kwargs.get("violation_error_message"):
            raise TypeError(f"{type(self).__name__} needs a violation_error_message")
        self.field = field
        super().__init__(*args, **kwargs)

    def validate(self, model, instance, exclude=None, using=None):
        kwargs = {"exclude": exclude} if using is None else {"exclude": exclude, "using": using}
        try:
            super().validate(model, instance, **kwargs)
        except ValidationError as error:
            if self.field is None:
                raise
            raise ValidationError({self.field: error.error_list}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if self.field is not None:
            kwargs["field"] = self.field
        return path, args, kwargs

    def __eq__(self, other):
        # The class takes part: a plain Django constraint of the same name is a different one.
        return type(other) is type(self) and super().__eq__(other) and other.field == self.field


class Check(_OnField, models.CheckConstraint):
    """A check constraint whose violation is a message on ``field`` (or the whole form).

    Django checks a condition before saving by asking the database (one query per constraint,
    per save). The simple conditions of this project (comparisons of a field with a constant or
    another field of the same row, null tests, a regular expression) are evaluated here instead,
    with SQL's three-valued logic (a comparison with NULL passes, as in a CHECK); any other
    condition goes to the database as before. tests/test_constraint_messages.py compares both
    answers for every constraint.
    """

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and any(name in exclude for name in _referenced(self.condition)):
            return  # as Django does: a rule on a field not being validated is left alone
        try:
            verdict = evaluate(self.condition, instance, model)
        except _CannotEvaluate:
            return super().validate(model, instance, exclude=exclude, using=using)
        if verdict is False:
            message = self.get_violation_error_message()
            raise ValidationError({self.field: [message]} if self.field else message,
                                  code=self.violation_error_code)


class _CannotEvaluate(Exception):
    pass


def _referenced(condition: Q) -> set[str]:
    names = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _referenced(child)
        else:
            lookup, value = child
            names.add(lookup.split("__")[0])
            if isinstance(value, F):
                names.add(value.name)
    return names


_COMPARE = {
    "exact": lambda a, b: a == b,
    "gte": lambda a, b: a >= b,
    "lte": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "lt": lambda a, b: a < b,
    "regex": lambda a, b: re.search(b, a) is not None,
}


_CONSTANTS = (str, int, float, bool, date, time, type(None))


def evaluate(condition: Q, instance, model) -> bool | None:
    """True, False or None (unknown, SQL's NULL) for a condition on one row."""
    results = []
    for child in condition.children:
        results.append(evaluate(child, instance, model) if isinstance(child, Q)
                       else _lookup(child, instance, model))
    if condition.connector == Q.AND:
        value = False if False in results else (None if None in results else True)
    else:
        value = True if True in results else (None if None in results else False)
    if condition.negated:
        value = None if value is None else not value
    return value


def _field_value(name: str, instance, model):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist as missing:
        raise _CannotEvaluate from missing
    if field.is_relation or not field.concrete:
        raise _CannotEvaluate
    return getattr(instance, field.attname)


def _lookup(child, instance, model) -> bool | None:
    lookup, expected = child
    name, _, operator = lookup.partition("__")
    operator = operator or "exact"
    value = _field_value(name, instance, model)
    if operator == "isnull":
        return (value is None) == bool(expected)
    if operator not in _COMPARE:
        raise _CannotEvaluate
    if isinstance(expected, F):
        expected = _field_value(expected.name, instance, model)
    elif not isinstance(expected, _CONSTANTS):
        raise _CannotEvaluate  # an expression or a value type compared differently in SQL
    if value is None or expected is None:
        return None
    try:
        return _COMPARE[operator](value, expected)
    except TypeError as mismatch:
        raise _CannotEvaluate from mismatch


class Unique(_OnField, models.UniqueConstraint):
    """A unique constraint whose violation is a message on ``field`` (or the whole form)."""
