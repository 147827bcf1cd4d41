"""The pages of satisfaction surveys: the list, the plan and its questionnaire, the tally, paper
forms, slips and the QR sheet; and the public page people answer on, without logging in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from isoplan.history_views import history_page
from isoplan.security import client_address
from isoplan.workflow_views import workflow_action
from plans.organizations.access import get_object_for_user

from . import history
from .choices import Channel, SurveyStatus
from .forms import QuestionForm, ResponseForm, SurveyForm, TokensForm
from .models import Survey, SurveyQuestion, SurveyResponse, SurveyToken, TemplateQuestion
from .qr import qr_data_uri
from .selectors import comments, survey_tally
from .services import (
    SURVEY_ACTIONS,
    SurveyError,
    has_responses,
    is_collecting,
    question_add,
    question_change,
    question_move,
    question_remove,
    response_change,
    response_submit,
    survey_create,
    template_questions,
    tokens_issue,
)

THROTTLE_GROUP = "survey.public"


def _organization(request, permission: str):
    organization = request.organization
    if organization is None or not request.user.has_perm(permission, organization):
        raise PermissionDenied
    return organization


def survey_list(request):
    organization = _organization(request, "audits.view_survey")
    surveys = Survey.objects.filter(organization=organization)
    return render(
        request,
        "audits/survey/survey_list.html",
        {
            "surveys": Paginator(surveys, 30).get_page(request.GET.get("page")),
            "can_change": request.user.has_perm("audits.change_survey", organization),
        },
    )


def survey_edit(request, pk: int | None = None):
    organization = _organization(request, "audits.change_survey")
    survey = None
    if pk is not None:
        survey = get_object_for_user(Survey, request.user, permission="audits.change_survey", pk=pk)
        if survey.status == SurveyStatus.CLOSED:
            messages.error(request, _("The survey is closed: reopen it to change its plan."))
            return redirect(survey)
    year = timezone.localdate().year
    form = SurveyForm(
        request.POST or None,
        instance=survey,
        organization=organization,
        initial={
            "year": year,
            "title": f"Khảo sát sự hài lòng của người dân, tổ chức năm {year}",
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if survey is None:
            survey_create(
                survey=saved,
                departments=form.cleaned_data["departments"],
                organization=organization,
                user=request.user,
            )
            messages.success(request, _("The survey was planned with the agency's questionnaire."))
            return redirect(saved)
        conflict = form.save_versioned(saved, then=lambda record: form.save_m2m())
        if conflict is None:
            messages.success(request, _("The survey was saved."))
            return redirect(saved)
    return render(
        request,
        "audits/survey/survey_form.html",
        {"form": form, "survey": survey, "conflict": conflict},
    )


def survey_detail(request, pk: int):
    survey = get_object_for_user(
        Survey.objects.select_related("organization"),
        request.user,
        permission="audits.view_survey",
        pk=pk,
    )
    tally = survey_tally(survey)
    pages = Paginator(comments(survey), 20)
    pages.count = tally.comments  # counted by the tally already: no second COUNT query
    return render(
        request,
        "audits/survey/survey_detail.html",
        {
            "survey": survey,
            "tally": tally,
            "comments": pages.get_page(request.GET.get("page")),
            "units": survey.departments.order_by("order", "name"),
            "collecting": is_collecting(survey),
            "can_change": request.user.has_perm("audits.change_survey", survey),
            "can_enter": request.user.has_perm("audits.enter_survey_response", survey)
            and survey.status == SurveyStatus.OPEN,
            "actions": SURVEY_ACTIONS.available(request.user, survey),
            "workflow": SURVEY_ACTIONS,
        },
    )


def survey_action(request, pk: int, action: str):
    survey = get_object_for_user(Survey, request.user, permission="audits.view_survey", pk=pk)
    return workflow_action(request, SURVEY_ACTIONS, action, survey)


def survey_history(request, pk: int):
    survey = get_object_for_user(Survey, request.user, permission="audits.view_survey", pk=pk)
    trail = [(_("Satisfaction surveys"), reverse("audits:survey_list"))]
    return history_page(request, survey, history.survey_history(survey), trail=trail)


# --- the questionnaire ---------------------------------------------------------------------------


def _questions_page(request, *, owner, questions, back, locked_reason: str, template: bool):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_add(owner=owner, **form.cleaned_data)
        except SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The question was added."))
            return redirect(request.path)
    return render(
        request,
        "audits/survey/questions.html",
        {
            "owner": owner,
            "questions": questions,
            "form": form,
            "back": back,
            "locked_reason": locked_reason,
            "template": template,
        },
    )


def survey_questions(request, pk: int):
    survey = get_object_for_user(Survey, request.user, permission="audits.change_survey", pk=pk)
    locked = ""
    if survey.status == SurveyStatus.CLOSED:
        locked = _("The survey is closed: reopen it to change its questionnaire.")
    elif has_responses(survey):
        locked = _(
            "The survey already has responses: changing or removing a question would change "
            "what people answered. Only new questions and the order can change now."
        )
    return _questions_page(
        request,
        owner=survey,
        questions=survey.questions.all(),
        back=survey.get_absolute_url(),
        locked_reason=locked,
        template=False,
    )


def survey_template(request):
    organization = _organization(request, "audits.change_survey")
    return _questions_page(
        request,
        owner=organization,
        questions=template_questions(organization),
        back=reverse("audits:survey_list"),
        locked_reason="",
        template=True,
    )


def _question(request, model, pk: int):
    question = get_object_for_user(model, request.user, permission="audits.change_survey", pk=pk)
    back = (
        reverse("audits:survey_questions", args=[question.survey_id])
        if model is SurveyQuestion
        else reverse("audits:survey_template")
    )
    step = request.POST.get("step", "")
    form = QuestionForm(
        request.POST if step == "change" else None,
        initial={"kind": question.kind, "text": question.text, "required": question.required},
    )
    if request.method == "POST":
        try:
            if step in ("up", "down"):
                question_move(question=question, up=step == "up")
                return redirect(back)
            if step == "remove":
                question_remove(question=question)
                messages.success(request, _("The question was removed."))
                return redirect(back)
            if step == "change" and form.is_valid():
                question_change(question=question, **form.cleaned_data)
                messages.success(request, _("The question was saved."))
                return redirect(back)
        except SurveyError as error:
            messages.error(request, str(error))
            return redirect(back)
    return render(
        request,
        "audits/survey/question_form.html",
        {"question": question, "form": form, "back": back},
    )


def survey_question(request, pk: int):
    return _question(request, SurveyQuestion, pk)


def template_question(request, pk: int):
    return _question(request, TemplateQuestion, pk)


# --- collecting ----------------------------------------------------------------------------------


def survey_paper(request, pk: int):
    """Staff type in a paper form, as it was filled in."""
    survey = get_object_for_user(
        Survey, request.user, permission="audits.enter_survey_response", pk=pk
    )
    questions = list(survey.questions.all())
    form = ResponseForm(request.POST or None, survey=survey, questions=questions, paper=True)
    if request.method == "POST" and form.is_valid():
        try:
            response_submit(
                survey=survey,
                answers=form.answers(),
                channel=Channel.PAPER,
                submitted_on=form.cleaned_data["submitted_on"],
                department=form.cleaned_data.get("department"),
                procedure=form.cleaned_data.get("procedure", ""),
                token=form.cleaned_data.get("token", ""),
                user=request.user,
            )
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The paper form was entered. Next form:"))
            return redirect("audits:survey_paper", pk=survey.pk)
    # The forms typed in so far, to correct one: the person's own, every one for the secretary.
    typed = survey.responses.filter(channel=Channel.PAPER).select_related("department")
    if not request.user.has_perm("audits.change_survey", survey):
        typed = typed.filter(entered_by=request.user)
    return render(
        request,
        "audits/survey/paper_form.html",
        {
            "survey": survey,
            "form": form,
            "entered": survey.responses.filter(entered_by=request.user).count(),
            "typed": Paginator(typed.order_by("-pk"), 20).get_page(request.GET.get("page")),
        },
    )


def _initial(response: SurveyResponse) -> dict:
    """The form as it was typed in: its date, unit, procedure and answers."""
    initial = {
        "submitted_on": response.submitted_on,
        "department": response.department_id,
        "procedure": response.procedure,
    }
    for answer in response.answers.all():
        value = answer.score if answer.score is not None else answer.text
        initial[f"q{answer.question_id}"] = value
    return initial


def survey_response_edit(request, pk: int):
    """Correct a form typed in from paper (who typed it in, or the secretary)."""
    response = get_object_for_user(
        SurveyResponse.objects.select_related("survey", "token"),
        request.user,
        permission="audits.change_surveyresponse",
        pk=pk,
    )
    survey = response.survey
    form = ResponseForm(
        request.POST or None,
        survey=survey,
        questions=list(survey.questions.all()),
        paper=True,
        initial=_initial(response),
    )
    del form.fields["token"]  # a slip's code is used once: the form keeps the one it had
    if request.method == "POST" and form.is_valid():
        try:
            response_change(
                response=response,
                answers=form.answers(),
                submitted_on=form.cleaned_data["submitted_on"],
                department=form.cleaned_data.get("department"),
                procedure=form.cleaned_data.get("procedure", ""),
                user=request.user,
            )
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The paper form was corrected."))
            return redirect("audits:survey_paper", pk=survey.pk)
    return render(
        request,
        "audits/survey/response_form.html",
        {"survey": survey, "response": response, "form": form},
    )


def survey_response_history(request, pk: int):
    response = get_object_for_user(
        SurveyResponse.objects.select_related("survey"),
        request.user,
        permission="audits.change_surveyresponse",
        pk=pk,
    )
    survey = response.survey
    trail = [
        (_("Satisfaction surveys"), reverse("audits:survey_list")),
        (str(survey), survey.get_absolute_url()),
    ]
    return history_page(
        request,
        response,
        history.response_history(response),
        trail=trail,
        url=reverse("audits:survey_response_edit", args=[response.pk]),
    )


def survey_tokens(request, pk: int):
    """Printable slips, each with its own code and QR code: one response per slip."""
    survey = get_object_for_user(Survey, request.user, permission="audits.change_survey", pk=pk)
    form = TokensForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tokens_issue(survey=survey, count=form.cleaned_data["count"])
        except SurveyError as error:
            messages.error(request, str(error))
        else:
            return redirect("audits:survey_tokens", pk=survey.pk)
    unused = Paginator(
        SurveyToken.objects.filter(survey=survey, used_at=None).order_by("-pk"), 40
    ).get_page(request.GET.get("page"))
    base = settings.SITE_URL.rstrip("/") + survey.public_path()
    slips = [(token, f"{base}?ma={token.code}") for token in unused]
    return render(
        request,
        "audits/survey/tokens.html",
        {
            "survey": survey,
            "form": form,
            "page": unused,
            "slips": [(token, url, qr_data_uri(url, scale=3)) for token, url in slips],
            "used": SurveyToken.objects.filter(survey=survey).exclude(used_at=None).count(),
        },
    )


def survey_qr(request, pk: int):
    """The sheet for the one-stop desk: the survey's name, its QR code and its address."""
    survey = get_object_for_user(
        Survey.objects.select_related("organization"),
        request.user,
        permission="audits.view_survey",
        pk=pk,
    )
    url = settings.SITE_URL.rstrip("/") + survey.public_path()
    return render(
        request,
        "audits/survey/qr_sheet.html",
        {"survey": survey, "url": url, "qr": qr_data_uri(url, scale=10)},
    )


def _throttled(request) -> bool:
    """Count one submission from this address; True when it is over the rate. Per address, not
    per survey: one desk's tablet takes many people's forms, a robot many surveys'."""
    usage = get_usage(
        request,
        group=THROTTLE_GROUP,
        key=lambda group, request: client_address(request) or "-",
        rate=settings.SURVEY_RATE_PER_ADDRESS,
        increment=True,
    )
    return usage is not None and usage["should_limit"]


@login_not_required  # citizens answer without an account: the unguessable address is the key
def survey_public(request, token: str):
    survey = get_object_or_404(
        Survey.objects.select_related("organization"),
        public_key=token,
        organization__is_active=True,
    )
    collecting = is_collecting(survey)
    questions = list(survey.questions.all()) if collecting else []
    code = request.GET.get("ma", "")[:12]
    form = ResponseForm(
        request.POST or None, survey=survey, questions=questions, initial={"token": code}
    )
    status, refusal = 200, ""
    if request.method == "POST":
        if not collecting:
            status, refusal = 403, _("This survey is not collecting responses.")
        elif _throttled(request):
            status = 429
            refusal = _("Too many forms were sent from this address. Please try again later.")
        elif form.is_valid():
            if form.is_robot():  # said to be received, never recorded
                return redirect(reverse("audits:survey_public", args=[token]) + "?da-gui=1")
            try:
                response_submit(
                    survey=survey,
                    answers=form.answers(),
                    channel=Channel.ONLINE,
                    department=form.cleaned_data.get("department"),
                    procedure=form.cleaned_data.get("procedure", ""),
                    token=form.cleaned_data.get("token", ""),
                )
            except SurveyError as error:
                status, refusal = 409, str(error)
            else:
                return redirect(reverse("audits:survey_public", args=[token]) + "?da-gui=1")
    elif code and not SurveyToken.objects.filter(survey=survey, code=code, used_at=None).exists():
        refusal = _("This slip's code was already used or does not exist.")
    return render(
        request,
        "audits/survey/public.html",
        {
            "survey": survey,
            "form": form,
            "collecting": collecting,
            "refusal": refusal,
            "thanks": "da-gui" in request.GET and request.method == "GET",
        },
        status=status,
    )
