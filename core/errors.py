"""One way for a view to show a service's refusal to the member."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def add_service_error(target, error: ValidationError | PermissionDenied, *, field: str | None = None) -> None:
    """Show ``error`` where the member looks: on a form (each message on the field it names
    when the form has that field, otherwise on ``field`` or the whole form), or, for an action
    without a form, as a message on the next page (``target`` is then the request)."""
    if isinstance(error, PermissionDenied):
        error = ValidationError(str(error) or _("You cannot do this."), code="forbidden")
    if isinstance(target, forms.BaseForm):
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                target.add_error(name if name in target.fields else None, errors)
        else:
            target.add_error(field if field in target.fields else None, error)
        return
    for message in error.messages:
        messages.error(target, message)
