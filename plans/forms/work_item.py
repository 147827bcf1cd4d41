from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from plans.choices import EventKind
from plans.models import Event, PlanTask

# Evidence files: what agencies scan or export. The first bytes are checked as well as the name.
EVIDENCE_TYPES = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".doc": [b"\xd0\xcf\x11\xe0"],
    ".xls": [b"\xd0\xcf\x11\xe0"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".png": [b"\x89PNG"],
}
MAX_EVIDENCE_BYTES = getattr(settings, "MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files in one field; each is checked for type and size."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [self._check(super(EvidenceField, self).clean(f, initial)) for f in files]

    def _check(self, upload):
        name = upload.name.lower()
        extension = name[name.rfind(".") :] if "." in name else ""
        signatures = EVIDENCE_TYPES.get(extension)
        if signatures is None:
            raise forms.ValidationError(
                _("“%(name)s”: only PDF, Word, Excel, JPEG or PNG files are accepted.")
                % {"name": upload.name}
            )
        if upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(
                _("“%(name)s” is larger than %(limit)s MB.")
                % {"name": upload.name, "limit": MAX_EVIDENCE_BYTES // (1024 * 1024)}
            )
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise forms.ValidationError(
                _("“%(name)s” is not really a %(type)s file.")
                % {"name": upload.name, "type": extension[1:].upper()}
            )
        return upload


class WorkItemCompleteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What was done, where the record is kept."),
    )
    files = EvidenceField(
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
        self.fields["task"].queryset = PlanTask.objects.filter(
            plan__organization=organization, plan__status="approved"
        ).select_related("plan")
        self.fields["task"].required = False
        self.fields["task"].help_text = _("Only for “Another task completed”.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == EventKind.TASK_DONE and not cleaned.get("task"):
            self.add_error("task", _("Choose the task that was completed."))
        return cleaned
