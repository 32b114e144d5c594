"""A gentle check before posting: does a text look like it carries personal details (a phone
number, an ID or passport number, an email address)? It only asks the author to look again;
it never blocks, because hotline numbers and organisation addresses are legitimate content.

The check sits in the composers (forms, the chat WebSocket) rather than in the services: it is
a question to the person typing, and commands, seed data and imports must not stop on it.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PHONE, ID_NUMBER, EMAIL = "phone", "id_number", "email"
KIND_LABELS = {
    PHONE: _("a phone number"),
    ID_NUMBER: _("an ID-like number (national ID, passport or similar)"),
    EMAIL: _("an email address"),
}

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits, optionally led by "+", with the separators people type in phone numbers.
NUMBER_RE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\d\s().-]*\d)?(?!\w)")
# Letters then digits, as passports are written in the region: "N12345678", "AB 1234567".
DOCUMENT_RE = re.compile(r"(?<!\w)[A-Za-zА-Яа-я]{1,2}\s?\d{7,9}(?!\w)")
# Dates and ranges of years are not personal details: 2024-01-15, 15.01.2024, 1995-2005.
DATE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}\s?[-–]\s?\d{4}$")
# Local phone formats: Kazakhstan 8 7xx …, Kyrgyzstan and Tajikistan 0xxx …, Uzbekistan 9x …
LOCAL_PHONE_RE = re.compile(r"^(?:8\d{10}|0\d{8,9}|9\d{8})$")


def _kind_of_number(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        return PHONE if 8 <= len(digits) <= 15 else None
    if DATE_RE.match(raw.strip()):
        return None
    separated = bool(re.search(r"[\s().-]", raw.strip()))
    if separated:
        # "8 (701) 123-45-67", "0555 12 34 56", "90 123 45 67"; amounts like "10 000" are shorter.
        return PHONE if 9 <= len(digits) <= 15 else None
    if LOCAL_PHONE_RE.match(digits):
        return PHONE
    # Kazakhstan's IIN has 12 digits, passports 8 or 9: any long bare run looks like an ID.
    return ID_NUMBER if len(digits) >= 8 else None


def find_personal_details(text: str) -> list[str]:
    """The kinds of personal details the text seems to contain, in a fixed order."""
    text = text or ""
    found = set()
    if EMAIL_RE.search(text):
        found.add(EMAIL)
        text = EMAIL_RE.sub(" ", text)
    if DOCUMENT_RE.search(text):
        found.add(ID_NUMBER)
    for match in NUMBER_RE.finditer(text):
        kind = _kind_of_number(match.group(0).rstrip(" .-)("))
        if kind:
            found.add(kind)
    return [kind for kind in (PHONE, ID_NUMBER, EMAIL) if kind in found]


def describe(kinds) -> str:
    return ", ".join(str(KIND_LABELS[kind]) for kind in kinds)


def personal_details_error(kinds) -> ValidationError:
    return ValidationError(
        format_lazy(
            _(
                "This text seems to contain {kinds}. Please check that it does not identify a survivor "
                "or any private person. If it is fine (for example a public hotline), tick the box below "
                "and send it again."
            ),
            kinds=describe(kinds),
        ),
        code="personal_details",
    )


CONFIRM_FIELD = "personal_details_checked"
CONFIRM_LABEL = _("I have checked: this does not identify a survivor or any private person")


class PersonalDetailsCheckMixin:
    """For composer forms: if the fields in `personal_details_fields` seem to contain personal
    details, the form is shown again with a calm message and a checkbox that lets the author
    post anyway. The checkbox stays a hidden field until it is needed."""

    personal_details_fields: tuple[str, ...] = ("body",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONFIRM_FIELD] = forms.BooleanField(label=CONFIRM_LABEL, required=False, widget=forms.HiddenInput)
        self.personal_details_found: list[str] = []

    def clean(self):
        cleaned = super().clean()
        # A preview is for the author's eyes only; the question comes when they send.
        if self.is_bound and "preview" in self.data:
            return cleaned
        text = "\n".join(str(cleaned.get(name) or "") for name in self.personal_details_fields)
        kinds = find_personal_details(text)
        if kinds and not cleaned.get(CONFIRM_FIELD):
            self.personal_details_found = kinds
            self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
            self.add_error(None, personal_details_error(kinds))
        return cleaned
