import pytest

from accounts import demo as account_demo
from resources import demo
from resources.models import Resource, State

pytestmark = pytest.mark.django_db


def test_the_demo_library_is_seeded_once():
    users = account_demo.seed("demo passphrase 2026")["users"]
    demo.seed(users)
    demo.seed(users)
    assert Resource.objects.count() == len(demo.DEMO_RESOURCES) + len(demo.MORE_RESOURCES)
    assert Resource.objects.filter(state=State.IN_REVIEW).count() == 1
    russian = Resource.objects.get(title__startswith="Планирование")
    assert russian.translations.count() == 1


def test_the_demo_has_two_example_collections_seeded_once():
    from resources.models import Collection

    users = account_demo.seed("demo passphrase 2026")["users"]
    demo.seed(users)
    demo.seed(users)
    assert Collection.objects.count() == 2
    first = Collection.objects.get(title="First weeks at a crisis centre")
    assert first.items.count() == 3
    assert first.translations["ru"]["introduction_html"].count("<strong>") == 1


def test_the_demo_word_and_opendocument_files_are_read_page_by_page_when_libreoffice_is_there(
    django_capture_on_commit_callbacks,
):
    from resources.models import FileVersion

    from .office_files import fake_soffice

    users = account_demo.seed("demo passphrase 2026")["users"]
    with fake_soffice("pdf"), django_capture_on_commit_callbacks(execute=True):
        demo.seed(users)
    office = FileVersion.objects.filter(kind__in=["docx", "odt"])
    assert {version.kind for version in office} == {"docx", "odt"}
    assert all(version.rendering and version.thumbnail for version in office)
