"""Demo library content (``python manage.py seed_demo``), in the languages of the region. Idempotent:
resources are found again by title, and their files are only added once."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from taxonomy.models import Audience, Country, Language, ResourceType, Theme

from . import services
from .demo_collections import seed_collections
from .demo_library import MORE_RESOURCES, build_docx, build_odt
from .models import Resource, State

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


def build_pdf(title: str, lines: list[str] = (), author: str = "", pages: list[list[str]] | None = None) -> bytes:
    """A small valid PDF with text (Latin-1 only), written by hand so demo data needs no PDF
    library: one page of ``lines``, or one page per entry of ``pages``. ``author`` lets tests
    check that uploads lose it."""

    def esc(text):
        return text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    pages = pages or [list(lines)]
    count = len(pages)
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then a page and its content per page.
    kids = b" ".join(b"%d 0 R" % (5 + 2 * index) for index in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Author (" + esc(author) + b") /Creator (Demo writer) /Producer (Demo producer) >>",
    ]
    for index, page_lines in enumerate(pages):
        stream = b"BT /F1 18 Tf 50 780 Td (" + esc(title) + b") Tj ET\n"
        for number, line in enumerate(page_lines):
            stream += b"BT /F1 11 Tf 50 %d Td (" % (750 - 16 * number) + esc(line) + b") Tj ET\n"
        if count > 1:
            stream += b"BT /F1 9 Tf 280 40 Td (%d / %d) Tj ET\n" % (index + 1, count)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (6 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


DEMO_RESOURCES = [
    {
        "uploader": "expert@example.org",
        "title": "Safety planning with survivors: a toolkit for crisis centres",
        "summary": "Step-by-step guidance for crisis-centre staff on building a safety plan together with a "
        "woman who experiences violence at home, including risk assessment and referral.",
        "description": "## What is inside\n\n- A risk assessment checklist\n- A safety plan template\n"
        "- Referral contacts by sector\n\nBased on the **essential services package**.",
        "types": ["toolkit"],
        "themes": ["essential-services", "domestic-ipv"],
        "countries": ["regional"],
        "languages": ["en"],
        "audiences": ["service-providers"],
        "year": 2024,
        "publisher": "Alliance working group on essential services",
        "licence": "cc-by-4.0",
        "label": "Toolkit",
        "pdf": ("safety-planning-toolkit.pdf", ["Risk assessment checklist", "Safety plan template"]),
    },
    {
        "uploader": "expert@example.org",
        "title": "Планирование безопасности: пособие для кризисных центров",
        "summary": "Пошаговое руководство для специалистов кризисных центров: как вместе с пострадавшей "
        "составить план безопасности, оценить риски и направить к нужным службам.",
        "description": "## Содержание\n\n- Чек-лист оценки рисков\n- Шаблон плана безопасности\n"
        "- Контакты для перенаправления",
        "types": ["toolkit"],
        "themes": ["essential-services", "domestic-ipv"],
        "countries": ["regional"],
        "languages": ["ru"],
        "audiences": ["service-providers"],
        "year": 2024,
        "publisher": "Рабочая группа Альянса по основным услугам",
        "licence": "cc-by-4.0",
        "translation_of": "Safety planning with survivors: a toolkit for crisis centres",
        "label": "Пособие",
        "pdf": ("planirovanie-bezopasnosti.pdf", ["Safety planning (Russian edition)"]),
    },
    {
        "uploader": "moderator@example.org",
        "title": "Bride kidnapping in Kyrgyzstan: court practice review 2019-2023",
        "summary": "An analysis of court decisions under article 175 of the Criminal Code, with "
        "recommendations for prosecutors and judges.",
        "description": "The review covers 212 cases and identifies gaps in evidence collection.",
        "types": ["law-policy", "research"],
        "themes": ["early-forced-marriage", "laws-policies"],
        "countries": ["kg"],
        "languages": ["en", "ru"],
        "audiences": ["justice-police", "government"],
        "year": 2023,
        "publisher": "Legal clinic Adilet",
        "licence": "cc-by-nc-4.0",
        "content_warning": "descriptions of abduction and coercion",
        "label": "Full review",
        "pdf": ("bride-kidnapping-court-review.pdf", ["Court practice review", "Recommendations"]),
    },
    {
        "uploader": "expert@example.org",
        "title": "Recognising technology-facilitated abuse: training curriculum",
        "summary": "A two-day curriculum for social workers and police on stalkerware, image-based abuse "
        "and account takeovers, with exercises.",
        "description": "Facilitator notes and slides are linked from the publisher's site.",
        "types": ["curriculum"],
        "themes": ["tfgbv", "prevention"],
        "countries": ["kz", "uz"],
        "languages": ["ru"],
        "audiences": ["service-providers", "justice-police"],
        "year": 2025,
        "publisher": "Digital safety network Central Asia",
        "licence": "cc-by-sa-4.0",
        "external_url": "https://example.org/tfgbv-curriculum",
    },
    {
        "uploader": "kz.member@example.org",
        "title": "Mobile legal aid for rural women: lessons from Turkistan region",
        "summary": "A case study of a mobile legal aid team that visited 40 villages, and what made "
        "women willing to ask for help.",
        "description": "Submitted for review by a member organisation.",
        "types": ["good-practice"],
        "themes": ["essential-services", "civil-society"],
        "countries": ["kz"],
        "languages": ["ru"],
        "audiences": ["cso"],
        "year": 2025,
        "publisher": "Women's rights centre, Shymkent",
        "licence": "cc-by-4.0",
        "label": "Case study",
        "pdf": ("mobile-legal-aid.pdf", ["Case study", "Mobile legal aid"]),
    },
]


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def _uploads(spec: dict) -> list:
    uploads = []
    if "pdf" in spec:
        name, lines = spec["pdf"]
        uploads.append(SimpleUploadedFile(name, build_pdf(spec["title"][:60], lines), "application/pdf"))
    elif "pages" in spec:
        name = (slugify(spec["title"]) or slugify(spec["publisher"]) or "resource")[:60] + ".pdf"
        uploads.append(SimpleUploadedFile(name, build_pdf(spec["title"][:60], pages=spec["pages"]), "application/pdf"))
    if "docx" in spec:
        name, paragraphs = spec["docx"]
        uploads.append(SimpleUploadedFile(name, build_docx(spec["title"], paragraphs), DOCX))
    if "odt" in spec:
        name, paragraphs = spec["odt"]
        uploads.append(SimpleUploadedFile(name, build_odt(spec["title"], paragraphs), ODT))
    return uploads


def seed(users: dict) -> None:
    existing = set(Resource.objects.values_list("title", flat=True))
    specs = DEMO_RESOURCES + MORE_RESOURCES
    for index, spec in enumerate(specs):
        if spec["title"] in existing:
            continue
        author = users.get(spec["uploader"])
        if author is None:
            continue
        data = {
            "title": spec["title"],
            "summary": spec["summary"],
            "description": spec["description"],
            "types": _terms(ResourceType, spec["types"]),
            "themes": _terms(Theme, spec["themes"]),
            "countries": _terms(Country, spec["countries"]),
            "languages": _terms(Language, spec["languages"]),
            "audiences": _terms(Audience, spec["audiences"]),
            "year": spec["year"],
            "publisher": spec["publisher"],
            "licence": spec["licence"],
            "content_warning": spec.get("content_warning", ""),
            "external_url": spec.get("external_url", ""),
            "translations": list(Resource.objects.filter(title=spec.get("translation_of", ""))),
        }
        uploads = _uploads(spec)
        labels = [spec.get("label", "")] + [spec.get("label", "")] * (len(uploads) - 1)
        # Experts and moderators publish directly; a member's resource waits for review.
        resource = services.resource_create(author=author, data=data, uploads=uploads, labels=labels, submit=True)
        reviewer = users.get(spec.get("published_by", ""))
        if reviewer is not None and resource.state == State.IN_REVIEW:
            resource = services.resource_approve(actor=reviewer, resource=resource)
        # Spread over the last weeks, in list order.
        moment = timezone.now() - timedelta(days=40) + timedelta(days=40 * index / len(specs))
        Resource.objects.filter(pk=resource.pk).update(
            created_at=moment,
            submitted_at=moment if resource.submitted_at else None,
            published_at=moment if resource.published_at else None,
        )
    seed_collections(users)
