"""The forms of internal audits: programme, plan and sessions of an audit, findings, finishing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from audits.clauses import clause_choices
from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput, TimeField
from plans.choices import Role

from .choices import FindingResult
from .models import Audit, AuditProgramme, AuditSession
from .services import own_unit_auditors


class AuditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Audit
        fields = [
            "title",
            "year",
            "units",
            "processes",
            "criteria",
            "lead_auditor",
            "team",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "team": forms.CheckboxSelectMultiple,
            "starts_on": DatePickerInput(),
            "ends_on": DatePickerInput(),
            "processes": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        people = auditors_of(organization)
        self.fields["units"].queryset = organization.departments.filter(is_active=True)
        self.fields["lead_auditor"].queryset = people
        self.fields["team"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("starts_on")
            and cleaned.get("ends_on")
            and cleaned["ends_on"] < cleaned["starts_on"]
        ):
            self.add_error("ends_on", _("The audit cannot end before it starts."))
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = AuditSession
        fields = ["department", "date", "starts_at", "ends_at", "auditors", "auditees"]
        widgets = {
            "date": DatePickerInput(),
            "auditors": forms.CheckboxSelectMultiple,
        }
        field_classes = {"starts_at": TimeField, "ends_at": TimeField}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = audit.units.all()
        self.fields["auditors"].queryset = auditors_of(audit.organization)

    def clean(self):
        cleaned = super().clean()
        department, auditors = cleaned.get("department"), cleaned.get("auditors")
        if department and auditors:
            own = own_unit_auditors(auditors, department)
            if own:
                self.add_error(
                    "auditors",
                    _("%(names)s may not audit their own unit.")
                    % {"names": ", ".join(user.get_full_name() for user in own)},
                )
        return cleaned


class FindingForm(forms.Form):
    clause = forms.ChoiceField(label=_("Clause"), choices=clause_choices())
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    result = forms.ChoiceField(label=_("Result"), choices=FindingResult.choices)
    evidence = forms.CharField(
        label=_("Evidence seen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, nonconformity=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nonconformity is not None:  # the service refuses the change too
            self.fields["result"].disabled = True
            self.fields["result"].help_text = _(
                "%(code)s was registered from this finding: its result stays."
            ) % {"code": nonconformity.code}


class FinishForm(forms.Form):
    finished_on = forms.DateField(label=_("Finished on"), widget=DatePickerInput())
    conclusions = forms.CharField(label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 4}))


def auditors_of(organization):
    """The people who may audit: the organization's auditors and its ISO secretary."""
    from plans.models import User

    return (
        User.objects.filter(
            memberships__organization=organization,
            memberships__role__in=[Role.AUDITOR, Role.ISO_SECRETARY],
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


class AuditProgrammeForm(forms.ModelForm):
    class Meta:
        model = AuditProgramme
        fields = ["year", "objectives", "scope"]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = AuditProgramme.objects.filter(organization=self.organization, year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("There is already a programme for %(year)s.") % {"year": year}
            )
        return year
