from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.choices import FindingResult, OutputKind, ReviewTopic
from audits.clauses import clause_choices
from audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    ManagementReview,
    Nonconformity,
    SatisfactionSurvey,
)
from audits.services.audit import own_unit_auditors
from isoplan.concurrency_forms import VersionedFormMixin
from plans.choices import Role


class NonconformityForm(forms.ModelForm):
    class Meta:
        model = Nonconformity
        fields = ["source", "severity", "department", "found_on", "clause", "description"]
        widgets = {
            "found_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)
        self.fields["found_on"].initial = timezone.localdate()

    def clean_found_on(self):
        found_on = self.cleaned_data["found_on"]
        if found_on > timezone.localdate():
            raise forms.ValidationError(_("A nonconformity cannot be found in the future."))
        return found_on


class AnalysisForm(VersionedFormMixin, forms.Form):
    correction = forms.CharField(
        label=_("Immediate correction"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrectiveActionForm(forms.Form):
    action = forms.CharField(label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None)
    due_on = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)


class VerificationForm(forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Were the actions effective?"),
        choices=[
            ("yes", _("Yes: close the nonconformity")),
            ("no", _("No: new actions are needed")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("What was checked"), widget=forms.Textarea(attrs={"rows": 3}))


class AuditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Audit
        fields = [
            "title",
            "year",
            "units",
            "processes",
            "criteria",
            "lead_auditor",
            "team",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "team": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "processes": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        people = auditors_of(organization)
        self.fields["units"].queryset = organization.departments.filter(is_active=True)
        self.fields["lead_auditor"].queryset = people
        self.fields["team"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("starts_on")
            and cleaned.get("ends_on")
            and cleaned["ends_on"] < cleaned["starts_on"]
        ):
            self.add_error("ends_on", _("The audit cannot end before it starts."))
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = AuditSession
        fields = ["department", "date", "starts_at", "ends_at", "auditors", "auditees"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "auditors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = audit.units.all()
        self.fields["auditors"].queryset = auditors_of(audit.organization)

    def clean(self):
        cleaned = super().clean()
        department, auditors = cleaned.get("department"), cleaned.get("auditors")
        if department and auditors:
            own = own_unit_auditors(auditors, department)
            if own:
                self.add_error(
                    "auditors",
                    _("%(names)s may not audit their own unit.")
                    % {"names": ", ".join(user.get_full_name() for user in own)},
                )
        return cleaned


class FindingForm(forms.Form):
    clause = forms.ChoiceField(label=_("Clause"), choices=clause_choices())
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    result = forms.ChoiceField(label=_("Result"), choices=FindingResult.choices)
    evidence = forms.CharField(
        label=_("Evidence seen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FinishForm(forms.Form):
    finished_on = forms.DateField(
        label=_("Finished on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    conclusions = forms.CharField(label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 4}))


def auditors_of(organization):
    """The people who may audit: the organization's auditors and its ISO secretary."""
    from plans.models import User

    return (
        User.objects.filter(
            memberships__organization=organization,
            memberships__role__in=[Role.AUDITOR, Role.ISO_SECRETARY],
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


class AuditProgrammeForm(forms.ModelForm):
    class Meta:
        model = AuditProgramme
        fields = ["year", "objectives", "scope"]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = AuditProgramme.objects.filter(organization=self.organization, year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("There is already a programme for %(year)s.") % {"year": year}
            )
        return year


def _members_of(organization):
    from plans.models import User

    return (
        User.objects.filter(memberships__organization=organization, is_active=True)
        .distinct()
        .order_by("full_name")
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ReviewForm(VersionedFormMixin, forms.ModelForm):
    """The meeting as the notice announces it."""

    class Meta:
        model = ManagementReview
        fields = [
            "title",
            "year",
            "period_start",
            "period_end",
            "meeting_on",
            "starts_at",
            "place",
            "chair",
            "participants",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "meeting_on": DATE,
            "starts_at": TIME,
            "participants": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = _members_of(organization)
        # The model's "from / to" serve surveys too; here they are the period under review.
        self.fields["period_start"].label = _("Period reviewed: from")
        self.fields["period_end"].label = _("Period reviewed: to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class MinutesForm(forms.ModelForm):
    class Meta:
        model = ManagementReview
        fields = ["minutes_secretary", "attendees", "content", "ends_at"]
        widgets = {
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 8}),
            "ends_at": TIME,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes_secretary"].queryset = _members_of(self.instance.organization)


class ReviewInputsForm(forms.Form):
    """One text per input of clause 9.3.2, complementing the figures from the data."""

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        saved = dict(review.inputs.values_list("topic", "text"))
        for topic, label in ReviewTopic.choices:
            self.fields[topic] = forms.CharField(
                label=label,
                required=False,
                initial=saved.get(topic, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class ReviewOutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=None,
        required=False,
        help_text=_("With a unit and a due date the decision becomes the unit's work item."),
    )
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organization.departments.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("department")) != bool(cleaned.get("due_on")):
            raise forms.ValidationError(
                _("An action needs both a responsible unit and a due date.")
            )
        return cleaned


class SatisfactionSurveyForm(forms.ModelForm):
    class Meta:
        model = SatisfactionSurvey
        fields = [
            "period_start",
            "period_end",
            "method",
            "responses",
            "satisfied_percent",
            "feedback",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "feedback": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_satisfied_percent(self):
        share = self.cleaned_data["satisfied_percent"]
        if not 0 <= share <= 100:
            raise forms.ValidationError(_("Enter a share between 0 and 100."))
        return share
