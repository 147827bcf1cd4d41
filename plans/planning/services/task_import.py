"""Importing a task table into a draft plan: the preview is kept, the confirmed rows become
tasks through the task services (numbering, history, schedules as for a typed task), and the
whole import can be undone while the plan is a draft."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.concurrency import save_if_unchanged
from plans.choices import ImportStatus
from plans.models import Plan, TaskImport
from plans.planning.chains import chains_link

from .plan import PlanWorkflowError
from .task import TaskData, _ensure_editable, task_create, task_delete


@transaction.atomic
def task_import_start(
    *,
    plan: Plan,
    user: Any,
    source_name: str,
    labels: list[str],
    rows: list,
    mapping: list[str],
    header: dict,
    knows_merges: bool,
) -> TaskImport:
    """Keep a table as read, for the preview. The person's earlier previews of this plan are
    dropped: they wrote nothing and a new file replaces them."""
    _ensure_editable(plan)
    TaskImport.objects.filter(plan=plan, created_by=user, status=ImportStatus.PREVIEW).delete()
    return TaskImport.objects.create(
        plan=plan,
        created_by=user,
        source_name=source_name[:255],
        labels=labels,
        rows=rows,
        mapping=mapping,
        header=header,
        knows_merges=knows_merges,
    )


def task_import_adjust(
    *,
    task_import: TaskImport,
    mapping: list[str],
    units: dict[str, list[str]],
    selected_rows: list[int] | None,
    selected_parts: list[str] | None,
) -> TaskImport:
    """Keep the secretary's corrections to the preview (columns, units, rows, header parts)."""
    if task_import.status != ImportStatus.PREVIEW:
        raise PlanWorkflowError(_("This import was already confirmed."))
    task_import.mapping = mapping
    task_import.units = units
    task_import.selected_rows = selected_rows
    task_import.selected_parts = selected_parts
    task_import.save()
    return task_import


@transaction.atomic
def plan_import_tasks(
    *,
    task_import: TaskImport,
    user: Any,
    tasks: Sequence[TaskData],
    plan_fields: dict[str, str],
    expected_version: int,
) -> TaskImport:
    """Create the tasks (after the plan's existing ones) and write the chosen header parts into
    the plan. Raises StaleEditError when the plan's document was saved since the preview."""
    locked = TaskImport.objects.select_for_update().get(pk=task_import.pk)
    if locked.status != ImportStatus.PREVIEW:
        raise PlanWorkflowError(_("This import was already confirmed."))
    plan = Plan.objects.get(pk=task_import.plan_id)
    _ensure_editable(plan)
    if not tasks:
        raise PlanWorkflowError(_("Choose at least one row to import."))
    if plan_fields:
        changes = {}
        for name, value in plan_fields.items():
            changes[name] = [getattr(plan, name), value]
            setattr(plan, name, value)
        plan._history_user = user
        plan._change_reason = _("Imported from “%(source)s”.") % {"source": locked.source_name}
        save_if_unchanged(plan, expected_version=expected_version)
        locked.plan_changes = changes
    for data in tasks:
        locked.tasks.add(task_create(plan=plan, data=data))
    chains_link(plan)
    locked.status = ImportStatus.IMPORTED
    locked.imported_at = timezone.now()
    locked._history_user = user
    locked.save()
    return locked


@transaction.atomic
def task_import_undo(*, task_import: TaskImport, user: Any) -> TaskImport:
    """Remove the tasks the import created (the others are renumbered) and put back the plan's
    fields it wrote, unless someone changed them since."""
    locked = TaskImport.objects.select_for_update().get(pk=task_import.pk)
    if locked.status != ImportStatus.IMPORTED:
        raise PlanWorkflowError(_("Only an import that was confirmed can be undone."))
    plan = Plan.objects.get(pk=locked.plan_id)
    if not plan.is_editable:
        raise PlanWorkflowError(
            _("The plan is “%(status)s”: an import can only be undone while it is a draft.")
            % {"status": plan.get_status_display()}
        )
    for task in locked.tasks.select_related("plan"):
        task_delete(task=task)
    restored = False
    for name, (before, after) in locked.plan_changes.items():
        if getattr(plan, name) == after:
            setattr(plan, name, before)
            restored = True
    if restored:
        plan.lock_version += 1  # open edit forms of the plan are now stale
        plan._history_user = user
        plan._change_reason = _("Import of “%(source)s” undone.") % {"source": locked.source_name}
        plan.save()
    locked.status = ImportStatus.UNDONE
    locked.undone_at = timezone.now()
    locked._history_user = user
    locked.save()
    return locked
