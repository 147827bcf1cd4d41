"""The confirmation page of a workflow action and the action itself, for any workflow table
(isoplan/workflow.py). The view that calls it finds the record (404 for another
organization's); the action's permission is checked here, its status by its service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from isoplan.workflow import Action, Workflow, WorkflowError, entered


def already_done(action: Action, record: Any):
    """When the step ``action`` takes was last taken on the saved record (the time its status
    became the action's), or None if the record is not in that status or never moved into it."""
    saved = type(record)._default_manager.filter(pk=record.pk).first()
    if action.to_status is None or saved is None:
        return None
    row = entered(saved, action.to_status)
    if row is None or row.history_type == "+":  # created so: the step was never taken
        return None
    return row.history_date


def refused(request, action: Action, record: Any, error: WorkflowError) -> None:
    """Say why a step was refused, unless it is the step just taken (a double click, the back
    button, a second tab): then a neutral note of when it was taken."""
    done_at = already_done(action, record)
    if done_at is None:
        messages.error(request, str(error))
    else:
        messages.info(
            request,
            _("Already done at %(time)s: %(done)s")
            % {"time": f"{localtime(done_at):%H:%M %d/%m/%Y}", "done": action.done},
        )


def workflow_action(
    request,
    workflow: Workflow,
    name: str,
    record: Any,
    *,
    title: str | None = None,
    back: str | None = None,
    then: Callable[[Any], str] | None = None,
    template: str = "plans/confirm.html",
    warnings: Callable[[], dict] | None = None,
) -> HttpResponse:
    """GET asks the action's question; POST takes the action and says it is done, or why not.

    ``back`` is the record's page (cancel, and after a refusal), ``then`` where the result of the
    action is shown (its own page by default: a new revision, a new edition). ``warnings``: what
    the confirmation page shows before the person confirms (read only for the page, never a
    refusal), as extra template context."""
    if name not in workflow or workflow[name].service is None:
        raise Http404
    action = workflow[name]
    if not workflow.may(request.user, name, record):
        raise PermissionDenied
    back = back or record.get_absolute_url()
    if request.method == "POST":
        try:
            result = workflow.run(name, record, user=request.user)
        except WorkflowError as error:
            refused(request, action, record, error)
            return redirect(back)
        messages.success(request, action.done)
        if then is not None:
            return redirect(then(result))
        return redirect(result if hasattr(result, "get_absolute_url") else back)
    return render(
        request,
        template,
        {
            "record": record,
            "title": title or str(record),
            "text": action.question,
            "button": action.button,
            "style": action.style,
            "cancel_url": back,
            **(warnings() if warnings else {}),
        },
    )
