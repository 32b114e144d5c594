from taxonomy.models import Country, Language
from tests.authz import FORBIDDEN, NOT_FOUND, Route, members_only
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


def _published_resource(users):
    from tests.resources.factories import make_resource

    _speakers(users)
    return {"resource": make_resource()}  # Russian, about Kazakhstan


def _unpublished_resource(users):
    from tests.resources.factories import make_resource

    _speakers(users)
    return {"resource": make_resource(author=users["owner"])}  # a member's, in review


def _russian_speakers_only(users):
    from tests.resources.factories import make_resource

    russian = Language.objects.filter(slug="ru")
    for user in users.values():
        if user is not None:
            user.languages.set(russian)
    return {"resource": make_resource()}


def _translated_file_url(c):
    return f"/resources/{c['resource'].pk}/translations/file/"


def _hostile_file(c):
    from tests.resources.factories import upload

    return {"language": "ky", "title": "T", "summary": "S", "upload": upload("k.pdf", b"MZ\x90\x00 a program")}


def _translate_url(c):
    return f"/translations/forum.post/{c['post'].pk}/translate/"


def _request_url(c):
    return f"/translations/forum.post/{c['post'].pk}/request/"


def _withdraw_url(c):
    return f"/translations/forum.post/{c['post'].pk}/request/withdraw/"


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
    # Withdrawing one's own request: nothing to withdraw is a message on the original's page.
    Route(
        "translations:request_withdraw",
        _withdraw_url,
        members_only(),
        method="post",
        data={"language": "en"},
        setup=_translated,
    ),
    Route(
        "translations:request_withdraw",
        _withdraw_url,
        restricted,
        method="post",
        data={"language": "en"},
        setup=_restricted,
        id="request-withdraw-restricted",
    ),
]

# The upload of a translated file: members who list another language than the original's;
# an unpublished original has no translations (404, moderators included); a hostile file is a
# form error on the page (200), never a 500.
ROUTES += [
    Route("resources:translated_file_add", _translated_file_url, members_only(), setup=_published_resource),
    Route(
        "resources:translated_file_add",
        _translated_file_url,
        members_only(member=NOT_FOUND, expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND),
        setup=_unpublished_resource,
        id="translated-file-unpublished",
    ),
    Route(
        "resources:translated_file_add",
        _translated_file_url,
        members_only(member=FORBIDDEN, expert=FORBIDDEN, moderator=FORBIDDEN, admin=FORBIDDEN),
        setup=_russian_speakers_only,
        id="translated-file-no-language",
    ),
    Route(
        "resources:translated_file_add",
        _translated_file_url,
        members_only(),
        method="post",
        data=_hostile_file,
        setup=_published_resource,
        id="translated-file-hostile",
    ),
]
