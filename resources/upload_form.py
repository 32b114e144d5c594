"""How the form for sharing a resource is laid out: its groups of fields, the values a person
expects already chosen, and the marks of required fields. The fields themselves are
``forms.ResourceForm``."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from taxonomy.models import Language

# (key, heading, fields); a phone shows one group at a time (resource_form.js).
GROUPS = [
    ("file", _("The file"), ("files", "uploaded", "external_url")),
    ("about", _("What it is"), ("title", "summary", "types")),
    ("where", _("Place, language and year"), ("countries", "languages", "year")),
    ("topics", _("Themes and audiences"), ("themes", "audiences")),
    (
        "details",
        _("Description and source"),
        ("description", "content_warning", "publisher", "licence", "translations"),
    ),
]
# Lists of choices this long fold into a <details> with a filter box.
FOLDED_FROM = 7


def initial_for(user, language_code: str) -> dict:
    """The uploader's country and the interface language (when the taxonomy has it), this year."""
    initial = {"year": timezone.localdate().year}
    if getattr(user, "country_id", None):
        initial["countries"] = [user.country_id]
    language = Language.objects.active().filter(slug=(language_code or "").lower()).values_list("pk", flat=True)
    found = list(language[:1])
    if found:
        initial["languages"] = found
    return initial


def mark_required(form) -> None:
    """Required fields say so to assistive technology as well as in their label."""
    for field in form.fields.values():
        if field.required:
            field.widget.attrs["aria-required"] = "true"


def grouped(form) -> list[dict]:
    """The form's fields in their groups, each with whether it folds and what is chosen."""
    groups = []
    for key, heading, names in GROUPS:
        fields = []
        for name in names:
            if name not in form.fields:
                continue
            bound = form[name]
            choices = getattr(form.fields[name], "queryset", None)
            many = bound.widget_type == "checkboxselectmultiple" and choices is not None
            folded = many and len(bound.field.choices) >= FOLDED_FROM
            chosen = [str(option.choice_label) for option in bound if option.data["selected"]] if folded else []
            fields.append({"field": bound, "folded": folded, "chosen": chosen})
        if fields:
            groups.append({"key": key, "heading": heading, "fields": fields})
    return groups


def kept_facts(form) -> list[str]:
    """For files already sent (a form shown again after an error): what the server found in
    each, its type by content, size and, for a PDF, its number of pages."""
    from django.core.exceptions import ValidationError
    from django.template.defaultfilters import filesizeformat

    from core.files import inspection

    from . import partial_uploads

    field = form.fields.get("uploaded")
    if field is None or field.widget.is_hidden or not field.widget.choices:
        return []
    facts = []
    for upload in field.queryset.filter(pk__in=[pk for pk, _name in field.widget.choices]):
        if not upload.complete:
            continue
        try:
            with partial_uploads.upload_open(upload, limit=64 * 1024) as handle:
                head = handle.read()
            key = inspection._detect(head, inspection.extension_of(upload.name))
        except (OSError, ValidationError):
            continue
        kind = inspection.KINDS.get(key)
        pages = _pdf_pages(upload) if key == "pdf" else None
        text = _("%(name)s: %(type)s, %(size)s") % {
            "name": upload.name,
            "type": kind.label if kind else key.upper(),
            "size": filesizeformat(upload.size),
        }
        if pages:
            text += ", " + ngettext("%(count)s page", "%(count)s pages", pages) % {"count": pages}
        facts.append(text)
    return facts


def _pdf_pages(upload) -> int | None:
    import pypdfium2
    from django.core.exceptions import ValidationError

    from .partial_uploads import upload_open
    from .previews import pdfium_lock  # pdfium is not thread-safe

    try:
        handle = upload_open(upload)
    except ValidationError:
        return None
    with handle, pdfium_lock:
        try:
            document = pypdfium2.PdfDocument(handle)
        except Exception:  # noqa: BLE001 - an unreadable PDF is refused later, with its reason
            return None
        try:
            return len(document)
        finally:
            document.close()
