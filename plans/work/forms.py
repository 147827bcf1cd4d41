from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.dates import DatePickerInput
from isoplan.uploads import UploadField
from plans.choices import EventKind
from plans.work.models import NAMED_EVENT, NAMED_EVENT_NOTE, Event
from plans.work.named_events import named_events


class WorkItemCompleteForm(forms.Form):
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,  # today
        widget=DatePickerInput(),
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
    """A built-in kind of event, or one the plans name in their own words ("named:<words>")."""

    kind = forms.ChoiceField(label=_("event"))

    class Meta:
        model = Event
        fields = ["occurred_on", "description", "task"]
        widgets = {"occurred_on": DatePickerInput()}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.named = named_events(organization)
        choices: list = [("", "---------"), *EventKind.choices]
        if self.named:
            choices.append(
                (
                    _("Events named in the plans"),
                    [
                        (f"{NAMED_EVENT}:{words}", f"{words} ({', '.join(map(str, years))})")
                        for words, years in self.named.items()
                    ],
                )
            )
        self.fields["kind"].choices = choices
        self.order_fields(["kind", "occurred_on", "description", "task"])
        # The task the event names is a plan's (a relation the work spine declares by name).
        tasks = Event._meta.get_field("task").related_model
        self.fields["task"].queryset = tasks.objects.filter(
            plan__organization=organization, plan__status="approved"
        ).select_related("plan")
        self.fields["task"].required = False
        self.fields["task"].help_text = _("Only for “Another task completed”.")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or ""
        cleaned["words"] = ""
        if kind.startswith(f"{NAMED_EVENT}:"):
            cleaned["kind"], cleaned["words"] = NAMED_EVENT, kind.split(":", 1)[1]
            years = self.named.get(cleaned["words"], [])
            occurred_on = cleaned.get("occurred_on")
            if occurred_on and occurred_on.year not in years:
                self.add_error(
                    "occurred_on",
                    _("No approved plan of %(year)s waits for this event.")
                    % {"year": occurred_on.year},
                )
        if cleaned.get("kind") == EventKind.TASK_DONE and not cleaned.get("task"):
            self.add_error("task", _("Choose the task that was completed."))
        return cleaned

    @property
    def event_description(self) -> str:
        """The description to record: a named event's words first (they are what the waiting
        items match), then the secretary's note."""
        note = self.cleaned_data.get("description", "")
        words = self.cleaned_data.get("words", "")
        if not words:
            return note
        return (f"{words}{NAMED_EVENT_NOTE}{note}" if note else words)[:500]
