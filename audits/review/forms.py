"""The forms of management reviews: the notice, inputs, decisions, minutes, satisfaction surveys."""

from django import forms
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput, TimeField

from .choices import OutputKind, ReviewTopic
from .models import ManagementReview, SatisfactionSurvey


def _members_of(organization):
    from plans.models import User

    return (
        User.objects.filter(memberships__organization=organization, is_active=True)
        .distinct()
        .order_by("full_name")
    )


DATE = DatePickerInput()


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
            "participants": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"starts_at": TimeField}

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
        }
        field_classes = {"ends_at": TimeField}

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
