"""Notification emails: neutral subject, no content unless the member opted in, and a
one-click unsubscribe link per kind of notification."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Kind, Notification
from .selectors import still_visible
from .texts import email_subject, prepare

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in Kind.values:
        return None
    return int(data["u"]), data["k"]


def send_summary_email(user, notifications: list[Notification], *, digest: str = "") -> bool:
    """One email for ``notifications`` of one member, after re-checking they may still see
    each target. Returns whether an email was sent."""
    notifications = still_visible(user, notifications)
    if not notifications:
        return False
    kinds = sorted({n.kind for n in notifications})
    links = {
        kind: settings.SITE_URL + reverse("notifications:unsubscribe", args=[unsubscribe_token(user.pk, kind)])
        for kind in kinds
    }
    context = {
        "user": user,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "notifications": notifications,
        "count": len(notifications),
        "include_content": user.email_content_opt_in,
        "digest": digest,
        "unsubscribe": [(Kind(kind).label, links[kind]) for kind in kinds],
    }
    with translation.override(user.ui_language or settings.LANGUAGE_CODE):
        prepare(notifications)
        subject = email_subject(notifications, settings.SITE_NAME)
        body = render_to_string("notifications/email/summary_message.txt", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    # RFC 8058 one-click unsubscribe, for the first kind in this email.
    message.extra_headers["List-Unsubscribe"] = f"<{links[kinds[0]]}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.send()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
    return True
