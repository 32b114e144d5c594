"""What a member actually reads, rendered in every interface language: Django's password rules
and form errors, file sizes and dates. Catalogue tests prove strings exist; these prove that the
merged catalogues (ours, locale_upstream, Django's, allauth's) say them in the member's language."""

import datetime
import re

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.formats import get_format

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
WEAK = "1234"  # too short, too common and entirely numeric


def _password_texts() -> list[str]:
    texts = list(password_validators_help_texts())
    try:
        validate_password(WEAK)
    except ValidationError as error:
        texts += error.messages
    return texts


class _Sample(forms.Form):
    email = forms.EmailField()
    count = forms.IntegerField(min_value=1)
    when = forms.DateField()
    choice = forms.ChoiceField(choices=[("a", "a")])


def _form_errors() -> list[str]:
    form = _Sample(data={"email": "not-an-address", "count": "0", "when": "soon", "choice": "b"})
    form.is_valid()
    required = _Sample(data={})
    required.is_valid()
    messages = [message for errors in form.errors.values() for message in errors]
    return messages + list(required.errors["email"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_rules_and_their_errors_are_in_every_language(language):
    with translation.override("en"):
        english = _password_texts()
    with translation.override(language):
        rendered = _password_texts()
    assert len(rendered) == len(english) == 7
    untranslated = [text for text, source in zip(rendered, english, strict=True) if text == source]
    assert not untranslated, f"{language} shows Django's password rules in English: {untranslated}"
    assert not [text for text in rendered if "  " in text], f"{language}: a double space"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_password_change_form_speaks_the_members_language(language, db):
    from tests.factories import UserFactory

    user = UserFactory()
    data = {"new_password1": "correct horse battery", "new_password2": "correct horse staple"}
    with translation.override("en"):
        english_form = SetPasswordForm(user, data)
        english_form.is_valid()
        english = [*english_form.errors["new_password2"], str(english_form.fields["new_password1"].help_text)]
    with translation.override(language):
        form = SetPasswordForm(user, data)
        form.is_valid()
        rendered = [*form.errors["new_password2"], str(form.fields["new_password1"].help_text)]
    assert rendered[0] != english[0], f"{language}: {rendered[0]}"
    # The help text lists the rules: none of the English sentences may remain.
    for sentence in re.findall(r"<li>(.*?)</li>", english[1]):
        assert sentence not in rendered[1], f"{language} help text still says {sentence!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_django_form_errors_are_in_every_language(language):
    with translation.override("en"):
        english = _form_errors()
    with translation.override(language):
        rendered = _form_errors()
    untranslated = [text for text, source in zip(rendered, english, strict=True) if text == source]
    assert not untranslated, f"{language} shows Django's form errors in English: {untranslated}"


def test_the_reauthentication_code_form_labels_its_field_in_every_language():
    from allauth.account.forms import RequestReauthenticationCodeForm

    field = RequestReauthenticationCodeForm.base_fields["recipient"]
    for language in LANGUAGES:
        with translation.override(language):
            assert str(field.label) not in {"Recipient", "Email"}, language


# One number, then a space (or a no-break space), then the unit; never bits.
SIZE = re.compile(r"^\d+([.,]\d)? [^\s\d]+$")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_file_sizes_have_a_space_and_the_right_unit_in_every_language(language):
    with translation.override(language):
        sizes = [filesizeformat(776), filesizeformat(1), filesizeformat(5 * 1024), filesizeformat(2.4 * 1024**2)]
        decimal = get_format("DECIMAL_SEPARATOR")
    for size in sizes:
        normalised = size.replace("\xa0", " ")
        assert SIZE.match(normalised), f"{language}: {size!r}"
        assert "бит" not in size and "bit" not in size, f"{language} says bits: {size!r}"
    assert sizes[3].replace("\xa0", " ").startswith(f"2{decimal}4 "), f"{language}: {sizes[3]!r}"


@pytest.mark.parametrize(
    ("language", "unit"),
    [("ky", "МБ"), ("uz", "MB"), ("kk", "МБ"), ("uz-cyrl", "МБ"), ("fa-af", "میگابایت"), ("ps", "میګابایټ")],
)
def test_megabytes_use_the_unit_readers_expect(language, unit):
    with translation.override(language):
        assert filesizeformat(2.4 * 1024**2).endswith(unit)


def test_kyrgyz_writes_decimals_with_a_comma():
    with translation.override("ky"):
        assert filesizeformat(2.4 * 1024**2).replace("\xa0", " ") == "2,4 МБ"


def test_dari_dates_use_afghan_month_names():
    moment = datetime.datetime(2026, 12, 7, 4, 16)
    with translation.override("fa-af"):
        rendered = Template('{{ d|date:"DATE_FORMAT" }} {{ d|date:"F" }} {{ d|date:"N" }} {{ d|date:"M" }}').render(
            Context({"d": moment})
        )
    assert "دسامبر" not in rendered
    assert rendered.count("دسمبر") == 4, rendered


@pytest.mark.parametrize("name", ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"])
def test_english_dates_never_put_the_month_first_in_numbers(name):
    moment = datetime.datetime(2026, 12, 7, 16, 16)
    with translation.override("en"):
        rendered = Template("{{ d|date:name }}").render(Context({"d": moment, "name": name}))
    assert not re.search(r"\d+/\d+/\d+", rendered), rendered
    assert "7 Dec" in rendered, rendered
    if "DATETIME" in name:
        assert "16:16" in rendered, rendered
