"""Demo library content, in English and Russian (``python manage.py seed_demo``). Idempotent:
resources are found again by title, and their files are only added once."""

from django.core.files.uploadedfile import SimpleUploadedFile

from taxonomy.models import Audience, Country, Language, ResourceType, Theme

from . import services
from .demo_collections import seed_collections
from .models import Resource


def build_pdf(title: str, lines: list[str] = (), author: str = "") -> bytes:
    """A small valid one-page PDF with text (Latin-1 only), written by hand so demo data
    needs no PDF library. ``author`` lets tests check that uploads lose it."""

    def esc(text):
        return text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    stream = b"BT /F1 18 Tf 50 780 Td (" + esc(title) + b") Tj ET\n"
    for index, line in enumerate(lines):
        stream += b"BT /F1 11 Tf 50 %d Td (" % (750 - 16 * index) + esc(line) + b") Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Author (" + esc(author) + b") /Creator (Demo writer) /Producer (Demo producer) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
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


def seed(users: dict) -> None:
    for spec in DEMO_RESOURCES:
        if Resource.objects.filter(title=spec["title"]).exists():
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
        uploads = []
        if "pdf" in spec:
            name, lines = spec["pdf"]
            uploads.append(SimpleUploadedFile(name, build_pdf(spec["title"][:60], lines), "application/pdf"))
        # Experts and moderators publish directly; the member's resource waits for review.
        services.resource_create(author=author, data=data, uploads=uploads, labels=[spec.get("label", "")], submit=True)
    seed_collections(users)
