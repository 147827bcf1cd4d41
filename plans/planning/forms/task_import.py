from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.uploads import DOCX, XLSX, check_upload
from plans.choices import ImportColumn
from plans.models import Plan, TaskImport
from plans.planning.forms.task import unit_choices
from plans.planning.importing import (
    FoundTable,
    ImportFileError,
    Preview,
    check_not_encrypted,
    find_task_table,
    header_parts,
    read_pasted,
    read_upload,
)

IMPORT_MAX_BYTES = 5 * 1024 * 1024
PART_LABELS = {
    "title": _("Title"),
    "date": _("Date line"),
    "legal_bases": _("Legal bases"),
    "purposes": _("Purposes and requirements"),
    "headings": _("Section headings"),
    "implementation": _("Implementation"),
    "recipients": _("Recipients"),
    "signer": _("Signer"),
    "table": _("Task table columns"),
}


class TaskImportForm(forms.Form):
    """A Word or Excel file, or rows pasted from a table. Reading happens here, so that a file
    that cannot be read gets its message next to the field."""

    file = forms.FileField(
        label=_("Word or Excel file"),
        required=False,
        help_text=_("A .docx or .xlsx file up to 5 MB with the task table."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )
    pasted = forms.CharField(
        label=_("…or rows pasted from a table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "font-monospace small"}),
        help_text=_(
            "Select the table in Word or Excel including its header row, copy it and paste it here."
        ),
    )

    found: FoundTable
    header: dict
    knows_merges: bool
    source_name: str

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), (cleaned.get("pasted") or "").strip()
        if self.errors:
            return cleaned
        if not upload and not pasted:
            raise forms.ValidationError(_("Choose a file or paste the rows of a table."))
        field = "file" if upload else "pasted"
        try:
            if upload:
                upload.seek(0)
                check_not_encrypted(upload.read(8), upload.name)
                check_upload(upload, kinds=(DOCX, XLSX), max_bytes=IMPORT_MAX_BYTES)
                source = read_upload(upload, upload.name)
                self.source_name = upload.name
            else:
                source = read_pasted(pasted)
                self.source_name = str(_("Pasted rows"))
            self.found = find_task_table(source)
        except ImportFileError as error:
            self.add_error(field, str(error))
            return cleaned
        except forms.ValidationError as error:
            self.add_error(field, error)
            return cleaned
        if not self.found.rows:
            self.add_error(field, _("The table has a header but no rows under it."))
        self.header = header_parts(source.lines)
        self.knows_merges = source.knows_merges
        return cleaned


class ImportPreviewForm(forms.Form):
    """The secretary's corrections to the preview: what each column holds, the units of each
    responsibility text, the rows and header parts to take."""

    rows = forms.TypedMultipleChoiceField(coerce=int, required=False)
    parts = forms.MultipleChoiceField(required=False)
    plan_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, task_import: TaskImport, plan: Plan, preview: Preview, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_import, self.preview = task_import, preview
        self.column_fields = []
        for index, label in enumerate(task_import.labels):
            name = f"col_{index}"
            self.fields[name] = forms.ChoiceField(
                label=label or "—",
                choices=ImportColumn.choices,
                required=False,
                initial=task_import.mapping[index],
            )
            self.column_fields.append(self[name])
        choices = unit_choices(plan.organization)
        self.unit_fields = []
        for index, (text, units) in enumerate(preview.units.items()):
            name = f"units_{index}"
            self.fields[name] = forms.MultipleChoiceField(
                label=text,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[unit.key() for unit in units],
            )
            self.unit_fields.append((self[name], preview.names(units)))
        self.fields["rows"].choices = [(p.key, p.key) for p in preview.proposals]
        self.fields["rows"].initial = (
            task_import.selected_rows
            if task_import.selected_rows is not None
            else preview.default_rows()
        )
        self.fields["parts"].choices = [(part, PART_LABELS[part]) for part in preview.parts]
        self.part_rows = [
            (part, PART_LABELS[part], preview.part_text(part)) for part in preview.parts
        ]
        self.fields["parts"].initial = (
            task_import.selected_parts
            if task_import.selected_parts is not None
            else list(preview.parts)
        )
        self.fields["plan_version"].initial = plan.lock_version

    @property
    def selected_rows(self) -> set[int]:
        return {int(value) for value in self["rows"].value() or []}

    def mapping(self) -> list[str]:
        return [self.cleaned_data[f"col_{i}"] for i in range(len(self.task_import.labels))]

    def mapping_changed(self) -> bool:
        return self.mapping() != self.task_import.mapping

    def units(self) -> dict[str, list[str]]:
        """The unit choices that differ from what isoplan matched (kept as corrections)."""
        if self.mapping_changed():
            return self.task_import.units  # the texts shown belonged to the old columns
        chosen = {}
        for index, text in enumerate(self.preview.units):
            keys = self.cleaned_data[f"units_{index}"]
            if keys != [unit.key() for unit in self.preview.matched[text]]:
                chosen[text] = keys
        return chosen

    def plan_fields(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for part in self.cleaned_data["parts"]:
            fields.update(self.preview.parts[part])
        return fields
