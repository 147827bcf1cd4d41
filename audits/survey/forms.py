"""The forms of satisfaction surveys: the survey's plan, a question, the respondent's form (the
public page and the paper form share it), slips to print."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isoplan.concurrency_forms import VersionedFormMixin
from isoplan.dates import DatePickerInput
from plans.models import Department

from .choices import SCALE, QuestionKind
from .models import TEXT_ANSWER_MAX, Survey, SurveyQuestion
from .services import MAX_TOKENS

DATE = DatePickerInput()


class SurveyForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "year",
            "period_start",
            "period_end",
            "method",
            "target_responses",
            "departments",
            "procedures",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "departments": forms.CheckboxSelectMultiple,
            "procedures": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(
            organization=organization
        ).order_by("order", "name")
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100

    def clean(self):
        cleaned = super().clean()
        start, end, year = (cleaned.get(k) for k in ("period_start", "period_end", "year"))
        if start and end and start > end:
            self.add_error("period_end", _("The end of the period is before its start."))
        elif end and year and end.year != year:
            self.add_error("period_end", _("The survey's period ends in its year."))
        return cleaned


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=500)
    required = forms.BooleanField(
        label=_("Answer required"), required=False, help_text=_("The form is refused without it.")
    )


class TokensForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of slips"), min_value=1, max_value=MAX_TOKENS, initial=20
    )


class ResponseForm(forms.Form):
    """One respondent's answers. ``paper``: the staff's form also asks the form's date."""

    # A field people never see (hidden by the stylesheet, skipped by screen readers and the tab
    # key); a robot filling every field fills it too.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))

    def __init__(self, *args, survey: Survey, questions: list[SurveyQuestion], paper=False, **kw):
        super().__init__(*args, **kw)
        self.survey, self.questions = survey, questions
        units = list(survey.departments.order_by("order", "name"))
        if units:
            self.fields["department"] = forms.ModelChoiceField(
                label=_("The unit that served you"),
                queryset=survey.departments.order_by("order", "name"),
                required=False,
                empty_label=_("— choose —"),
            )
        procedures = survey.procedure_list()
        if procedures:
            self.fields["procedure"] = forms.ChoiceField(
                label=_("The procedure you came for"),
                choices=[("", _("— choose —")), *((p, p) for p in procedures)],
                required=False,
            )
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=SCALE,
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    required=question.required,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=TEXT_ANSWER_MAX,
                    required=question.required,
                )
        if paper:
            self.fields["submitted_on"] = forms.DateField(
                label=_("Date of the form"), widget=DATE, initial=timezone.localdate
            )
            self.fields["token"] = forms.CharField(
                label=_("Slip code"),
                max_length=12,
                required=False,
                help_text=_("If the form was a printed slip with a code."),
            )
        else:
            self.fields["token"] = forms.CharField(
                required=False, max_length=12, widget=forms.HiddenInput
            )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def question_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions]
