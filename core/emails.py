"""Email that leaves no traces: neutral subjects, no post content, sent after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_neutral_email_on_commit(*, to: str, template: str, context: dict, language: str = "") -> None:
    """Render ``<template>_subject.txt`` and ``<template>_message.txt`` in the recipient's
    language and send once the current transaction has committed."""

    def send():
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])

    transaction.on_commit(send)
