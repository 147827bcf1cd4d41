from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.uploads import UploadField
from plans.choices import EventKind
from plans.work.models import Event


class WorkItemCompleteForm(forms.Form):
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,  # today
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the work was done; it may be earlier than today."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What was done, where the record is kept."),
    )
    files = UploadField(
        multiple=True,
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG, up to 10 MB each."),
    )


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "occurred_on", "description", "task"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # The task the event names is a plan's (a relation the work spine declares by name).
        tasks = Event._meta.get_field("task").related_model
        self.fields["task"].queryset = tasks.objects.filter(
            plan__organization=organization, plan__status="approved"
        ).select_related("plan")
        self.fields["task"].required = False
        self.fields["task"].help_text = _("Only for “Another task completed”.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == EventKind.TASK_DONE and not cleaned.get("task"):
            self.add_error("task", _("Choose the task that was completed."))
        return cleaned
