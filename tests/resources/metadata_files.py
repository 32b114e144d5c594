"""Files of every accepted type, generated here, each carrying every kind of identifying detail
its format can hold. Each detail contains one of ``SECRETS``, so a test can search the bytes."""

import io
import zipfile

from PIL import Image, PngImagePlugin

PERSON = "Aigul Secret"
EDITOR = "Bakyt Hidden"
ORGANISATION = "Safe House Osh"
MANAGER = "Nurlan Boss"
CUSTOM = "Gulnara Private"
DEVICE = "PhoneMaker"
PLACE = "+42.8746+074.5698"
ACCOUNT = "aigul.secret"
SECRETS = [PERSON, EDITOR, ORGANISATION, MANAGER, CUSTOM, DEVICE, PLACE, ACCOUNT]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
R_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def jpeg_bytes(size=(24, 16)) -> bytes:
    """A JPEG with camera, owner and GPS in EXIF, a comment and XMP."""
    image = Image.new("RGB", size, (200, 40, 90))
    exif = Image.Exif()
    exif[0x010F] = DEVICE  # Make
    exif[0x0110] = f"{DEVICE} X"  # Model
    exif[0x013B] = PERSON  # Artist
    exif[0x0112] = 6  # Orientation: rotated, so the clean copy must turn it
    exif.get_ifd(0x8825).update({1: "N", 2: (42.0, 52.0, 28.0), 3: "E", 4: (74.0, 34.0, 11.0), 27: PLACE})
    out = io.BytesIO()
    image.save(
        out,
        format="JPEG",
        exif=exif.tobytes(),
        comment=f"Taken by {PERSON} at {ORGANISATION}",
        xmp=f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{EDITOR}</x:xmpmeta>'.encode(),
    )
    return out.getvalue()


def png_with_text() -> bytes:
    image = Image.new("RGB", (20, 10), (10, 120, 90))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", PERSON)
    info.add_text("Comment", f"Shot at {ORGANISATION}")
    info.add_itxt("XML:com.adobe.xmp", f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{EDITOR} {PLACE}</x:xmpmeta>')
    exif = Image.Exif()
    exif[0x010F] = DEVICE
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, exif=exif.tobytes())
    return out.getvalue()


def _package(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in parts.items():
            archive.writestr(name, payload)
    return out.getvalue()


def _ooxml_properties() -> dict[str, str]:
    return {
        "docProps/core.xml": XML
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
        + PERSON
        + "</dc:creator><cp:lastModifiedBy>"
        + EDITOR
        + "</cp:lastModifiedBy><dc:title>Case notes</dc:title></cp:coreProperties>",
        "docProps/app.xml": XML
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Company>{ORGANISATION}</Company><Manager>{MANAGER}</Manager>"
        f"<Template>C:\\Users\\{ACCOUNT}\\Normal.dotm</Template></Properties>",
        "docProps/custom.xml": XML
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Case worker">'
        f"<vt:lpwstr>{CUSTOM}</vt:lpwstr></property></Properties>",
    }


def _content_types(*overrides: str) -> str:
    items = "".join(f'<Override PartName="/{name}" ContentType="application/xml"/>' for name in overrides)
    return (
        XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/>' + items + "</Types>"
    )


def _root_rels(main: str) -> str:
    return (
        XML + f'<Relationships xmlns="{REL}">'
        f'<Relationship Id="rId1" Type="{R_TYPE}/officeDocument" Target="{main}"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{R_TYPE}/extended-properties" Target="docProps/app.xml"/>'
        f'<Relationship Id="rId4" Type="{R_TYPE}/custom-properties" Target="docProps/custom.xml"/>'
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>'
    )


def docx_bytes() -> bytes:
    """Properties, custom properties, a comment, tracked insertions, deletions and formatting
    changes, the people part, a thumbnail, a photo with GPS and a template path."""
    document = (
        XML + f'<w:document xmlns:w="{W}" xmlns:r="{R_TYPE}"><w:body>'
        "<w:p><w:r><w:t>Referral pathway</w:t></w:r></w:p>"
        f'<w:p><w:ins w:id="1" w:author="{PERSON}" w:date="2026-01-01T00:00:00Z"><w:r><w:t>added</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="{EDITOR}" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>gone</w:delText></w:r>'
        f'</w:del><w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="{MANAGER}"><w:rPr/></w:rPrChange></w:rPr>'
        '<w:t>bold</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>The author="nobody" stays</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
        "</w:body></w:document>"
    )
    document_rels = (
        XML + f'<Relationships xmlns="{REL}">'
        f'<Relationship Id="rId1" Type="{R_TYPE}/comments" Target="comments.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/people" '
        'Target="people.xml"/>'
        f'<Relationship Id="rId3" Type="{R_TYPE}/image" Target="media/image1.jpeg"/>'
        f'<Relationship Id="rId4" Type="{R_TYPE}/customXml" Target="../customXml/item1.xml"/>'
        "</Relationships>"
    )
    settings_rels = (
        XML + f'<Relationships xmlns="{REL}">'
        f'<Relationship Id="rId1" Type="{R_TYPE}/attachedTemplate" '
        f'Target="file:///C:/Users/{ACCOUNT}/Templates/Normal.dotm" TargetMode="External"/></Relationships>'
    )
    return _package(
        {
            "[Content_Types].xml": _content_types(
                "word/document.xml",
                "word/comments.xml",
                "word/people.xml",
                "docProps/core.xml",
                "docProps/app.xml",
                "docProps/custom.xml",
            ),
            "_rels/.rels": _root_rels("word/document.xml"),
            "word/document.xml": document,
            "word/_rels/document.xml.rels": document_rels,
            "word/comments.xml": XML + f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="{PERSON}" '
            'w:initials="AS" w:date="2026-01-01T00:00:00Z"><w:p><w:r><w:t>Check this</w:t></w:r></w:p>'
            "</w:comment></w:comments>",
            "word/people.xml": XML + '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
            f'<w15:person w15:author="{PERSON}"><w15:presenceInfo w15:providerId="AD" '
            f'w15:userId="{ACCOUNT}@ngo.example"/></w15:person></w15:people>',
            "word/settings.xml": XML + f'<w:settings xmlns:w="{W}" xmlns:r="{R_TYPE}">'
            '<w:attachedTemplate r:id="rId1"/></w:settings>',
            "word/_rels/settings.xml.rels": settings_rels,
            "word/media/image1.jpeg": jpeg_bytes(),
            # A chart's data is a whole workbook, with its own properties and comments.
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_bytes(),
            "customXml/item1.xml": XML + f"<properties><Owner>{CUSTOM}</Owner></properties>",
            "docProps/thumbnail.jpeg": jpeg_bytes(),
            **_ooxml_properties(),
        }
    )


def xlsx_bytes() -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return _package(
        {
            "[Content_Types].xml": _content_types("xl/workbook.xml", "docProps/core.xml", "docProps/app.xml"),
            "_rels/.rels": _root_rels("xl/workbook.xml"),
            "xl/workbook.xml": XML + f'<workbook xmlns="{main}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac">'
            f'<fileSharing userName="{EDITOR}"/>'
            f'<mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\{ACCOUNT}\\Documents\\"/>'
            '</mc:Choice></mc:AlternateContent><sheets><sheet name="Cases" sheetId="1"/></sheets></workbook>',
            "xl/comments1.xml": XML + f'<comments xmlns="{main}"><authors><author>{PERSON}</author></authors>'
            '<commentList><comment ref="A1" authorId="0"><text><t>note</t></text></comment></commentList></comments>',
            "xl/persons/person.xml": XML
            + '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            f'<person displayName="{MANAGER}" id="{{1}}" userId="{ACCOUNT}@ngo.example" providerId="AD"/></personList>',
            "xl/tables/table1.xml": XML
            + f'<table xmlns="{main}" id="1" name="Cases" displayName="Cases" ref="A1:B2"/>',
            "xl/revisions/userNames.xml": XML + f'<users xmlns="{main}"><userInfo guid="{{1}}" name="{EDITOR}" '
            'id="1" dateTime="2026-01-01T00:00:00"/></users>',
            "docMetadata/LabelInfo.xml": XML
            + '<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">'
            f'<clbl:label id="{{1}}" enabled="1" method="Standard" siteId="{{{ORGANISATION}}}"/></clbl:labelList>',
            "xl/printerSettings/printerSettings1.bin": f"{DEVICE} LaserJet".encode("utf-16-le") + DEVICE.encode(),
            **_ooxml_properties(),
        }
    )


def pptx_bytes() -> bytes:
    presentation = "http://schemas.openxmlformats.org/presentationml/2006/main"
    return _package(
        {
            "[Content_Types].xml": _content_types("ppt/presentation.xml", "docProps/core.xml", "docProps/app.xml"),
            "_rels/.rels": _root_rels("ppt/presentation.xml"),
            "ppt/presentation.xml": XML + f'<p:presentation xmlns:p="{presentation}"/>',
            "ppt/commentAuthors.xml": XML + f'<p:cmAuthorLst xmlns:p="{presentation}">'
            f'<p:cmAuthor id="0" name="{PERSON}" initials="AS" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
            "ppt/authors.xml": XML
            + '<p188:authorLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main">'
            f'<p188:author id="{{1}}" name="{EDITOR}" initials="BH" userId="{ACCOUNT}" providerId="AD"/></p188:authorLst>',
            **_ooxml_properties(),
        }
    )


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
)


def odt_bytes() -> bytes:
    """meta.xml, a thumbnail, a comment and a tracked change with authors, a printer name."""
    manifest = (
        XML + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
        '<manifest:file-entry manifest:full-path="Pictures/photo.jpg" manifest:media-type="image/jpeg"/>'
        "</manifest:manifest>"
    )
    content = (
        XML + f"<office:document-content {ODF_NS}><office:body><office:text>"
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion><office:change-info>'
        f"<dc:creator>{EDITOR}</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info>"
        "</text:insertion></text:changed-region></text:tracked-changes>"
        f"<text:p>Plan by <text:author-name>{MANAGER}</text:author-name> "
        f"<text:author-initials>NB</text:author-initials></text:p>"
        f"<text:p>Plan<office:annotation><dc:creator>{PERSON}</dc:creator><text:p>check</text:p>"
        "</office:annotation></text:p></office:text></office:body></office:document-content>"
    )
    settings = (
        XML + f"<office:document-settings {ODF_NS}><office:settings>"
        '<config:config-item-set config:name="ooo:configuration-settings">'
        f'<config:config-item config:name="PrinterName" config:type="string">{ORGANISATION} printer</config:config-item>'
        '<config:config-item config:name="PrintPaperFromSetup" config:type="boolean">false</config:config-item>'
        "</config:config-item-set></office:settings></office:document-settings>"
    )
    meta = (
        XML + f"<office:document-meta {ODF_NS}><office:meta><meta:initial-creator>{PERSON}</meta:initial-creator>"
        f'<dc:creator>{EDITOR}</dc:creator><meta:user-defined meta:name="Org">{ORGANISATION}</meta:user-defined>'
        "</office:meta></office:document-meta>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        for name, payload in {
            "META-INF/manifest.xml": manifest,
            "content.xml": content,
            "settings.xml": settings,
            "meta.xml": meta,
            "Thumbnails/thumbnail.png": png_with_text(),
            "Pictures/photo.jpg": jpeg_bytes(),
        }.items():
            archive.writestr(name, payload, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


PDF_MARKS = ["OPENACTION_MARK", "NAMEDJS_MARK", "EMBEDDED_MARK", "calc.exe", "cmd.exe", "PAGEAA_MARK"]


def pdf_bytes() -> bytes:
    """Document information, XMP, an /OpenAction script, document and page /AA, a /Launch
    link, a named script, an embedded file, a file attachment annotation, a comment with its
    author and a signature naming the signer and the place."""
    content = b"BT /F1 18 Tf 50 780 Td (Safety plan) Tj ET\n"
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{PERSON}</dc:creator></x:xmpmeta>'.encode()
    embedded = f"EMBEDDED_MARK {CUSTOM}".encode()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 7 0 R /AA << /WC 7 0 R >> "
        b"/Names << /JavaScript 8 0 R /EmbeddedFiles 9 0 R >> /Metadata 11 0 R "
        b"/AcroForm << /Fields [18 0 R] /SigFlags 3 >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /AA << /O 12 0 R >> /Annots [13 0 R 16 0 R 17 0 R 18 0 R] >>",
        4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: f"<< /Author ({PERSON}) /Creator ({DEVICE}) /Producer ({ORGANISATION}) >>".encode(),
        7: b"<< /S /JavaScript /JS (app.alert('OPENACTION_MARK')) >>",
        8: b"<< /Names [(startup) 14 0 R] >>",
        9: b"<< /Names [(notes.txt) 10 0 R] >>",
        10: b"<< /Type /Filespec /F (notes.txt) /EF << /F 15 0 R >> >>",
        11: b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp + b"\nendstream",
        12: b"<< /S /JavaScript /JS (PAGEAA_MARK) /Next << /S /Launch /F (calc.exe) >> >>",
        13: b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (cmd.exe) >> >>",
        14: b"<< /S /JavaScript /JS (NAMEDJS_MARK) >>",
        15: b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(embedded) + embedded + b"\nendstream",
        16: b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 10 0 R >>",
        17: f"<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /T ({EDITOR}) /Contents (check) >>".encode(),
        18: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /P 3 0 R /V 19 0 R >>",
        19: f"<< /Type /Sig /Filter /Adobe.PPKLite /Name ({MANAGER}) /Location ({PLACE}) >>".encode(),
    }
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in objects.items():
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def mp3_bytes() -> bytes:
    """Silent MPEG-1 layer III frames with ID3v2 and ID3v1 tags."""
    from mutagen.id3 import COMM, ID3, TIT2, TPE1, TXXX

    frame = b"\xff\xfb\x90\x00" + b"\x00" * 413  # 128 kbit/s, 44.1 kHz: 417 bytes a frame
    audio = frame * 40
    v1 = b"TAG" + PERSON.encode().ljust(30, b"\x00") + EDITOR.encode().ljust(30, b"\x00")
    v1 += ORGANISATION.encode().ljust(30, b"\x00") + b"2026" + b"\x00" * 30 + b"\xff"
    buffer = io.BytesIO(audio + v1)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=["Interview"]))
    tags.add(TPE1(encoding=3, text=[PERSON]))
    tags.add(COMM(encoding=3, lang="eng", desc="", text=[f"Recorded at {ORGANISATION}"]))
    tags.add(TXXX(encoding=3, desc="location", text=[PLACE]))
    tags.save(buffer, v1=0)
    return buffer.getvalue()


def _box(kind: bytes, body: bytes) -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


def _mvhd() -> bytes:
    matrix = b"".join(value.to_bytes(4, "big") for value in (0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000))
    body = b"\x00" * 4 + b"\x00" * 8 + (1000).to_bytes(4, "big") + (2000).to_bytes(4, "big")
    body += (0x10000).to_bytes(4, "big") + (0x100).to_bytes(2, "big") + b"\x00" * 10 + matrix + b"\x00" * 24
    body += (2).to_bytes(4, "big")
    return _box(b"mvhd", body)


def mp4_bytes(data_track: bool = False) -> bytes:
    """A minimal MP4 with QuickTime ©xyz location, device make and iTunes-style tags; with
    ``data_track`` also a timed metadata track as action cameras record GPS."""
    from mutagen.mp4 import MP4

    location = _box(b"\xa9xyz", len(PLACE).to_bytes(2, "big") + b"\x15\xc7" + PLACE.encode())
    make = _box(b"\xa9mak", len(DEVICE).to_bytes(2, "big") + b"\x15\xc7" + DEVICE.encode())
    moov_children = _mvhd() + _box(b"udta", location + make)
    if data_track:
        handler = _box(b"hdlr", b"\x00" * 8 + b"meta" + b"\x00" * 12 + b"GoPro MET\x00")
        moov_children += _box(b"trak", _box(b"mdia", handler))
    xmp = _box(
        b"uuid",
        bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
        + f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{EDITOR}</x:xmpmeta>'.encode(),
    )
    data = _box(b"ftyp", b"mp42\x00\x00\x00\x00mp42isom") + _box(b"moov", moov_children) + xmp
    data += _box(b"mdat", b"\x00" * 64)
    if data_track:
        return data
    buffer = io.BytesIO(data)
    video = MP4(buffer)
    video.add_tags()
    video.tags["\xa9ART"] = [PERSON]
    video.tags["\xa9cmt"] = [f"Filmed at {ORGANISATION}"]
    buffer.seek(0)
    video.save(buffer)
    return buffer.getvalue()
