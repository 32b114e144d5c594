"""Translation test data, made through the forum's and the translations' own services."""

from taxonomy.models import Country, Language
from tests.factories import UserFactory
from tests.forum import factories as forum
from translations import services

RUSSIAN_TITLE = "Планирование безопасности в сёлах"
RUSSIAN_BODY = "Как вы составляете план безопасности с пострадавшими в сёлах?"


def speaker(*codes, **kwargs):
    user = UserFactory(**kwargs)
    user.languages.set(Language.objects.filter(slug__in=codes))
    return user


def russian_thread(author=None, **kwargs):
    author = author or UserFactory(country=Country.objects.get(slug="kg"))
    return forum.thread(author, title=RUSSIAN_TITLE, body=RUSSIAN_BODY, **kwargs)


def opening(thread):
    return thread.posts.get(position=1)


def translate_opening(thread, translator=None, language="ky", **fields):
    translator = translator or speaker(language)
    values = {"title": "Айылдардагы коопсуздук планы", "body": "Айылдарда коопсуздук планын кантип түзөсүз?", **fields}
    return services.translation_save(
        translator=translator, kind_key="forum.post", object_id=opening(thread).pk, language=language, fields=values
    )
