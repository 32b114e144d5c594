"""Journey 3a: an expert uploads a PDF toolkit with metadata and it appears in the library."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from resources.demo import build_pdf
from resources.models import FileVersion, Resource, State
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in
from .resource_form import choose

pytestmark = LIVE_DB


def test_an_expert_uploads_a_pdf_and_it_appears_in_the_library(new_page):
    expert = UserFactory(role=Role.EXPERT, display_name="Dinara")
    member = UserFactory(role=Role.MEMBER)
    page = new_page()
    log_in(page, expert.email, TEST_PASSWORD)

    page.goto("/resources/")
    page.get_by_role("link", name="Share a resource").click()
    expect(page.get_by_text("could identify a survivor")).to_be_visible()
    page.get_by_label("Title").fill("Referral pathways for survivors in Osh")
    page.get_by_label("Summary").fill("Who to call, in which order, for medical, legal and shelter help.")
    choose(page, "Toolkit or manual")
    choose(page, "Domestic and intimate partner violence")
    choose(page, "Kyrgyzstan")
    choose(page, "Russian", exact=True)
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Publisher or organisation").fill("Crisis centre Sezim")
    page.get_by_label("Files").set_input_files(
        files=[
            {
                "name": "referral-pathways.pdf",
                "mimeType": "application/pdf",
                "buffer": build_pdf("Referral pathways", ["Osh, 2025"], author="Dinara K."),
            }
        ]
    )
    page.get_by_role("button", name="Publish").click()

    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    expect(page.get_by_text("The resource is published in the library.")).to_be_visible()
    expect(page.get_by_role("heading", name="Referral pathways for survivors in Osh")).to_be_visible()
    expect(page.get_by_role("link", name="Download referral-pathways.pdf")).to_be_visible()
    resource = Resource.objects.get()
    assert resource.state == State.PUBLISHED
    version = FileVersion.objects.get()
    assert version.metadata_stripped
    assert b"Dinara K." not in version.content.read()

    # Another member finds it in the library.
    reader = new_page()
    log_in(reader, member.email, TEST_PASSWORD)
    reader.goto("/resources/")
    expect(
        reader.get_by_role("article").get_by_role("link", name="Referral pathways for survivors in Osh")
    ).to_be_visible()


def test_a_refused_file_keeps_the_typed_metadata(new_page):
    expert = UserFactory(role=Role.EXPERT)
    page = new_page()
    log_in(page, expert.email, TEST_PASSWORD)
    page.goto("/resources/new/")
    page.get_by_label("Title").fill("Shelter standards")
    page.get_by_label("Summary").fill("Minimum standards for shelters.")
    choose(page, "Toolkit or manual")
    choose(page, "Russian", exact=True)
    page.get_by_label("Files").set_input_files(
        files=[{"name": "standards.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 not a pdf"}]
    )
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Programs cannot be shared on the hub.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Shelter standards")
    assert not Resource.objects.exists()


UPLOAD_ADDRESS = re.compile(r"/resources/uploads/[0-9a-f-]+/$")


def _meeting_notes(tmp_path):
    # Plain text is stored as sent, so the bytes that arrive can be compared with the file.
    path = tmp_path / "meeting-notes.txt"
    path.write_text("Встреча партнёров альянса: основные услуги для пострадавших.\n" * 1500, encoding="utf-8")
    return path


def _fill_form(page, title: str, notes) -> None:
    page.goto("/resources/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Notes from the regional meeting on essential services.")
    choose(page, "Toolkit or manual")
    choose(page, "Russian", exact=True)
    page.get_by_label("Files").set_input_files(notes)


def _expert_with_the_form(new_page, settings, tmp_path, title: str):
    """An expert's page with the form filled in and a file of several 16 KB pieces chosen."""
    settings.UPLOAD_CHUNK_BYTES = 16 * 1024
    notes = _meeting_notes(tmp_path)
    expert = UserFactory(role=Role.EXPERT)
    page = new_page()
    log_in(page, expert.email, TEST_PASSWORD)
    _fill_form(page, title, notes)
    return page, notes


def test_an_upload_survives_a_dropped_connection(new_page, settings, tmp_path):
    page, notes = _expert_with_the_form(new_page, settings, tmp_path, "Regional meeting notes")
    offsets, failures = [], {"answer_lost": True, "status_unreachable": 1}

    def flaky(route):
        request = route.request
        if request.method == "PATCH":
            offsets.append(int(request.headers["upload-offset"]))
            if len(offsets) == 3 and failures["answer_lost"]:
                # The piece reaches the server but its answer is lost on the way back.
                failures["answer_lost"] = False
                route.fetch()
                route.abort("connectionreset")
                return
        elif request.method == "GET" and failures["status_unreachable"]:
            failures["status_unreachable"] -= 1
            route.abort("internetdisconnected")
            return
        route.continue_()

    page.route(UPLOAD_ADDRESS, flaky)
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text("The connection dropped. The upload will go on by itself")).to_be_visible()
    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    expect(page.get_by_text("The resource is published in the library.")).to_be_visible()
    assert FileVersion.objects.get().content.read() == notes.read_bytes()
    # The third piece arrived before its answer was lost: the upload went on after it, not
    # from it again, and no piece was sent from the start.
    chunk = settings.UPLOAD_CHUNK_BYTES
    assert offsets[:4] == [0, chunk, 2 * chunk, 3 * chunk]
    assert offsets == sorted(set(offsets))


def test_an_upload_resumes_when_the_same_file_is_chosen_again(new_page, settings, tmp_path):
    page, notes = _expert_with_the_form(new_page, settings, tmp_path, "Notes sent twice")
    offsets = []

    def cut_after_two_pieces(route):
        if route.request.method == "PATCH":
            offsets.append(int(route.request.headers["upload-offset"]))
            if len(offsets) > 2:
                route.abort("internetdisconnected")
                return
        route.continue_()

    page.route(UPLOAD_ADDRESS, cut_after_two_pieces)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The connection dropped.")).to_be_visible()

    # The member gives up on this page, opens the form again and chooses the same file.
    page.unroute(UPLOAD_ADDRESS)
    resumed = []
    page.on("request", lambda r: resumed.append(r.headers.get("upload-offset")) if r.method == "PATCH" else None)
    _fill_form(page, "Notes sent twice", notes)
    page.get_by_role("button", name="Publish").click()

    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    assert resumed[0] == str(2 * settings.UPLOAD_CHUNK_BYTES)
    assert FileVersion.objects.get().content.read() == notes.read_bytes()


def test_an_upload_stops_with_a_message_when_the_session_has_ended(new_page, settings, tmp_path):
    page, _notes = _expert_with_the_form(new_page, settings, tmp_path, "Notes after logout")
    pieces = []

    def logged_out_after_two_pieces(route):
        if route.request.method == "PATCH":
            pieces.append(route.request.headers["upload-offset"])
            if len(pieces) > 2:
                # What a request answers once the session has ended: the login page.
                route.fulfill(status=200, content_type="text/html", body="<html><body>Log in</body></html>")
                return
        route.continue_()

    page.route(UPLOAD_ADDRESS, logged_out_after_two_pieces)
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_role("alert").filter(has_text="The upload failed. Please try again.")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_be_enabled()
    page.wait_for_timeout(1500)
    assert len(pieces) == 3  # no retry loop against the login page
    assert not Resource.objects.exists()
