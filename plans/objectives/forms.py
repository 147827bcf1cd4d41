from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from plans.choices import MAX_YEAR, MIN_YEAR
from plans.models import Organization

from .choices import Comparison
from .models import Objective, ObjectiveAction, ObjectiveResult, ObjectiveSet


class ObjectiveSetCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    department = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("The whole agency")
    )
    copy = forms.BooleanField(label=_("Copy last year's objectives"), required=False, initial=True)

    def __init__(self, *args, organization: Organization, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["department"].queryset = departments
        self.source = None

    def clean(self):
        cleaned = super().clean()
        year, department = cleaned.get("year"), cleaned.get("department")
        if year is None:
            return cleaned
        same = ObjectiveSet.objects.filter(
            organization=self.organization, year=year, department=department
        )
        if same.exists():
            self.add_error(
                "year", _("These objectives already exist for %(year)s.") % {"year": year}
            )
        if cleaned.get("copy"):
            self.source = ObjectiveSet.objects.filter(
                organization=self.organization, year=year - 1, department=department
            ).first()
            if self.source is None:
                self.add_error(
                    "copy",
                    _("There are no objectives of %(year)s to copy: untick the box.")
                    % {"year": year - 1},
                )
        return cleaned


class ObjectiveSetReturnForm(forms.Form):
    """The comment the objectives are returned with: worded as the plan's, whose page they share
    (templates/plans/plan_return.html)."""

    comment = forms.CharField(
        label=_("Why is the plan returned?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The ISO secretary sees this comment with the plan."),
    )


class ObjectiveForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Objective
        fields = [
            "statement",
            "indicator",
            "comparison",
            "target_value",
            "target_unit",
            "method",
            "frequency",
            "department",
        ]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("comparison") != Comparison.YES and cleaned.get("target_value") is None:
            self.add_error(
                "target_value", _("Give the number to reach, or choose a yes/no target.")
            )
        return cleaned


ObjectiveActionFormSet = forms.inlineformset_factory(
    Objective,
    ObjectiveAction,
    fields=["action", "department", "timing_text", "resources"],
    extra=1,
    can_delete=True,
    widgets={"action": forms.Textarea(attrs={"rows": 2})},
)


class ObjectiveResultForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ObjectiveResult
        fields = ["value", "done", "comment", "achieved_override", "override_reason"]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 2}),
            "done": forms.NullBooleanSelect,
            "achieved_override": forms.NullBooleanSelect,
        }

    def __init__(self, *args, objective: Objective, **kwargs):
        super().__init__(*args, **kwargs)
        self.objective = objective
        if objective.comparison == Comparison.YES:
            del self.fields["value"]
        else:
            del self.fields["done"]
            self.fields["value"].label = _("Result (%(unit)s)") % {
                "unit": objective.target_unit or "—"
            }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("achieved_override") is not None and not cleaned.get("override_reason"):
            self.add_error("override_reason", _("Say why the achievement is set by hand."))
        measured = cleaned.get("value") if "value" in self.fields else cleaned.get("done")
        if measured is None:
            field = "value" if "value" in self.fields else "done"
            self.add_error(field, _("Enter what was measured."))
        return cleaned
