from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput
from isoplan.uploads import DOCX, PDF, UploadField

from .choices import DocumentStatus
from .models import Document, DocumentEdition, ExternalDocument

DATE = DatePickerInput()


class DocumentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "code",
            "title",
            "kind",
            "tthc_code",
            "department",
            "review_months",
            "next_review_on",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "next_review_on": DATE}

    def __init__(self, *args, organization, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["department"].queryset = departments
        if self.instance.status != DocumentStatus.IN_FORCE:
            # Counted from the effective date when an edition comes into force.
            del self.fields["next_review_on"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        taken = Document.objects.filter(organization=self.organization, code__iexact=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Code %(code)s is already used by another document."), params={"code": code}
            )
        return code


class EditionForm(VersionedFormMixin, forms.ModelForm):
    files = UploadField(
        kinds=(PDF, DOCX),
        multiple=True,
        required=False,
        label=_("Add files"),
        help_text=_("PDF to read, Word to edit; up to 10 MB each."),
    )

    class Meta:
        model = DocumentEdition
        fields = ["issued_on", "effective_on", "decision_number", "decision_date", "changes"]
        widgets = {
            "issued_on": DATE,
            "effective_on": DATE,
            "decision_date": DATE,
            "changes": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        issued, effective = cleaned.get("issued_on"), cleaned.get("effective_on")
        if issued and effective and effective < issued:
            self.add_error("effective_on", _("A document cannot take effect before it is issued."))
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is it returned?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The owner unit and the ISO secretary see this comment with the edition."),
    )


class DocumentReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE)
    note = forms.CharField(
        label=_("Conclusion"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. “Còn phù hợp, không cần sửa đổi” or what must be amended."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewed_on"].initial = timezone.localdate()

    def clean_reviewed_on(self):
        reviewed_on = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate():
            raise forms.ValidationError(_("A review cannot be recorded in the future."))
        return reviewed_on


class ExternalDocumentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ExternalDocument
        fields = [
            "number",
            "issued_on",
            "issuer",
            "title",
            "effective_on",
            "received_on",
            "status",
            "affects",
        ]
        widgets = {
            "issued_on": DATE,
            "effective_on": DATE,
            "received_on": DATE,
            "title": forms.Textarea(attrs={"rows": 2}),
            "affects": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["affects"].queryset = (
            organization.documents.exclude(status=DocumentStatus.WITHDRAWN)
            .select_related("department")
            .order_by("code")
        )
        self.fields["affects"].help_text = _(
            "Their owner units get a work item to update them (Ctrl+click to choose several)."
        )
        if not self.instance.pk:
            del self.fields["status"]  # a text is recorded in force
            self.fields["received_on"].initial = timezone.localdate()

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        taken = ExternalDocument.objects.filter(organization=self.organization, number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("%(number)s is already in the register."), params={"number": number}
            )
        return number

    def clean(self):
        cleaned = super().clean()
        issued, effective = cleaned.get("issued_on"), cleaned.get("effective_on")
        if issued and effective and effective < issued:
            self.add_error("effective_on", _("A text cannot take effect before its date."))
        return cleaned
