"""Resources for tests, made through the library's own services, and file builders."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import Role
from resources import services
from resources.demo import build_pdf
from resources.models import Resource, State
from taxonomy.models import Audience, Country, Language, ResourceType, Theme
from tests.factories import UserFactory


def pdf_upload(
    name: str = "toolkit.pdf", title: str = "Safety planning toolkit", author: str = ""
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, build_pdf(title, ["For service providers."], author=author), "application/pdf")


def pdf_pages(count: int, colours=((255, 255, 255),)) -> bytes:
    """A PDF of ``count`` pages, each a plain image (page n in colours[n % len(colours)])."""
    pages = [Image.new("RGB", (595, 842), colours[index % len(colours)]) for index in range(count)]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:])
    return out.getvalue()


def multipage_pdf_upload(name: str = "handbook.pdf", pages: int = 4, colours=((255, 255, 255),)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_pages(pages, colours), "application/pdf")


def png_bytes(size=(40, 30), exif: bool = False, fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", size, (120, 40, 90))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x013B] = "Aigul Secret"  # Artist
        data[0x010F] = "PhoneMaker"  # Make
        image.save(out, format=fmt, exif=data.tobytes())
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type)


DOCUMENT_XML = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">Referral pathway</w:document>'
)


def docx_bytes(author: str = "Aigul Secret") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", DOCUMENT_XML)
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{author}</dc:creator></cp:coreProperties>',
        )
    return out.getvalue()


def terms(model, *slugs):
    return list(model.objects.filter(slug__in=slugs))


def resource_data(**overrides) -> dict:
    data = {
        "title": "Safety planning toolkit",
        "summary": "A step-by-step guide for crisis centres.",
        "description": "Use **with care**.",
        "types": terms(ResourceType, "toolkit"),
        "themes": terms(Theme, "domestic-ipv"),
        "countries": terms(Country, "kz"),
        "languages": terms(Language, "ru"),
        "audiences": terms(Audience),
        "year": 2024,
        "publisher": "Crisis centre",
        "licence": "cc-by-4.0",
        "content_warning": "",
        "external_url": "",
        "translations": [],
    }
    data.update(overrides)
    return data


def make_resource(author=None, uploads=None, submit=True, **overrides) -> Resource:
    """A resource made the way the product makes it; by default an expert publishes it."""
    author = author or UserFactory(role=Role.EXPERT)
    if uploads is None:
        uploads = [pdf_upload()]
    return services.resource_create(author=author, data=resource_data(**overrides), uploads=uploads, submit=submit)


class ResourceFactory(factory.django.DjangoModelFactory):
    """Published rows without files, for bulk data (query-count and facet tests)."""

    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = "Summary"
    uploader_name = "Expert"
    state = State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    licence = "cc-by-4.0"
    year = 2024
