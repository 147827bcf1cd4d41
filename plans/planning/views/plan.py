"""Plan pages: list, create, read (the document), edit the document parts, workflow actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.concurrency import StaleEditError, save_if_unchanged
from isoplan.history_views import history_page
from isoplan.workflow_views import refused, workflow_action
from plans.choices import ImportStatus, PlanStatus
from plans.models import Plan
from plans.organizations.access import get_object_for_user
from plans.planning.chains import chains_label
from plans.planning.forms.plan import (
    PlanCreateForm,
    PlanDutyFormSet,
    PlanLayoutForm,
    PlanReturnForm,
)
from plans.planning.forms.task import TaskForm
from plans.planning.history import plan_history as plan_history_entries
from plans.planning.layout import plan_layout
from plans.planning.selectors import (
    plan_list_offers,
    plan_progress,
    plan_tasks,
    responsibility_gaps,
    schedule_gaps,
)
from plans.planning.services import plan as plan_services
from plans.planning.services.plan import PLAN_ACTIONS


def _plan_for(request, pk: int, permission: str = "plans.view_plan") -> Plan:
    plans = Plan.objects.select_related("organization")
    return get_object_for_user(plans, request.user, permission=permission, pk=pk)


def plan_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    plans = list(Plan.objects.filter(organization=organization).order_by("-year", "-version"))
    waiting = [p for p in plans if p.status == PlanStatus.SUBMITTED]
    return render(
        request,
        "plans/planning/plan_list.html",
        {
            "plans": plans,
            "waiting": waiting if request.user.has_perm("plans.approve_plan", organization) else [],
            "can_create": request.user.has_perm("plans.add_plan", organization),
            "offers": plan_list_offers(request.user, organization),
        },
    )


def plan_create(request):
    organization = request.organization
    if organization is None or not request.user.has_perm("plans.add_plan", organization):
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        plan = plan_services.plan_create(
            organization=organization, year=form.cleaned_data["year"], copy_from=form.source
        )
        if form.source:
            messages.success(
                request,
                _("The plan for %(year)s was copied from %(source)s. Check every date.")
                % {"year": plan.year, "source": form.source},
            )
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/planning/plan_create.html", {"form": form})


def plan_detail(request, pk: int):
    plan = _plan_for(request, pk)
    actions = PLAN_ACTIONS.available(request.user, plan)
    tasks = list(plan_tasks(plan))
    chains_label(tasks)
    context = {
        "plan": plan,
        "tasks": tasks,
        "doc": plan_layout(plan, tasks, list(plan.duties.all())),
        "actions": actions,
        "workflow": PLAN_ACTIONS,
        "editable": "edit" in actions,
        "transitions": list(plan.transitions.select_related("actor")),
        "other_versions": Plan.objects.filter(organization=plan.organization_id, year=plan.year)
        .exclude(pk=plan.pk)
        .order_by("-version"),
    }
    if context["editable"]:
        context["new_task_form"] = TaskForm(plan=plan)
        context["imports"] = (
            plan.imports.filter(status=ImportStatus.IMPORTED)
            .select_related("created_by")
            .annotate(task_count=Count("tasks"))
        )
    if plan.status in {PlanStatus.APPROVED, PlanStatus.CLOSED, PlanStatus.SUPERSEDED}:
        progress = plan_progress(plan, timezone.localdate())
        context["progress_units"] = progress["by_unit"]
        context["progress_tasks"] = [(task, progress["by_task"].get(task.pk)) for task in tasks]
        context["can_change_completion"] = plan.status == PlanStatus.APPROVED and (
            request.user.has_perm("plans.change_plan", plan)
        )
    return render(request, "plans/planning/plan_detail.html", context)


def plan_edit(request, pk: int):
    plan = _plan_for(request, pk, PLAN_ACTIONS["edit"].permission)
    if not plan.is_editable:
        messages.error(request, _("Only a draft plan can be changed. Start a revision instead."))
        return redirect("plans:plan_detail", pk=plan.pk)
    form = PlanLayoutForm(request.POST or None, instance=plan)
    duties = PlanDutyFormSet(request.POST or None, instance=plan, prefix="duties")
    conflict = None
    if request.method == "POST" and form.is_valid() and duties.is_valid():
        try:
            with transaction.atomic():
                save_if_unchanged(form.save(commit=False), expected_version=form.expected_version)
                duties.save()
        except StaleEditError as error:
            conflict = error.current
            form.keep_after_conflict(conflict)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/planning/plan_edit.html",
        {"plan": plan, "form": form, "duties": duties, "conflict": conflict},
    )


def plan_action(request, pk: int, action: str):
    """Confirmation page (GET) and the action itself (POST) for the simple transitions. Submit
    and approve first show the tasks nobody would answer for, the units without a head and the
    tasks without a schedule (approval is refused while there are any: ``plan_approve``)."""
    plan = _plan_for(request, pk)
    warnings = None
    if action in {"submit", "approve"}:

        def warnings():
            return {
                "gaps": responsibility_gaps(plan),
                "unscheduled": schedule_gaps(plan),
                "may_edit_tasks": plan.is_editable
                and request.user.has_perm("plans.change_plan", plan),
            }

    return workflow_action(
        request,
        PLAN_ACTIONS,
        action,
        plan,
        template="plans/planning/plan_confirm.html",
        warnings=warnings,
    )


def plan_return(request, pk: int):
    plan = _plan_for(request, pk, PLAN_ACTIONS["return"].permission)
    form = PlanReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_return(
                plan=plan, user=request.user, comment=form.cleaned_data["comment"]
            )
        except plan_services.PlanWorkflowError as error:
            refused(request, PLAN_ACTIONS["return"], plan, error)
        else:
            messages.success(request, PLAN_ACTIONS["return"].done)
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_return.html", {"plan": plan, "form": form})


def plan_history(request, pk: int):
    plan = _plan_for(request, pk)
    trail = [(_("Plans"), reverse("plans:plan_list"))]
    return history_page(request, plan, plan_history_entries(plan), trail=trail)
