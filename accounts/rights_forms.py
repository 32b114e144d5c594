from django import forms
from django.utils.translation import gettext_lazy as _

from .deletion import ContentChoice


class AccountDeleteForm(forms.Form):
    content = forms.ChoiceField(
        label=_("What should happen to your posts and chat messages?"),
        choices=ContentChoice.choices,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be restored."),
        required=True,
    )
