"""Database constraints that speak to the user: a Polish message, shown on the field it concerns.

Django's own constraints fall back to "Constraint “name” is violated." and report check
constraints as errors of the whole form; every constraint of the project is one of these instead,
so the rule the database holds is also a sentence on the field the person typed.
"""

from django.core.exceptions import ValidationError
from django.db import models


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
    """A check constraint whose violation is a message on ``field`` (or the whole form)."""


class Unique(_OnField, models.UniqueConstraint):
    """A unique constraint whose violation is a message on ``field`` (or the whole form)."""
