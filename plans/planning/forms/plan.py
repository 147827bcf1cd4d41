from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput
from plans.choices import MAX_YEAR, MIN_YEAR
from plans.models import Organization, Plan, PlanDuty
from plans.planning.layout import HEADINGS, TABLE_LAYOUTS, agency_headings, headings_of
from plans.planning.services.plan import plan_for_copy


class PlanCreateForm(forms.Form):
    BLANK, COPY = "blank", "copy"

    year = forms.IntegerField(
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            key: format_lazy(_("Enter a year between {min} and {max}."), min=MIN_YEAR, max=MAX_YEAR)
            for key in ("min_value", "max_value", "invalid")
        },
    )
    start_from = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            (COPY, _("A copy of last year's plan, with dates and years moved forward one year")),
            (BLANK, _("A blank plan")),
        ],
        widget=forms.RadioSelect,
        initial=COPY,
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        today = timezone.localdate()
        # From November on, secretaries prepare next year's plan.
        self.fields["year"].initial = today.year + 1 if today.month >= 11 else today.year
        self.source: Plan | None = None

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if Plan.objects.filter(organization=self.organization, year=year).exists():
            raise forms.ValidationError(
                _("There is already a plan for %(year)s: open it from the list of plans."),
                params={"year": year},
            )
        return year

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year and cleaned.get("start_from") == self.COPY:
            self.source = plan_for_copy(organization=self.organization, year=year - 1)
            if self.source is None:
                self.add_error(
                    "start_from",
                    _("There is no plan for %(year)s to copy: start from a blank plan.")
                    % {"year": year - 1},
                )
        return cleaned


class PlanLayoutForm(VersionedFormMixin, forms.ModelForm):
    """Every part of the document except the task table."""

    class Meta:
        model = Plan
        fields = [
            "number",
            "symbol",
            "place",
            "issued_on",
            "issued_month",
            "issued_year",
            "title",
            "legal_bases",
            "introduction",
            "purposes",
            "requirements",
            "scope",
            "implementation",
            "closing",
            "recipients",
            "signing_authority",
            "signer_title",
            "signer_deputy_title",
            "signer_name",
            "table_layout",
            "table_labels",
            "number_style",
        ]
        widgets = {
            "issued_on": DatePickerInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 4}),
            "introduction": forms.Textarea(attrs={"rows": 2}),
            "purposes": forms.Textarea(attrs={"rows": 5}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "implementation": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }

    HEADING_LABELS = {
        "purposes": _("Heading of the purposes"),
        "scope": _("Heading of the scope"),
        "tasks": _("Heading of the task table"),
        "implementation": _("Heading of the implementation"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The agency's own symbol as the example, not another agency's.
        abbreviation = self.instance.organization.document_symbol or "…"
        self.fields["symbol"].help_text = _(
            "The plan's symbol after its number, e.g. “%(symbol)s” in “Số: 04/%(symbol)s”."
        ) % {"symbol": f"KH-{abbreviation}"}
        # The section headings as the agency writes them (the template's, until changed).
        chosen = headings_of(self.instance)
        for key, label in self.HEADING_LABELS.items():
            self.fields[f"heading_{key}"] = forms.CharField(
                label=label,
                max_length=200,
                initial=chosen[key],
                required=False,
                help_text=_("Empty: “%(heading)s”.") % {"heading": HEADINGS[key]},
            )

    @property
    def heading_fields(self):
        return [self[f"heading_{key}"] for key in self.HEADING_LABELS]

    def save(self, commit=True):
        template = agency_headings(self.instance.organization)
        # Only what differs from the agency's template is the plan's own.
        typed = {key: self.cleaned_data[f"heading_{key}"].strip() for key in self.HEADING_LABELS}
        self.instance.headings = {
            key: text for key, text in typed.items() if text and text != template[key]
        }
        return super().save(commit)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("issued_on") and (cleaned.get("issued_month") or cleaned.get("issued_year")):
            self.add_error(
                "issued_month",
                _("With a full date of issue, leave the month and year of issue empty."),
            )
        labels = cleaned.get("table_labels", "")
        layout = cleaned.get("table_layout")
        if labels and layout:
            expected = len(TABLE_LAYOUTS[layout])
            if len(labels.split("|")) != expected:
                self.add_error(
                    "table_labels",
                    _("This table has %(count)s columns: give %(count)s headings separated by “|”.")
                    % {"count": expected},
                )
        return cleaned

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        plan = self.instance
        duplicate = (
            Plan.objects.filter(organization=plan.organization_id, year=plan.year, number=number)
            .exclude(pk=plan.pk)
            .exists()
        )
        if number and duplicate:
            raise forms.ValidationError(
                _("Number %(number)s is already used by another plan of %(year)s."),
                params={"number": number, "year": plan.year},
            )
        return number


PlanDutyFormSet = forms.inlineformset_factory(
    Plan,
    PlanDuty,
    fields=["order", "unit", "duties"],
    extra=1,
    can_delete=True,
    widgets={
        "order": forms.NumberInput(attrs={"class": "form-control-sm w-5rem"}),
        "duties": forms.Textarea(attrs={"rows": 3}),
    },
)


class PlanReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is the plan returned?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The ISO secretary sees this comment with the plan."),
    )
