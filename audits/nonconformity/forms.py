"""The forms of the nonconformity register: record, analyse, act, verify, reopen."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput

from .models import Nonconformity


class NonconformityForm(forms.ModelForm):
    class Meta:
        model = Nonconformity
        fields = ["source", "severity", "department", "found_on", "clause", "description"]
        widgets = {
            "found_on": DatePickerInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)
        self.fields["found_on"].initial = timezone.localdate()

    def clean_found_on(self):
        found_on = self.cleaned_data["found_on"]
        if found_on > timezone.localdate():
            raise forms.ValidationError(_("A nonconformity cannot be found in the future."))
        return found_on


class AnalysisForm(VersionedFormMixin, forms.Form):
    correction = forms.CharField(
        label=_("Immediate correction"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrectiveActionForm(forms.Form):
    action = forms.CharField(label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None)
    due_on = forms.DateField(label=_("Due date"), widget=DatePickerInput())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)


class VerificationForm(forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Were the actions effective?"),
        choices=[
            ("yes", _("Yes: close the nonconformity")),
            ("no", _("No: new actions are needed")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("What was checked"), widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the problem not solved?"),
        help_text=_("Kept beside the verification it overturns and in the history."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the nonconformity is reopened.")},
    )
