"""More demo library content for `manage.py seed_demo`: published guides, research and
templates with real files (multi-page PDFs, a Word and an OpenDocument file written in code),
uploaded through the library's services so they are inspected, cleaned and previewed like a
member's upload. Same shape as ``resources.demo.DEMO_RESOURCES``."""

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape


def _zip(parts: list[tuple[str, str]], *, stored_first: bool = False) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, text) in enumerate(parts):
            # OpenDocument wants its mimetype first and uncompressed.
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), text, compress_type=method)
    return buffer.getvalue()


def build_docx(title: str, paragraphs: list[str], author: str = "") -> bytes:
    """A minimal valid Word document; ``author`` shows that uploads lose it."""
    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in [title, *paragraphs])
    return _zip(
        [
            (
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                '<Override PartName="/docProps/core.xml" '
                'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="word/document.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
            ),
            (
                "word/document.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>",
            ),
            (
                "docProps/core.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
                "</cp:coreProperties>",
            ),
        ]
    )


def build_odt(title: str, paragraphs: list[str], author: str = "") -> bytes:
    """A minimal valid OpenDocument text."""
    body = "".join(f"<text:p>{escape(text)}</text:p>" for text in [title, *paragraphs])
    office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"'
    return _zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            (
                "META-INF/manifest.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>",
            ),
            (
                "content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {office} '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                f"<office:body><office:text>{body}</office:text></office:body></office:document-content>",
            ),
            (
                "meta.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {office} '
                'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<office:meta><dc:title>{escape(title)}</dc:title>"
                f"<meta:initial-creator>{escape(author)}</meta:initial-creator></office:meta>"
                "</office:document-meta>",
            ),
        ],
        stored_first=True,
    )


def _spec(uploader, title, summary, types, themes, countries, languages, audiences, year, publisher, pages, **extra):
    return {
        "uploader": uploader,
        "title": title,
        "summary": summary,
        "description": extra.pop("description", summary),
        "types": types,
        "themes": themes,
        "countries": countries,
        "languages": languages,
        "audiences": audiences,
        "year": year,
        "publisher": publisher,
        "licence": extra.pop("licence", "cc-by-4.0"),
        "label": extra.pop("label", ""),
        "pages": pages,
        **extra,
    }


EXP, MOD, ADM = "expert@example.org", "moderator@example.org", "admin@example.org"

MORE_RESOURCES = [
    _spec(
        EXP,
        "Shelter intake: a short first-day questionnaire",
        "Twelve questions for the first conversation in a shelter: safety, health, children and "
        "immediate needs. Everything else waits for a later meeting.",
        ["template"],
        ["essential-services", "social-services"],
        ["regional"],
        ["en"],
        ["service-providers"],
        2025,
        "Alliance working group on essential services",
        [
            ["Before you start", "Explain confidentiality and its limits."],
            ["Questions 1-12", "Safety, health, children."],
        ],
        label="Questionnaire",
        docx=("shelter-intake-questionnaire.docx", ["Safety now", "Health", "Children", "Immediate needs"]),
    ),
    _spec(
        EXP,
        "Первичный приём в убежище: короткая анкета первого дня",
        "Двенадцать вопросов для первой беседы в убежище: безопасность, здоровье, дети и неотложные нужды.",
        ["template"],
        ["essential-services", "social-services"],
        ["regional"],
        ["ru"],
        ["service-providers"],
        2025,
        "Рабочая группа Альянса по основным услугам",
        [["Shelter intake (Russian edition)", "12 questions"]],
        translation_of="Shelter intake: a short first-day questionnaire",
        label="Анкета",
    ),
    _spec(
        "uz.member@example.org",
        "Hotline script: ending a call safely",
        "The script our operators use when a caller can no longer speak freely: the agreed phrase, "
        "what the operator says, and when never to call back.",
        ["guideline"],
        ["essential-services", "domestic-ipv"],
        ["uz"],
        ["en", "ru"],
        ["service-providers"],
        2025,
        "Ishonch telefoni, Samarkand",
        [["Opening the call", "Agree a safe phrase."], ["Ending the call", "Never call back without consent."]],
        label="Script",
        published_by=MOD,
    ),
    _spec(
        MOD,
        "Protection orders in Kazakhstan: a guide for crisis-centre lawyers",
        "How to apply for a protection order, what evidence helps, and how to follow up when an "
        "order is violated, after the 2024 amendments.",
        ["guideline", "law-policy"],
        ["laws-policies", "justice-policing"],
        ["kz"],
        ["ru", "kk"],
        ["justice-police", "service-providers"],
        2025,
        "Union of Crisis Centres of Kazakhstan",
        [["Applying", "Documents and deadlines."], ["Evidence", "Medical records, witnesses."], ["Violations"]],
        label="Guide",
    ),
    _spec(
        EXP,
        "Case management for GBV survivors: caseloads and closing cases",
        "Recommended caseloads, supervision and how to close a case well, with a closing-letter template.",
        ["guideline"],
        ["essential-services", "social-services"],
        ["regional"],
        ["en"],
        ["service-providers"],
        2024,
        "Tashkent Gender Research Centre",
        [["Caseloads", "15-20 active complex cases."], ["Supervision"], ["Closing a case", "A final meeting."]],
        label="Guidance",
        odt=("closing-letter-template.odt", ["Dear ...", "Your case is now closed. You can come back at any time."]),
    ),
    _spec(
        MOD,
        "Data protection for survivors: what a centre may share",
        "Principles for sharing case information with police, courts and other services: the "
        "minimum needed, written requests, records of every disclosure.",
        ["guideline"],
        ["quality-data", "laws-policies"],
        ["regional"],
        ["en", "ru"],
        ["service-providers", "cso"],
        2025,
        "Alliance secretariat",
        [["Principles", "Share the minimum needed."], ["Requests", "Ask for them in writing."]],
        label="Guidance",
    ),
    _spec(
        EXP,
        "Administrative data on protection orders: shared template v2",
        "Eight fields to record protection orders the same way in every country, plus time to decision and disability.",
        ["data", "template"],
        ["quality-data"],
        ["regional"],
        ["en"],
        ["government", "researchers"],
        2025,
        "Tashkent Gender Research Centre",
        [["Fields", "date, region, age band, relationship"], ["Fields (continued)", "type, duration, outcome"]],
        label="Template",
        docx=("protection-order-data-template.docx", ["Field", "Definition", "Allowed values"]),
    ),
    _spec(
        MOD,
        "Survey of member organisations 2025: results",
        "Answers from 41 member organisations on funding, opening hours and services for women with disabilities.",
        ["research", "data"],
        ["civil-society", "quality-data"],
        ["regional"],
        ["en"],
        ["cso", "un-donors"],
        2025,
        "Alliance secretariat",
        [["Summary", "41 organisations answered."], ["Funding"], ["Opening hours"], ["Disability"]],
        label="Report",
    ),
    _spec(
        EXP,
        "Healthy relationships: scenario cards for teenagers",
        "Twenty short scenarios for groups aged 14 to 17, to talk about care, jealousy and control.",
        ["curriculum"],
        ["prevention", "respect-relationship-skills"],
        ["regional"],
        ["en", "ru"],
        ["youth"],
        2024,
        "Alliance youth working group",
        [["How to use the cards"], ["Scenarios 1-10"], ["Scenarios 11-20"]],
        label="Cards",
    ),
    _spec(
        ADM,
        "Remote counselling: safety for counsellors and callers",
        "Practical measures for phone and messaging support where counsellors and callers face "
        "risks: numbers, devices and what to do if a phone is taken.",
        ["guideline"],
        ["essential-services", "tfgbv"],
        ["af"],
        ["en", "fa-af"],
        ["service-providers"],
        2025,
        "Women's rights network (partner)",
        [["Numbers and devices"], ["If a phone is taken", "Delete, do not hide."]],
        label="Guide",
        content_warning="risks to women and counsellors",
    ),
    _spec(
        EXP,
        "Stalkerware and shared accounts: a five-step phone check",
        "A one-page check that staff can go through with a woman who fears her messages are read.",
        ["toolkit"],
        ["tfgbv"],
        ["regional"],
        ["en"],
        ["service-providers"],
        2025,
        "Digital safety network Central Asia",
        [["Five steps", "Signed-in devices, passwords, sharing, apps, backups."]],
        label="Checklist",
    ),
    _spec(
        MOD,
        "Referral pathway for women with injuries at night",
        "Who to call first and in which order, based on experience from four countries, with "
        "the weak points (weekends, forensic doctors).",
        ["good-practice"],
        ["essential-services", "coordination", "health"],
        ["kz", "kg", "tj", "uz"],
        ["en"],
        ["service-providers", "government"],
        2025,
        "Alliance working group on essential services",
        [["Pathway"], ["Weak points", "Weekends and forensic doctors."]],
        label="Good practice note",
    ),
    _spec(
        EXP,
        "Working with religious leaders to prevent violence in families",
        "Experience from mosques and community councils: prepared texts, joint sessions with "
        "police, and what to avoid.",
        ["good-practice"],
        ["prevention", "respect-attitudes"],
        ["tj", "kg", "uz"],
        ["ru"],
        ["faith-community", "cso"],
        2024,
        "Coalition From de jure to de facto equality",
        [["Why religious leaders"], ["Prepared texts"], ["What to avoid"]],
        label="Note",
    ),
    _spec(
        MOD,
        "Bride kidnapping: a leaflet for school leavers",
        "What the law says, why it is a crime, and where a young woman can get help, in plain words.",
        ["campaign"],
        ["early-forced-marriage", "prevention"],
        ["kg"],
        ["ky", "ru"],
        ["youth"],
        2025,
        "Sezim Crisis Centre, Bishkek",
        [["It is a crime", "Article 175."], ["Where to get help"]],
        label="Leaflet",
        content_warning="abduction",
    ),
    _spec(
        EXP,
        "Hotline operators: a three-day induction course",
        "Risk assessment, referral, calls from children and self-care, with exercises for each day.",
        ["curriculum"],
        ["essential-services"],
        ["uz"],
        ["uz", "ru"],
        ["service-providers"],
        2025,
        "Ishonch telefoni, Samarkand",
        [["Day 1", "Risk assessment"], ["Day 2", "Referral"], ["Day 3", "Children and self-care"]],
        label="Course",
    ),
    _spec(
        ADM,
        "16 Days of Activism: joint calendar of the alliance",
        "Events of member organisations during the 16 Days campaign, by country and date.",
        ["campaign", "event-record"],
        ["prevention", "civil-society"],
        ["regional"],
        ["en", "ru"],
        ["cso", "media"],
        2025,
        "Alliance secretariat",
        [["25 November - 2 December"], ["3 - 10 December"]],
        label="Calendar",
    ),
    _spec(
        EXP,
        "Femicide in Central Asia: what the data can and cannot tell",
        "A review of police and court statistics on killings of women, their gaps and how to improve them.",
        ["research"],
        ["femicide", "quality-data"],
        ["regional"],
        ["en"],
        ["researchers", "government"],
        2024,
        "Tashkent Gender Research Centre",
        [["Sources"], ["Gaps"], ["Recommendations"]],
        label="Review",
        content_warning="killings of women",
    ),
    _spec(
        MOD,
        "Supervision for crisis-centre staff: a session guide",
        "How to run a weekly group supervision session of 90 minutes, with a debrief after night shifts.",
        ["guideline"],
        ["essential-services", "social-services"],
        ["regional"],
        ["en", "ru"],
        ["service-providers"],
        2025,
        "Union of Crisis Centres of Kazakhstan",
        [["Before the session"], ["The session", "90 minutes."], ["After night shifts"]],
        label="Guide",
    ),
]
