"""The forms of the organizations domain: the person's reminder settings, changing a password
and asking for a reset link."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plans.organizations.models import User


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The old password is checked the way a login is (django-axes first), so guessing it on a
    session left open counts towards the same lock-out as guessing at the login page."""

    def __init__(self, user, *args, request, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        username = self.user.get_username()
        if authenticate(self.request, username=username, password=old_password) is None:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordResetForm(auth_forms.PasswordResetForm):
    # Django labels it "Email", which its Vietnamese catalogue does not translate.
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class ReminderSettingsForm(forms.ModelForm):
    # The pages' language, also set by the switch in the footer (isoplan/language.py).
    language = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES, required=False)

    class Meta:
        model = User
        fields = ["email", "email_reminders", "handoff_email", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.language:
            self.initial["language"] = settings.LANGUAGE_CODE
