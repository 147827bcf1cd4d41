"""Quality objectives: the sets per year, their objectives and actions, results, the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from isoplan.concurrency import StaleEditError
from isoplan.concurrency_forms import saved_values
from isoplan.history_views import history_page
from isoplan.workflow_views import refused, workflow_action
from plans.choices import PlanStatus, Role
from plans.objectives import services
from plans.objectives.forms import (
    ObjectiveActionFormSet,
    ObjectiveForm,
    ObjectiveResultForm,
    ObjectiveSetCreateForm,
    ObjectiveSetReturnForm,
)
from plans.objectives.history import objective_set_history as objective_set_history_entries
from plans.objectives.models import Objective, ObjectiveResult, ObjectiveSet
from plans.objectives.selectors import achievement_report
from plans.organizations.access import get_object_for_user, has_role, writable_departments
from plans.planning.services.plan import PlanWorkflowError
from plans.planning.timing import explain


def _set_for(request, pk: int, permission: str = "plans.view_objectiveset") -> ObjectiveSet:
    sets = ObjectiveSet.objects.select_related("organization", "department")
    return get_object_for_user(sets, request.user, permission=permission, pk=pk)


def objective_set_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    sets = list(
        ObjectiveSet.objects.filter(organization=organization)
        .select_related("department")
        .order_by("-year", "department__order")
    )
    departments = writable_departments(request.user, organization)
    is_secretary = has_role(request.user, organization, {Role.ISO_SECRETARY})
    can_create = is_secretary or departments.exists()
    form = ObjectiveSetCreateForm(
        request.POST or None, organization=organization, departments=departments
    )
    if not is_secretary:
        form.fields["department"].empty_label = None  # a head writes only their unit's
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            if form.source:
                objective_set = services.objectives_copy(source=form.source, year=data["year"])
            else:
                objective_set = ObjectiveSet.objects.create(
                    organization=organization, department=data["department"], year=data["year"]
                )
            return redirect("plans:objective_set_detail", pk=objective_set.pk)
    waiting = (
        [s for s in sets if s.status == PlanStatus.SUBMITTED]
        if request.user.has_perm("plans.approve_objectiveset", organization)
        else []
    )
    return render(
        request,
        "plans/objectives/objective_set_list.html",
        {"sets": sets, "form": form, "can_create": can_create, "waiting_sets": waiting},
    )


def objective_set_detail(request, pk: int):
    objective_set = _set_for(request, pk)
    report = achievement_report(objective_set, with_actions=True)
    for row in report["rows"]:
        row.missing = [
            services.QUALITY_PROPERTIES[key] for key in services.objective_quality(row.objective)
        ]
        row.actions = [
            (action, explain(action.timing_text, objective_set.year)["summary"])
            for action in row.objective.actions.all()
        ]
        row.can_record = objective_set.status == PlanStatus.APPROVED and request.user.has_perm(
            "plans.record_result", row.objective
        )
    can_change = request.user.has_perm("plans.change_objectiveset", objective_set)
    return render(
        request,
        "plans/objectives/objective_set_detail.html",
        {
            "objective_set": objective_set,
            "report": report,
            "editable": can_change and objective_set.is_editable,
            "actions": services.OBJECTIVE_SET_ACTIONS.available(request.user, objective_set),
            "workflow": services.OBJECTIVE_SET_ACTIONS,
        },
    )


def objective_edit(request, set_pk: int, pk: int | None = None):
    objective_set = _set_for(request, set_pk, "plans.change_objectiveset")
    if not objective_set.is_editable:
        messages.error(request, _("Only draft objectives can be changed."))
        return redirect("plans:objective_set_detail", pk=objective_set.pk)
    objective = None
    if pk is not None:
        objective = get_object_for_user(Objective, request.user, pk=pk, objective_set=objective_set)
    departments = objective_set.organization.departments.filter(is_active=True)
    if objective_set.department_id:
        departments = departments.filter(pk=objective_set.department_id)
    form = ObjectiveForm(request.POST or None, instance=objective, departments=departments)
    actions = ObjectiveActionFormSet(request.POST or None, instance=objective, prefix="actions")
    for action_form in actions:
        action_form.fields["department"].queryset = departments
    conflict = None
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        saved = form.save(commit=False)
        saved.objective_set = objective_set
        if objective is None:
            saved.order = objective_set.objectives.count() + 1

        def save_actions(record):
            actions.instance = record
            actions.save()

        conflict = form.save_versioned(saved, then=save_actions)
        if conflict is None:
            messages.success(request, _("The objective was saved."))
            return redirect("plans:objective_set_detail", pk=objective_set.pk)
    return render(
        request,
        "plans/objectives/objective_form.html",
        {
            "objective_set": objective_set,
            "form": form,
            "actions": actions,
            "objective": objective,
            "conflict": conflict,
        },
    )


def objective_delete(request, set_pk: int, pk: int):
    objective_set = _set_for(request, set_pk, "plans.change_objectiveset")
    objective = get_object_for_user(Objective, request.user, pk=pk, objective_set=objective_set)
    if not objective_set.is_editable:
        raise PermissionDenied
    if request.method == "POST":
        objective.soft_delete()  # kept in the table and its history
        messages.success(request, _("The objective was deleted."))
        return redirect("plans:objective_set_detail", pk=objective_set.pk)
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Delete this objective?"),
            "text": objective.statement,
            "button": _("Delete"),
            "style": "danger",
            "cancel_url": reverse("plans:objective_set_detail", args=[objective_set.pk]),
        },
    )


def objective_set_action(request, pk: int, action: str):
    return workflow_action(request, services.OBJECTIVE_SET_ACTIONS, action, _set_for(request, pk))


def objective_set_return(request, pk: int):
    permission = services.OBJECTIVE_SET_ACTIONS["return"].permission
    objective_set = _set_for(request, pk, permission)
    form = ObjectiveSetReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.objectives_return(
                objective_set=objective_set, user=request.user, comment=form.cleaned_data["comment"]
            )
        except PlanWorkflowError as error:
            refused(request, services.OBJECTIVE_SET_ACTIONS["return"], objective_set, error)
        else:
            messages.success(request, services.OBJECTIVE_SET_ACTIONS["return"].done)
        return redirect("plans:objective_set_detail", pk=objective_set.pk)
    return render(
        request, "plans/plan_return.html", {"plan": objective_set, "form": form, "objectives": True}
    )


def result_edit(request, pk: int, period: str):
    objective = get_object_for_user(
        Objective.objects.select_related("objective_set__organization"), request.user, pk=pk
    )
    if not request.user.has_perm("plans.record_result", objective):
        raise PermissionDenied
    if objective.objective_set.status != PlanStatus.APPROVED:
        messages.error(request, _("Results are entered once the objectives are approved."))
        return redirect("plans:objective_set_detail", pk=objective.objective_set_id)
    labels = {
        p.key: p.label for p in services.periods(objective.frequency, objective.objective_set.year)
    }
    if period not in labels:
        raise Http404
    existing = ObjectiveResult.objects.filter(objective=objective, period_key=period).first()
    form = ObjectiveResultForm(request.POST or None, instance=existing, objective=objective)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.result_record(
                objective=objective,
                period_key=period,
                user=request.user,
                value=data.get("value"),
                done=data.get("done"),
                comment=data["comment"],
                achieved_override=data["achieved_override"],
                override_reason=data["override_reason"],
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.keep_after_conflict(error.current)
            conflict = saved_values(form, error.current)
        else:
            messages.success(request, _("The result was saved."))
            return redirect("plans:objective_set_detail", pk=objective.objective_set_id)
    return render(
        request,
        "plans/objectives/result_form.html",
        {
            "objective": objective,
            "period_label": labels[period],
            "form": form,
            "conflict": conflict,
        },
    )


def objective_report(request, pk: int):
    objective_set = _set_for(request, pk)
    quarter = request.GET.get("quy", "")
    report = achievement_report(
        objective_set, up_to=quarter if quarter in {"1", "2", "3", "4"} else None
    )
    return render(
        request,
        "plans/objectives/objective_report.html",
        {"objective_set": objective_set, "report": report, "quarter": quarter},
    )


def objective_set_history(request, pk: int):
    """Every change of the set, its objectives and their results."""
    objective_set = _set_for(request, pk)
    trail = [(_("Quality objectives"), reverse("plans:objective_set_list"))]
    entries = objective_set_history_entries(objective_set)
    return history_page(request, objective_set, entries, trail=trail)
