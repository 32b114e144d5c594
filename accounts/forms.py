from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, Language, Theme

from . import services, time_zones
from .adapter import INVITATION_SESSION_KEY
from .models import Role, User
from .names import display_name_clean


class ApplicationForm(SignupForm):
    """The signup form is a membership application. Arriving through an invitation link,
    the email is fixed to the invited address and no motivation is needed."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown to other members. It need not be your legal name."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.active())
    role_in_organisation = forms.CharField(label=_("Your role in the organisation"), max_length=200)
    motivation = forms.CharField(
        label=_("Why do you want to join the alliance's hub?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    field_order = [
        "email",
        "display_name",
        "organisation",
        "country",
        "role_in_organisation",
        "motivation",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = self._invitation()
        if self.invitation:
            self.fields["motivation"].required = False
            self.fields["motivation"].widget = forms.HiddenInput()
            self.fields["email"].initial = self.invitation.email
            self.fields["email"].widget.attrs["readonly"] = True

    @staticmethod
    def _invitation():
        request = getattr(context, "request", None)
        token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
        if not token:
            return None
        try:
            return services.invitation_check(token)
        except ValidationError:
            return None

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])

    def clean_email(self):
        email = super().clean_email()
        if self.invitation and email.lower() != self.invitation.email.lower():
            raise ValidationError(_("This invitation was sent to a different email address."), code="wrong_email")
        return email


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=[])

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ApprovalForm(DecisionForm):
    role = forms.ChoiceField(label=_("Role"), choices=[])

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        self.fields["role"].initial = Role.MEMBER


class RoleChangeForm(ApprovalForm):
    pass


class ProfileForm(forms.ModelForm):
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise"), queryset=Theme.objects.active(), required=False, widget=forms.CheckboxSelectMultiple
    )
    ui_language = forms.ChoiceField(
        label=_("Interface language"),
        required=False,
        choices=lambda: [("", _("The language my browser asks for")), *settings.LANGUAGES],
        help_text=_("Also the language of the emails the hub sends you."),
    )

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Dates and times across the hub are shown in this zone."),
    )

    class Meta:
        model = User
        fields = [
            "ui_language",
            "time_zone",
            "display_name",
            "organisation",
            "country",
            "role_in_organisation",
            "bio",
            "languages",
            "expertise",
            "show_organisation",
            "show_country",
            "show_presence",
            "light_mode",
            "discreet_mode",
            "stay_signed_in_after_exit",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.time_zone
        self.fields["time_zone"].choices = time_zones.choices(current)
        # Never chosen: the hub's zone is shown selected, and stays "not chosen" unless changed,
        # so the browser's guess can still apply.
        self.initial["time_zone"] = current or time_zones.default_zone()

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"], user=self.instance)

    def clean_time_zone(self):
        if "time_zone" not in self.changed_data:
            return self.instance.time_zone
        return time_zones.clean(self.cleaned_data["time_zone"])


class PrivacyChoiceForm(forms.Form):
    """The first-login question. Every box starts unticked: nothing is shown until the member
    says so."""

    show_organisation = forms.BooleanField(
        label=_("Show my organisation"),
        required=False,
        help_text=_("Members see it on your profile and in the member directory."),
    )
    show_country = forms.BooleanField(
        label=_("Show my country"),
        required=False,
        help_text=_("Members see it on your profile and can find you by country in the member directory."),
    )
    show_presence = forms.BooleanField(
        label=_("Show when I am online in chat"),
        required=False,
        help_text=_("Members in a chat room see that you are there and when you are typing."),
    )
