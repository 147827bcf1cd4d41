"""The forms of the improvement register: propose, merge, decline, add an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.dates import DatePickerInput
from isoplan.uploads import UploadField
from plans.documents.choices import DocumentStatus
from plans.documents.models import Document

from .choices import ProposalStatus
from .models import ImprovementProposal


class ProposalForm(forms.ModelForm):
    files = UploadField(
        label=_("Attachments"),
        required=False,
        multiple=True,
        help_text=_("Optional: PDF, Word, Excel or pictures."),
    )

    class Meta:
        model = ImprovementProposal
        fields = ["department", "title", "problem", "description", "benefit", "document"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "benefit": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)
        self.fields["document"].queryset = (
            Document.objects.filter(organization=organization)
            .exclude(status=DocumentStatus.WITHDRAWN)
            .order_by("code")
        )
        self.fields["document"].help_text = _("Optional: the document of the register it changes.")


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merged into"),
        queryset=None,
        error_messages={"required": _("Choose the proposal it is merged into.")},
    )
    note = forms.CharField(
        label=_("Note for the proposer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            ImprovementProposal.objects.filter(organization_id=proposal.organization_id)
            .exclude(pk=proposal.pk)
            .exclude(status__in=[ProposalStatus.MERGED, ProposalStatus.DECLINED])
            .order_by("-year", "-number")
        )
        self.fields["into"].label_from_instance = lambda p: f"{p.code} – {p.title}"


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it declined?"),
        help_text=_("The proposer reads it in their message and on the proposal."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the proposal is declined.")},
    )


class ImprovementActionForm(forms.Form):
    action = forms.CharField(
        label=_("Improvement action"), widget=forms.Textarea(attrs={"rows": 2})
    )
    department = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None)
    due_on = forms.DateField(label=_("Due date"), widget=DatePickerInput())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)
