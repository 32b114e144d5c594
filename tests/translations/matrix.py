from taxonomy.models import Country, Language
from tests.authz import NOT_FOUND, Route, members_only
from tests.forum import factories as forum

from .helpers import opening, russian_thread, speaker, translate_opening

restricted = members_only(member=NOT_FOUND, expert=NOT_FOUND, staff_no_2fa=NOT_FOUND)


def _speakers(users):
    kyrgyz = Language.objects.filter(slug="ky")
    for user in users.values():
        if user is not None:
            user.languages.set(kyrgyz)


def _translated(users):
    _speakers(users)
    thread = russian_thread(users["owner"])
    return {"thread": thread, "post": opening(thread), "translation": translate_opening(thread)}


def _restricted(users):
    _speakers(users)
    thread = russian_thread(category=forum.restricted_category())
    # A translator from the one country the category admits.
    translator = speaker("ky", country=Country.objects.get(slug="kg"))
    return {"thread": thread, "post": opening(thread), "translation": translate_opening(thread, translator)}


def _translate_url(c):
    return f"/translations/forum.post/{c['post'].pk}/translate/"


def _request_url(c):
    return f"/translations/forum.post/{c['post'].pk}/request/"


ROUTES = [
    Route("translations:requests", "/translations/requests/", members_only()),
    Route("translations:glossary", "/translations/glossary/", members_only()),
    Route("translations:detail", lambda c: f"/translations/{c['translation'].pk}/", members_only(), setup=_translated),
    Route(
        "translations:detail",
        lambda c: f"/translations/{c['translation'].pk}/",
        restricted,
        setup=_restricted,
        id="detail-restricted",
    ),
    Route(
        "translations:report",
        lambda c: f"/translations/{c['translation'].pk}/report/",
        members_only(),
        setup=_translated,
    ),
    Route("translations:translate", _translate_url, members_only(), setup=_translated),
    Route("translations:translate", _translate_url, restricted, setup=_restricted, id="translate-restricted"),
    Route(
        "translations:request",
        _request_url,
        members_only(),
        method="post",
        data={"language": "en"},
        setup=_translated,
    ),
    Route(
        "translations:request",
        _request_url,
        restricted,
        method="post",
        data={"language": "en"},
        setup=_restricted,
        id="request-restricted",
    ),
]
