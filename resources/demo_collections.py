"""Two example collections for the demo, built from the demo's published resources. Kept apart
from resources.demo's list of resources, which grows on its own; idempotent by title."""

from taxonomy.models import Language

from . import collections
from .models import Collection, Resource, State

DEMO_COLLECTIONS = [
    {
        "curator": "expert@example.org",
        "title": "First weeks at a crisis centre",
        "introduction": "For new staff and volunteers: **safety planning first**, then recognising abuse through phones and the internet.",
        "language": "en",
        "translations": {
            "ru": {
                "title": "Первые недели в кризисном центре",
                "introduction": "Для новых сотрудников и волонтёров: сначала **планирование безопасности**, "
                "затем распознавание насилия с помощью телефонов и интернета.",
            }
        },
        "resources": [
            "Safety planning with survivors: a toolkit for crisis centres",
            "Планирование безопасности: пособие для кризисных центров",
            "Recognising technology-facilitated abuse: training curriculum",
        ],
    },
    {
        "curator": "moderator@example.org",
        "title": "Justice and prevention: evidence from the region",
        "introduction": "Court practice and training material for lawyers, police trainers and prevention teams.",
        "language": "en",
        "translations": {},
        "resources": [
            "Bride kidnapping in Kyrgyzstan: court practice review 2019-2023",
            "Recognising technology-facilitated abuse: training curriculum",
        ],
    },
]


def seed_collections(users: dict) -> None:
    from accounts import permissions

    for spec in DEMO_COLLECTIONS:
        curator = users.get(spec["curator"])
        if curator is None or Collection.objects.filter(title=spec["title"]).exists():
            continue
        # The demo acts for the curator without a login, as after a two-factor login.
        setattr(curator, permissions.SECOND_FACTOR_MARK, True)
        collection = collections.collection_create(
            actor=curator,
            data={
                "title": spec["title"],
                "introduction": spec["introduction"],
                "language": Language.objects.filter(slug=spec["language"]).first(),
                "translations": spec["translations"],
            },
        )
        published = {r.title: r for r in Resource.objects.filter(title__in=spec["resources"], state=State.PUBLISHED)}
        for title in spec["resources"]:
            if title in published:
                collections.collection_add(actor=curator, collection=collection, resource=published[title])
