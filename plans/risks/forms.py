from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput
from plans.choices import MAX_YEAR, MIN_YEAR
from plans.models import Organization

from .choices import ContextKind, RiskKind, Treatment
from .models import ContextEntry, Risk

DATE_INPUT = DatePickerInput()

# What the two text fields of a context entry mean for each kind.
CONTEXT_LABELS = {
    ContextKind.INTERNAL: (_("Internal issue"), _("Effect on the quality system")),
    ContextKind.EXTERNAL: (_("External issue"), _("Effect on the quality system")),
    ContextKind.PARTY: (_("Interested party"), _("Needs and expectations")),
}


class ContextEntryForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ContextEntry
        fields = ["subject", "detail", "response"]
        widgets = {
            "detail": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].label, self.fields["detail"].label = CONTEXT_LABELS[kind]


def _scale(label, top: int) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, choices=[(n, n) for n in range(1, top + 1)]
    )


class RiskForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "year",
            "department",
            "kind",
            "process",
            "description",
            "cause",
            "consequence",
            "likelihood",
            "impact",
            "treatment",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "consequence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization: Organization, departments, agency: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        if agency:
            self.fields["department"].empty_label = _("The whole agency")
        else:  # a head records their unit's risks
            department = self.fields["department"]
            department.required, department.empty_label, department.help_text = True, None, ""
        if self.instance.pk:
            del self.fields["year"]
        else:
            self.fields["year"] = forms.IntegerField(
                label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR
            )
            self.initial.setdefault("year", None)
            self.initial["year"] = self.initial["year"] or timezone.localdate().year
        self.fields["likelihood"] = _scale(_("Likelihood"), organization.risk_likelihood_levels)
        self.fields["impact"] = _scale(_("Impact"), organization.risk_impact_levels)

    def clean(self):
        cleaned = super().clean()
        kind, treatment = cleaned.get("kind"), cleaned.get("treatment")
        if kind == RiskKind.OPPORTUNITY and treatment not in {Treatment.PURSUE, Treatment.ACCEPT}:
            self.add_error("treatment", _("An opportunity is pursued or left as it is (accept)."))
        if kind == RiskKind.RISK and treatment == Treatment.PURSUE:
            self.add_error("treatment", _("A risk is accepted, reduced, avoided or transferred."))
        return cleaned


class RiskActionForm(forms.Form):
    action = forms.CharField(label=_("Treatment action"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None)
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)


class RiskRerateForm(forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Were the actions effective?"),
        choices=[
            ("yes", _("Yes: close the risk")),
            ("no", _("No: it stays open for new actions")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    effectiveness = forms.CharField(
        label=_("Effectiveness of the actions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked and what changed."),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"] = _scale(_("Likelihood now"), organization.risk_likelihood_levels)
        self.fields["impact"] = _scale(_("Impact now"), organization.risk_impact_levels)
        self.order_fields(["likelihood", "impact", "effective", "effectiveness"])
