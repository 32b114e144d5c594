"""Content warnings have one length wherever they are typed and stored."""

import pytest

from chat.models import Message
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from forum.forms import ThreadForm
from forum.models import Thread
from notifications.models import Notification
from resources.models import Resource
from search.models import Document


@pytest.mark.parametrize("model", [Thread, Message, Resource, Document, Notification])
def test_every_stored_content_warning_has_the_same_length(model):
    assert model._meta.get_field("content_warning").max_length == CONTENT_WARNING_MAX_LENGTH


def test_the_thread_form_refuses_a_warning_the_thread_could_not_keep():
    form = ThreadForm()
    assert form.fields["content_warning"].max_length == CONTENT_WARNING_MAX_LENGTH
