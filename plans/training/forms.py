"""The forms of training and onboarding: a training held, the guidance recorded, a certificate."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput
from isoplan.uploads import JPEG, PDF, PNG, UploadField

from .models import AuditorCertificate, Training

FILES_HELP = _("PDF, Word, Excel, JPEG or PNG, up to 10 MB each.")


def people_of(organization):
    """The active people of the agency, by name."""
    from plans.organizations.models import User

    return (
        User.objects.filter(memberships__organization=organization, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


class TrainingForm(VersionedFormMixin, forms.ModelForm):
    # Not "files": that is the training's own relation to its stored files.
    evidence = UploadField(
        multiple=True, label=_("Evidence files"), required=False, help_text=FILES_HELP
    )

    class Meta:
        model = Training
        fields = [
            "held_on",
            "department",
            "title",
            "description",
            "trainer",
            "trainer_name",
            "hours",
            "attendees",
        ]
        widgets = {
            "held_on": DatePickerInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organization, departments, agency: bool, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_of(organization)
        self.fields["department"].queryset = departments
        # Only the ISO secretary records a training of the whole agency (no unit).
        self.fields["department"].required = not agency
        if not agency:
            self.fields["department"].empty_label = None
        self.fields["trainer"].queryset = people
        self.fields["attendees"].queryset = people
        self.fields["attendees"].label_from_instance = lambda person: person.get_full_name()
        self.fields["trainer"].label_from_instance = lambda person: person.get_full_name()

    def clean(self):
        cleaned = super().clean()
        held_on = cleaned.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error(
                "held_on", _("A training is recorded once it was held: the date is in the future.")
            )
        if not cleaned.get("trainer") and not (cleaned.get("trainer_name") or "").strip():
            self.add_error(
                "trainer_name", _("Say who trained: a person of the agency or from outside.")
            )
        return cleaned


class OnboardingRecordForm(forms.Form):
    guided_on = forms.DateField(label=_("Guided on"), widget=DatePickerInput())
    guided_by = forms.ModelChoiceField(label=_("Guided by"), queryset=None)
    covered_procedures = forms.BooleanField(
        label=_("The unit's procedures in force"), required=False
    )
    covered_policy = forms.BooleanField(label=_("The quality policy"), required=False)
    covered_objectives = forms.BooleanField(label=_("The quality objectives"), required=False)
    notes = forms.CharField(
        label=_("What else was covered"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    files = UploadField(
        multiple=True, label=_("Evidence files"), required=False, help_text=FILES_HELP
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guided_by"].queryset = people_of(organization)
        self.fields["guided_by"].label_from_instance = lambda person: person.get_full_name()

    def clean(self):
        cleaned = super().clean()
        guided_on = cleaned.get("guided_on")
        if guided_on and guided_on > timezone.localdate():
            self.add_error("guided_on", _("The day of the guidance cannot be in the future."))
        topics = ("covered_procedures", "covered_policy", "covered_objectives")
        if not any(cleaned.get(t) for t in topics) and not (cleaned.get("notes") or "").strip():
            self.add_error(None, _("Say what the guidance covered."))
        return cleaned


class CertificateForm(VersionedFormMixin, forms.ModelForm):
    scan = UploadField(
        kinds=(PDF, JPEG, PNG),
        label=_("Scan of the certificate"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
    )

    class Meta:
        model = AuditorCertificate
        fields = ["person", "issuer", "number", "issued_on", "expires_on"]
        widgets = {"issued_on": DatePickerInput(), "expires_on": DatePickerInput()}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(organization)
        self.fields["person"].label_from_instance = lambda person: person.get_full_name()

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("A certificate cannot expire before it is issued."))
        return cleaned
