"""Management review: scheduling and notice, inputs, decisions, holding, minutes and approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.history_views import history_page
from isoplan.workflow_views import workflow_action
from plans.organizations.access import get_object_for_user

from . import history
from .choices import ReviewStatus, ReviewTopic
from .forms import (
    MinutesForm,
    ReviewForm,
    ReviewInputsForm,
    ReviewOutputForm,
    SatisfactionSurveyForm,
)
from .models import ManagementReview, ReviewInput, SatisfactionSurvey
from .services import (
    REVIEW_ACTIONS,
    ReviewError,
    review_facts,
    review_output_add,
    survey_record,
)


def review_list(request):
    """The reviews of the agency, and its satisfaction surveys (an input of every review)."""
    organization = request.organization
    if organization is None:
        raise Http404
    can_change = request.user.has_perm("audits.change_managementreview", organization)
    form = SatisfactionSurveyForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            survey = form.save(commit=False)
            survey_record(survey=survey, organization=organization, user=request.user)
            messages.success(request, _("The survey was recorded."))
            return redirect("audits:review_list")
    reviews = ManagementReview.objects.filter(organization=organization).select_related("chair")
    surveys = SatisfactionSurvey.objects.filter(organization=organization)
    return render(
        request,
        "audits/review/review_list.html",
        {
            "reviews": Paginator(reviews, 30).get_page(request.GET.get("page")),
            "surveys": surveys[:10],
            "form": form,
            "can_change": can_change,
        },
    )


def review_edit(request, pk: int | None = None):
    organization = request.organization
    if organization is None or not request.user.has_perm(
        "audits.change_managementreview", organization
    ):
        raise PermissionDenied
    review = None
    if pk is not None:
        review = get_object_for_user(
            ManagementReview, request.user, permission="audits.change_managementreview", pk=pk
        )
        if review.status != ReviewStatus.PLANNED:
            messages.error(request, _("The review was held: its notice can no longer change."))
            return redirect(review)
    year = timezone.localdate().year
    form = ReviewForm(
        request.POST or None,
        instance=review,
        organization=organization,
        initial={"year": year, "title": f"Họp xem xét của Lãnh đạo năm {year}"},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organization = organization
        conflict = form.save_versioned(saved)
        if conflict is None:
            messages.success(request, _("The review was scheduled."))
            return redirect(saved)
    return render(
        request,
        "audits/review/review_form.html",
        {"form": form, "review": review, "conflict": conflict},
    )


def _save_inputs(review: ManagementReview, cleaned: dict) -> None:
    with transaction.atomic():
        for topic in ReviewTopic.values:
            ReviewInput.objects.update_or_create(
                review=review, topic=topic, defaults={"text": cleaned[topic].strip()}
            )


def review_detail(request, pk: int):
    review = get_object_for_user(
        ManagementReview.objects.select_related(
            "organization", "chair", "minutes_secretary", "approved_by"
        ),
        request.user,
        permission="audits.view_managementreview",
        pk=pk,
    )
    can_change = (
        request.user.has_perm("audits.change_managementreview", review)
        and review.status != ReviewStatus.APPROVED
    )
    step = request.POST.get("step")
    forms = {
        "inputs": ReviewInputsForm(request.POST if step == "inputs" else None, review=review),
        "output": ReviewOutputForm(
            request.POST if step == "output" else None, organization=review.organization
        ),
        "minutes": MinutesForm(request.POST if step == "minutes" else None, instance=review),
    }
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = forms.get(step)
        if form is not None and form.is_valid():
            if step == "inputs":
                _save_inputs(review, form.cleaned_data)
                messages.success(request, _("The inputs were saved."))
            elif step == "minutes":
                form.save()
                messages.success(request, _("The minutes were saved."))
            else:
                try:
                    review_output_add(review=review, user=request.user, **form.cleaned_data)
                except ReviewError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("The decision was added."))
            return redirect(review)
    facts = review_facts(review)
    texts = dict(review.inputs.values_list("topic", "text"))
    return render(
        request,
        "audits/review/review_detail.html",
        {
            "review": review,
            "facts": facts,
            "inputs": [
                (topic, label, texts.get(topic, "")) for topic, label in ReviewTopic.choices
            ],
            "outputs": review.outputs.select_related("department", "work_item"),
            "forms": forms,
            "can_change": can_change,
            "actions": REVIEW_ACTIONS.available(request.user, review),
            "workflow": REVIEW_ACTIONS,
        },
    )


def review_action(request, pk: int, action: str):
    """Hold the review or approve its minutes, after a confirmation page."""
    review = get_object_for_user(
        ManagementReview, request.user, permission="audits.view_managementreview", pk=pk
    )
    return workflow_action(request, REVIEW_ACTIONS, action, review)


def review_history(request, pk: int):
    """Every change of the notice, the minutes, the inputs, the decisions and their work."""
    review = get_object_for_user(
        ManagementReview, request.user, permission="audits.view_managementreview", pk=pk
    )
    trail = [(_("Management reviews"), reverse("audits:review_list"))]
    return history_page(request, review, history.review_history(review), trail=trail)
