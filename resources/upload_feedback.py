"""What the upload pages tell the member once a file arrived or was refused: shared by the
resource form, the file and version uploads and the translated-file page."""

from django.contrib import messages
from django.utils.translation import gettext as _

from core.files.inspection import too_large_message
from core.text import without_direction_controls

from . import selectors
from .models import Resource, State


def refused_while_uploading(request, form, field: str) -> bool:
    """The body-size guard refused the upload (``request.upload_refused``): the form says so
    on ``field`` instead of "this field is required"."""
    name = getattr(request, "upload_refused", None)
    if name is None:
        return False
    form.is_valid()
    form.errors.pop(field, None)  # "this field is required" would only confuse
    form.add_error(field, too_large_message(name))
    return True


def announce_state(request, resource: Resource) -> None:
    """Where the resource now is: in the library, in review or a draft."""
    if resource.state == State.PUBLISHED:
        messages.success(request, _("The resource is published in the library."))
    elif resource.state == State.IN_REVIEW:
        messages.success(request, _("Thank you. A moderator will review the resource before it is listed."))
    else:
        messages.success(request, _("Saved as a draft. Only you can see it."))


def point_out_duplicates(request, resource: Resource) -> None:
    """A warning for each resource the member can see that holds an identical file."""
    duplicates = selectors.duplicates_for(request.user, resource)
    others = {other.pk: other for group in duplicates.values() for other in group}
    for other in others.values():
        messages.warning(
            request,
            _("An identical file is already in the library: “%(title)s”.")
            % {"title": without_direction_controls(other.title)},
        )
