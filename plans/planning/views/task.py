"""Rows of the task table, edited in place with htmx and, without JavaScript, as plain pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isoplan.concurrency import StaleEditError
from plans.choices import PlanStatus
from plans.models import Plan, PlanTask
from plans.organizations.access import get_object_for_user
from plans.planning.forms.task import FulfilmentForm, TaskForm
from plans.planning.layout import columns_for
from plans.planning.selectors import plan_tasks, tasks_with_units
from plans.planning.services.plan import PlanWorkflowError
from plans.planning.services.task import (
    task_create,
    task_delete,
    task_fulfilment_set,
    task_move,
    task_no_deadline,
    task_update,
)
from plans.planning.timing import explain, load_calendar


def _task_for(request, pk: int) -> PlanTask:
    tasks = tasks_with_units(PlanTask.objects.select_related("plan__organization"))
    task = get_object_for_user(tasks, request.user, pk=pk)
    if not request.user.has_perm("plans.change_plan", task.plan):  # the plan's permission
        raise PermissionDenied
    return task


def _plan_url(plan: Plan, task: PlanTask | None = None) -> str:
    url = reverse("plans:plan_detail", kwargs={"pk": plan.pk})
    return f"{url}#task-{task.pk}" if task else f"{url}#tasks"


def _table(request, plan: Plan):
    """The task table body, re-rendered after a row is added, moved or deleted."""
    return render(
        request,
        "plans/planning/_task_rows.html",
        {"plan": plan, "tasks": plan_tasks(plan), "editable": True, "columns": _columns(plan)},
    )


def _columns(plan: Plan):
    return columns_for(plan.table_layout, plan.table_labels)


def _refuse_locked(request, plan: Plan, error: PlanWorkflowError):
    messages.error(request, str(error))
    if request.htmx:
        response = render(request, "plans/_messages.html")
        response["HX-Redirect"] = _plan_url(plan)
        return response
    return redirect(_plan_url(plan))


def task_create_view(request, plan_pk: int):
    plan = get_object_for_user(
        Plan.objects.select_related("organization"), request.user, pk=plan_pk
    )
    if not request.user.has_perm("plans.change_plan", plan):
        raise PermissionDenied
    form = TaskForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            task = task_create(plan=plan, data=form.task_data())
        except PlanWorkflowError as error:
            return _refuse_locked(request, plan, error)
        if request.htmx:
            response = _table(request, plan)
            # A fresh, empty form in place of the one sent (an out-of-band swap: no script,
            # which the content security policy would refuse), open for the next task.
            response.content += render_to_string(
                "plans/planning/_task_new_form.html",
                {"plan": plan, "form": TaskForm(plan=plan), "out_of_band": True},
                request=request,
            ).encode()
            response["HX-Trigger"] = "task-added"
            return response
        messages.success(request, _("Task %(order)s was added.") % {"order": task.order})
        return redirect(_plan_url(plan, task))
    if request.htmx:
        response = render(
            request, "plans/planning/_task_new_form.html", {"plan": plan, "form": form}
        )
        response["HX-Retarget"] = "#new-task"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "plans/planning/task_form.html", {"plan": plan, "form": form})


def task_row(request, pk: int):
    """One row as displayed (htmx "cancel" of an in-place edit)."""
    task = _task_for(request, pk)
    return render(
        request,
        "plans/planning/_task_row.html",
        {"task": task, "editable": True, "columns": _columns(task.plan)},
    )


def task_edit(request, pk: int):
    task = _task_for(request, pk)
    plan = task.plan
    form = TaskForm(request.POST or None, plan=plan, task=task)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            task = task_update(
                task=task,
                data=form.task_data(),
                expected_version=form.expected_version,
            )
        except PlanWorkflowError as error:
            return _refuse_locked(request, plan, error)
        except StaleEditError as error:
            conflict = tasks_with_units(PlanTask.objects.all()).get(pk=error.current.pk)
            form.keep_after_conflict(conflict)
        else:
            if request.htmx:
                fresh = tasks_with_units(PlanTask.objects.all()).get(pk=task.pk)
                return render(
                    request,
                    "plans/planning/_task_row.html",
                    {"task": fresh, "editable": True, "columns": _columns(plan)},
                )
            messages.success(request, _("Task %(order)s was saved.") % {"order": task.order})
            return redirect(_plan_url(plan, task))
    template = (
        "plans/planning/_task_edit_row.html" if request.htmx else "plans/planning/task_form.html"
    )
    return render(
        request,
        template,
        {"plan": plan, "task": task, "form": form, "conflict": conflict, "columns": _columns(plan)},
    )


def task_delete_view(request, pk: int):
    task = _task_for(request, pk)
    plan = task.plan
    if request.method == "POST":
        try:
            task_delete(task=task)
        except PlanWorkflowError as error:
            return _refuse_locked(request, plan, error)
        if request.htmx:
            return _table(request, plan)
        messages.success(request, _("The task was deleted."))
        return redirect(_plan_url(plan))
    return render(request, "plans/planning/task_confirm_delete.html", {"plan": plan, "task": task})


@require_POST
def task_move_view(request, pk: int):
    task = _task_for(request, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        task_move(task=task, offset=offset)
    except PlanWorkflowError as error:
        return _refuse_locked(request, task.plan, error)
    if request.htmx:
        return _table(request, task.plan)
    return redirect(_plan_url(task.plan, task))


def timing_explain(request, plan_pk: int):
    """What the parser understands of the timing text being typed (htmx, under the field)."""
    plan = get_object_for_user(Plan, request.user, pk=plan_pk)
    result = explain(request.GET.get("timing_text", ""), plan.year, load_calendar())
    return render(request, "plans/planning/_timing_summary.html", {"explained": result})


def task_fulfilment(request, pk: int):
    """ "Hoàn thành khi" of one task, changed on an approved plan (the task form does it in a
    draft)."""
    task = _task_for(request, pk)
    form = FulfilmentForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            task_fulfilment_set(task=task, chosen=form.cleaned_data["fulfilled_by"] or None)
        except PlanWorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Task %(order)s: saved.") % {"order": task.order})
        return redirect(reverse("plans:plan_detail", args=[task.plan_id]) + "#progress")
    return render(request, "plans/planning/task_fulfilment.html", {"task": task, "form": form})


# The confirmation page a task with no schedule is listed on: submit while a draft, approve once
# submitted.
_CONFIRM_PAGES = {PlanStatus.DRAFT: "plans:plan_submit", PlanStatus.SUBMITTED: "plans:plan_approve"}


@require_POST
def task_no_deadline_view(request, pk: int):
    """ "Không có hạn (theo yêu cầu)", confirmed from the submit or approve page: by whoever may
    change the draft (the ISO secretary), or, once submitted, by whoever approves it."""
    tasks = PlanTask.objects.select_related("plan__organization")
    task = get_object_for_user(tasks, request.user, pk=pk)
    plan = task.plan
    permission = (
        "plans.approve_plan" if plan.status == PlanStatus.SUBMITTED else "plans.change_plan"
    )
    if not request.user.has_perm(permission, plan):
        raise PermissionDenied
    try:
        task_no_deadline(task=task, user=request.user)
    except PlanWorkflowError as error:
        messages.error(request, str(error))
        return redirect(_plan_url(plan, task))
    messages.success(
        request,
        _("Task %(order)s: no deadline (on request), confirmed.") % {"order": task.order},
    )
    return redirect(_CONFIRM_PAGES[plan.status], pk=plan.pk)
