"""Nhập từ tệp: a task table from a Word or Excel file or pasted rows, previewed, confirmed,
and undone while the plan is a draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from isoplan.concurrency import StaleEditError
from plans.choices import ImportColumn, ImportStatus
from plans.models import Plan, TaskImport
from plans.organizations.access import get_object_for_user
from plans.planning.forms.task_import import ImportPreviewForm, TaskImportForm
from plans.planning.importing import cells_to_json, preview
from plans.planning.services.plan import PlanWorkflowError
from plans.planning.services.task_import import (
    plan_import_tasks,
    task_import_adjust,
    task_import_start,
    task_import_undo,
)


def _import_for(request, pk: int) -> TaskImport:
    imports = TaskImport.objects.select_related("plan__organization", "created_by")
    task_import = get_object_for_user(imports, request.user, pk=pk)
    if not request.user.has_perm("plans.change_plan", task_import.plan):
        raise PermissionDenied
    return task_import


def _refuse(request, plan: Plan, error: PlanWorkflowError):
    messages.error(request, str(error))
    return redirect("plans:plan_detail", pk=plan.pk)


def task_import_start_view(request, plan_pk: int):
    plans = Plan.objects.select_related("organization")
    plan = get_object_for_user(plans, request.user, permission="plans.change_plan", pk=plan_pk)
    if not plan.is_editable:
        messages.error(request, _("Only a draft plan can be changed. Start a revision instead."))
        return redirect("plans:plan_detail", pk=plan.pk)
    form = TaskImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            task_import = task_import_start(
                plan=plan,
                user=request.user,
                source_name=form.source_name,
                labels=form.found.labels,
                rows=cells_to_json(form.found),
                mapping=form.found.mapping,
                header=form.header,
                knows_merges=form.knows_merges,
            )
        except PlanWorkflowError as error:
            return _refuse(request, plan, error)
        return redirect("plans:task_import_preview", pk=task_import.pk)
    return render(request, "plans/planning/task_import_start.html", {"plan": plan, "form": form})


def task_import_preview(request, pk: int):
    task_import = _import_for(request, pk)
    plan = task_import.plan
    if task_import.status != ImportStatus.PREVIEW or not plan.is_editable:
        messages.info(request, _("This import is no longer a preview."))
        return redirect("plans:plan_detail", pk=plan.pk)
    shown = preview(task_import, plan)
    form = ImportPreviewForm(
        request.POST or None, task_import=task_import, plan=plan, preview=shown
    )
    if request.method == "POST" and form.is_valid():
        changed = form.mapping_changed()
        task_import_adjust(
            task_import=task_import,
            mapping=form.mapping(),
            units=form.units(),
            selected_rows=None if changed else form.cleaned_data["rows"],
            selected_parts=form.cleaned_data["parts"],
        )
        if "confirm" not in request.POST or changed:
            if changed:
                messages.info(request, _("The columns changed: check the rows again."))
            return redirect("plans:task_import_preview", pk=task_import.pk)
        fresh = preview(task_import, plan)
        try:
            done = plan_import_tasks(
                task_import=task_import,
                user=request.user,
                tasks=fresh.tasks(set(form.cleaned_data["rows"])),
                plan_fields=form.plan_fields(),
                expected_version=form.cleaned_data["plan_version"],
            )
        except StaleEditError:
            messages.error(
                request,
                _(
                    "Someone saved the plan's document while you checked the import. Look at "
                    "the header parts again and confirm."
                ),
            )
            return redirect("plans:task_import_preview", pk=task_import.pk)
        except PlanWorkflowError as error:
            messages.error(request, str(error))
            return redirect("plans:task_import_preview", pk=task_import.pk)
        messages.success(
            request,
            _("%(count)s tasks were imported from “%(source)s”.")
            % {"count": done.tasks.count(), "source": done.source_name},
        )
        return redirect(reverse("plans:plan_detail", args=[plan.pk]) + "#tasks")
    return render(
        request,
        "plans/planning/task_import_preview.html",
        {
            "plan": plan,
            "task_import": task_import,
            "preview": shown,
            "form": form,
            "roles": ImportColumn,
        },
    )


def task_import_undo_view(request, pk: int):
    task_import = _import_for(request, pk)
    plan = task_import.plan
    if request.method == "POST":
        try:
            task_import_undo(task_import=task_import, user=request.user)
        except PlanWorkflowError as error:
            return _refuse(request, plan, error)
        messages.success(
            request,
            _("The import of “%(source)s” was undone.") % {"source": task_import.source_name},
        )
        return redirect(reverse("plans:plan_detail", args=[plan.pk]) + "#tasks")
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Undo the import of “%(source)s”?") % {"source": task_import.source_name},
            "text": _(
                "Its %(count)s tasks are removed from the plan and the other tasks are "
                "renumbered; the plan's parts it filled in are put back."
            )
            % {"count": task_import.tasks.count()},
            "button": _("Undo the import"),
            "style": "danger",
            "cancel_url": reverse("plans:plan_detail", args=[plan.pk]),
        },
    )
