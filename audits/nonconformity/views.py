"""The nonconformity register: list with ageing, record, analyse, act, verify, reopen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from isoplan.concurrency import StaleEditError
from isoplan.concurrency_forms import saved_values
from isoplan.history_views import history_page
from plans.choices import LEADERSHIP_ROLES, Role
from plans.organizations.access import get_object_for_user, has_role, headed_department_ids

from . import history, services
from .choices import NonconformitySource, NonconformityStatus
from .forms import (
    AnalysisForm,
    CorrectiveActionForm,
    NonconformityForm,
    ReopenForm,
    VerificationForm,
)
from .models import Nonconformity


def _register(request, organization):
    """The whole register for the secretary, the leadership and auditors; a unit's for others."""
    items = Nonconformity.objects.filter(organization=organization)
    if has_role(request.user, organization, {Role.ISO_SECRETARY, Role.AUDITOR, *LEADERSHIP_ROLES}):
        return items
    return items.filter(department__in=headed_department_ids(request.user, organization))


def nonconformity_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    items = _register(request, organization).select_related("department")
    status = request.GET.get("status", "")
    if status in NonconformityStatus.values:
        items = items.filter(status=status)
    source = request.GET.get("source", "")
    if source in NonconformitySource.values:
        items = items.filter(source=source)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    can_add = request.user.has_perm("audits.add_nonconformity", organization)
    form = NonconformityForm(request.POST or None, organization=organization)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            nonconformity = services.nonconformity_register(
                organization=organization, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("%(code)s was recorded.") % {"code": nonconformity.code})
            return redirect(nonconformity)
    return render(
        request,
        "audits/nonconformity/nonconformity_list.html",
        {
            "page": page,
            "query": urlencode({"status": status, "source": source}) + "&",
            "status": status,
            "source": source,
            "statuses": NonconformityStatus.choices,
            "sources": NonconformitySource.choices,
            "form": form,
            "can_add": can_add,
            "ageing": services.register_ageing(organization, timezone.localdate())
            if has_role(request.user, organization, {Role.ISO_SECRETARY, *LEADERSHIP_ROLES})
            else None,
        },
    )


def nonconformity_detail(request, pk: int):
    nonconformity = get_object_for_user(
        Nonconformity.objects.select_related("department", "organization"),
        request.user,
        permission="audits.view_nonconformity",
        pk=pk,
    )
    organization = nonconformity.organization
    workflow = services.NONCONFORMITY_ACTIONS
    step = request.POST.get("step")
    analysis = AnalysisForm(
        request.POST if step == "analyse" else None,
        initial={"correction": nonconformity.correction, "root_cause": nonconformity.root_cause},
        version=nonconformity.lock_version,
    )
    action_form = CorrectiveActionForm(
        request.POST if step == "action" else None,
        organization=organization,
        initial={"department": nonconformity.department_id},
    )
    verification = VerificationForm(request.POST if step == "verify" else None)
    conflict = None
    if request.method == "POST":
        if step not in workflow or not workflow.may(request.user, step, nonconformity):
            raise PermissionDenied
        try:
            done = _post(request, nonconformity, step, analysis, action_form, verification)
        except services.NonconformityError as error:
            messages.error(request, str(error))
            done = True
        except StaleEditError as error:  # someone saved another analysis meanwhile
            analysis.keep_after_conflict(error.current)
            conflict = saved_values(analysis, error.current)
            done = False
        if done:
            return redirect(nonconformity)
    return render(
        request,
        "audits/nonconformity/nonconformity_detail.html",
        {
            "nonconformity": nonconformity,
            "actions": nonconformity.actions.select_related("department", "work_item"),
            "analysis": analysis,
            "conflict": conflict,
            "action_form": action_form,
            "verification": verification,
            "verifications": nonconformity.verifications.select_related(
                "verified_by", "overturned_by"
            ),
            "steps": workflow.available(request.user, nonconformity),
            "workflow": workflow,
        },
    )


def nonconformity_reopen(request, pk: int):
    """Reopen a closed nonconformity, saying why: the verification that closed it is
    overturned."""
    workflow = services.NONCONFORMITY_ACTIONS
    nonconformity = get_object_for_user(
        Nonconformity, request.user, permission=workflow["reopen"].permission, pk=pk
    )
    if "reopen" not in workflow.available(request.user, nonconformity):
        messages.error(request, workflow["reopen"].refused)
        return redirect(nonconformity)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nonconformity_reopen(
                nonconformity=nonconformity, reason=form.cleaned_data["reason"], user=request.user
            )
        except services.NonconformityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The nonconformity was reopened for new actions."))
        return redirect(nonconformity)
    return render(
        request,
        "audits/nonconformity/nonconformity_reopen.html",
        {"nonconformity": nonconformity, "form": form, "workflow": workflow},
    )


def _post(request, nonconformity, step, analysis, action_form, verification) -> bool:
    """Carry out one step; False when its form has errors (the page shows them)."""
    if step == "analyse" and analysis.is_valid():
        services.nonconformity_analyse(
            nonconformity=nonconformity,
            user=request.user,
            correction=analysis.cleaned_data["correction"],
            root_cause=analysis.cleaned_data["root_cause"],
            expected_version=analysis.expected_version,
        )
        messages.success(request, _("The analysis was saved."))
        return True
    if step == "action" and action_form.is_valid():
        services.corrective_action_add(
            nonconformity=nonconformity, user=request.user, **action_form.cleaned_data
        )
        messages.success(
            request, _("The action was added; it is on the unit's work with reminders.")
        )
        return True
    if step == "start":
        services.nonconformity_start_actions(nonconformity=nonconformity, user=request.user)
        messages.success(request, _("The corrective actions are under way."))
        return True
    if step == "verify" and verification.is_valid():
        data = verification.cleaned_data
        services.nonconformity_verify(
            nonconformity=nonconformity,
            effective=data["effective"],
            note=data["note"],
            user=request.user,
        )
        messages.success(
            request,
            _("The nonconformity was closed.")
            if data["effective"]
            else _("New actions are needed."),
        )
        return True
    return False


def nonconformity_history(request, pk: int):
    """Every change of the nonconformity, its corrective actions and their work."""
    nonconformity = get_object_for_user(
        Nonconformity, request.user, permission="audits.view_nonconformity", pk=pk
    )
    trail = [(_("Nonconformity register"), reverse("audits:nonconformity_list"))]
    entries = history.nonconformity_history(nonconformity)
    return history_page(request, nonconformity, entries, trail=trail, label=nonconformity.code)
