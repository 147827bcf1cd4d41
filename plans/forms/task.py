from django import forms
from django.utils.translation import gettext_lazy as _

from plans.choices import Responsibility, TaskParty
from plans.models import Organization, PlanTask
from plans.services.task import TaskData, UnitRef


def unit_choices(organization: Organization) -> list:
    """Parties first, then the organization's active departments (grouped, for the widget)."""
    departments = organization.departments.filter(is_active=True).order_by("order", "name")
    return [
        (_("Groups and roles"), [(f"p:{value}", label) for value, label in TaskParty.choices]),
        (_("Departments"), [(f"d:{d.pk}", d.name) for d in departments]),
    ]


class TaskForm(forms.Form):
    content = forms.CharField(
        label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    leads = forms.MultipleChoiceField(
        label=_("Lead units"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one lead unit.")},
    )
    supports = forms.MultipleChoiceField(
        label=_("Supporting units"), widget=forms.CheckboxSelectMultiple, required=False
    )
    responsibility_note = forms.CharField(
        label=PlanTask._meta.get_field("responsibility_note").verbose_name.capitalize(),
        help_text=PlanTask._meta.get_field("responsibility_note").help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    timing_text = forms.CharField(
        label=_("Timing"),
        max_length=500,
        help_text=PlanTask._meta.get_field("timing_text").help_text,
    )
    output = forms.CharField(
        label=_("Output / record"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organization: Organization, task: PlanTask | None = None, **kwargs):
        if task is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(task)
        super().__init__(*args, **kwargs)
        choices = unit_choices(organization)
        self.fields["leads"].choices = choices
        self.fields["supports"].choices = choices

    @staticmethod
    def initial_for(task: PlanTask) -> dict:
        assignments = list(task.assignments.all())
        return {
            "content": task.content,
            "timing_text": task.timing_text,
            "output": task.output,
            "responsibility_note": task.responsibility_note,
            "lock_version": task.lock_version,
            "leads": [
                UnitRef.of(a).key() for a in assignments if a.responsibility == Responsibility.LEAD
            ],
            "supports": [
                UnitRef.of(a).key()
                for a in assignments
                if a.responsibility == Responsibility.SUPPORT
            ],
        }

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("leads", [])) & set(cleaned.get("supports", []))
        if both:
            self.add_error("supports", _("A unit cannot both lead and support the same task."))
        return cleaned

    def task_data(self) -> TaskData:
        data = self.cleaned_data
        return TaskData(
            content=data["content"].strip(),
            timing_text=data["timing_text"].strip(),
            output=data["output"].strip(),
            responsibility_note=data["responsibility_note"].strip(),
            leads=[UnitRef.parse(v) for v in data["leads"]],
            supports=[UnitRef.parse(v) for v in data["supports"]],
        )
