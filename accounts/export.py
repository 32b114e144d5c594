"""Members' right to their data: one ZIP with everything the member wrote or chose.

Only the member's own data goes in: their profile, what they wrote (with its edit history),
their reactions, watches, room memberships and preferences. Other members appear by display
name at most (a thread's title, a room's name), never with an email address or their messages.
The archive is built in memory on request; the uploaded files are included while their total
stays under ``MAX_FILES_BYTES`` (above it the archive lists them with their metadata only).
"""

import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.utils import timezone

from . import rights
from .models import User
from .rights import iso

MAX_FILES_BYTES = 50 * 1024 * 1024


def _profile(user: User) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "organisation": user.organisation,
        "country": user.country.slug if user.country_id else None,
        "role_in_organisation": user.role_in_organisation,
        "bio": user.bio,
        "languages": [str(language) for language in user.languages.all()],
        "expertise": [str(theme) for theme in user.expertise.all()],
        "show_organisation": user.show_organisation,
        "show_country": user.show_country,
        "show_presence": user.show_presence,
        "light_mode": user.light_mode,
        "email_content_opt_in": user.email_content_opt_in,
        "ui_language": user.ui_language,
        "role": user.role,
        "status": user.status,
        "motivation": user.motivation,
        "status_reason": user.status_reason,
        "date_joined": iso(user.date_joined),
        "approved_at": iso(user.approved_at),
    }


def export_data(user: User) -> tuple[dict, list]:
    """The member's data as a JSON-ready dict, and (entry, FileVersion) pairs of their uploads:
    the profile, then each app's registered part (``accounts.rights``)."""
    data = {"exported_at": iso(timezone.now()), "profile": _profile(user)}
    files = []
    for step in rights.export_steps():
        part = step.run(user)
        data[step.key] = part.data
        files.extend(part.files)
    return data, files


def export_zip(user: User) -> bytes:
    data, files = export_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        total = 0
        for entry, version in files:
            if total + version.size > MAX_FILES_BYTES:
                entry["in_archive"] = None
                continue
            arcname = f"files/{version.pk}-{_safe_name(version.original_name)}"
            try:
                with default_storage.open(version.content.name, "rb") as handle:
                    archive.writestr(arcname, handle.read())
            except OSError:
                continue
            total += version.size
            entry["in_archive"] = arcname
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def _safe_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    return cleaned.strip("._")[:100] or "file"
