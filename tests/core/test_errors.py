"""Views show a service's refusal through one helper, on the form or as a message."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from core.errors import add_service_error


class _Form(forms.Form):
    body = forms.CharField()
    title = forms.CharField(required=False)


def _bound_form():
    form = _Form({"body": "text"})
    form.is_valid()
    return form


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_an_error_goes_on_the_field_the_view_names():
    form = _bound_form()
    add_service_error(form, ValidationError("Too long.", code="too_long"), field="body")
    assert form.errors == {"body": ["Too long."]}


def test_an_error_naming_fields_goes_on_each_of_them_and_unknown_ones_on_the_form():
    form = _bound_form()
    add_service_error(form, ValidationError({"title": "Needed.", "elsewhere": "Oops."}))
    assert form.errors["title"] == ["Needed."]
    assert form.non_field_errors() == ["Oops."]


def test_a_field_the_form_lacks_puts_the_error_on_the_whole_form():
    form = _bound_form()
    add_service_error(form, ValidationError("No."), field="missing")
    assert form.non_field_errors() == ["No."]


def test_without_a_form_each_message_is_shown_on_the_next_page():
    request = _request()
    add_service_error(request, ValidationError(["First.", "Second."]))
    assert [str(m) for m in get_messages(request)] == ["First.", "Second."]


def test_a_refusal_without_words_gets_a_plain_sentence():
    request = _request()
    add_service_error(request, PermissionDenied())
    assert [str(m) for m in get_messages(request)] == ["You cannot do this."]
