from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.dates import DatePickerInput
from plans.organizations.models import User

from .models import CommitteeComposition, CommitteeMember


class CompositionForm(forms.ModelForm):
    class Meta:
        model = CommitteeComposition
        fields = ["decision_number", "decided_on", "signer_title", "signer_name", "note", "basis"]
        widgets = {
            "decided_on": DatePickerInput(),
            "basis": forms.Textarea(attrs={"rows": 4}),
        }


class MemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["user", "name", "title", "position", "duty"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # The active people of the agency; anyone else is typed by name.
        self.fields["user"].queryset = (
            User.objects.filter(memberships__organization=organization, is_active=True)
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["name"].help_text = _("Only for someone outside isoplan.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Choose a person of the agency or type the member's name."))
        return cleaned
