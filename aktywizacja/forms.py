"""What every form view shares: a service's refusal shown where the person typed."""

from django.core.exceptions import ValidationError


def add_errors(form, error: ValidationError) -> None:
    """A service's validation errors on the form's fields, or at its top for the others."""
    for name, errors in error.update_error_dict({}).items():
        form.add_error(name if name in form.fields else None, errors)
