from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.choices import PlanStatus
from plans.models import Organization, Plan

from .models import TemplateKind
from .services import TemplateError, parse_documents, parse_questions


class TemplateCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TemplateKind.choices)
    title = forms.CharField(label=_("Name of the template"), max_length=300)
    note = forms.CharField(
        label=_("Note for the agencies"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    plan = forms.ModelChoiceField(
        label=_("Plan to publish as a model"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_(
            "A model plan: an approved plan of an agency of the province, or a plan of your own "
            "agency. What it is now is published; its later changes are not."
        ),
    )
    rows = forms.CharField(
        label=_("Rows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace"}),
        help_text=_(
            "A question bank: one question a line, “clause | question”, e.g. “7.5.3 | Tài liệu "
            "có được kiểm soát trước khi ban hành không?”. A document list: one document a line, "
            "“code | title | kind”, e.g. “QT-01 | Quy trình kiểm soát tài liệu | Quy trình” (no "
            "kind: read from the code). Columns copied from a spreadsheet work too."
        ),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = (
            Plan.objects.filter(
                Q(
                    organization__province=organization.province,
                    organization__is_active=True,
                    status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED],
                )
                | Q(organization=organization)
            )
            .select_related("organization")
            .order_by("-year", "organization__name", "-version")
        )
        self.fields["plan"].label_from_instance = lambda plan: (
            f"{plan.organization.name} — {plan.year} (v{plan.version}, {plan.get_status_display()})"
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == TemplateKind.MODEL_PLAN:
            if not data.get("plan"):
                self.add_error("plan", _("Choose the plan to publish as a model."))
            return data
        parse = parse_questions if kind == TemplateKind.QUESTION_BANK else parse_documents
        try:
            data["parsed"] = parse(data.get("rows", ""))
        except TemplateError as error:
            self.add_error("rows", str(error))
            return data
        if kind and not data["parsed"]:
            self.add_error("rows", _("Write at least one line."))
        return data


class CopyPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the new plan"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1


class CopyDocumentsForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Owner unit of the new entries"),
        queryset=None,
        help_text=_("Each entry can be given its own unit afterwards."),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(
            is_active=True
        ).order_by("order", "name")
