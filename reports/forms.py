from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.dates import DatePickerInput

from .models import AnnualReport, ConformityDeclaration, ConsolidatedReport, ReplyKind


class AnnualReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_year(self):
        year = self.cleaned_data["year"]
        if AnnualReport.objects.filter(organization=self.organization, year=year).exists():
            raise forms.ValidationError(
                _("The report of %(year)s already exists: open it from the list.") % {"year": year}
            )
        return year


class AnnualReportTextsForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["scope", "reasons", "difficulties", "recommendations"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class ConformityDeclarationForm(forms.ModelForm):
    class Meta:
        model = ConformityDeclaration
        fields = ["number", "signed_on", "scope", "signer_title", "signer_name"]
        widgets = {
            "signed_on": DatePickerInput(),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "scope": _(
                "The activities the system covers, as the decision states them: e.g. “giải "
                "quyết thủ tục hành chính và các hoạt động nội bộ của Sở”."
            )
        }


class ProvinceReplyForm(forms.Form):
    """The coordinator's answer to a report sent: a comment, a correction asked, or acceptance."""

    kind = forms.ChoiceField(
        label=_("Your answer"),
        choices=ReplyKind.choices,
        initial=ReplyKind.COMMENT,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the agency's ISO secretary. Needed for a comment or a correction."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") in {ReplyKind.COMMENT, ReplyKind.CORRECTION}
            and not (data.get("text") or "").strip()
        ):
            self.add_error("text", _("Write what the agency should read."))
        return data


class ConsolidatedReportForm(forms.ModelForm):
    class Meta:
        model = ConsolidatedReport
        fields = ["assessment", "proposals"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
