"""The workflows of controlled records (plan, objectives, editions, audits, reviews, reports…).

Each workflow is declared once, as a table of actions beside its services: who may take an
action (a django-rules permission), from which saved statuses, to which status, and what its
button, confirmation and success message say. The pages read the table to show buttons, ask for
confirmation and check the permission (``isoplan.workflow_views``); the services read it to
refuse a step the saved status does not allow.

A step is taken under the record's row lock (``locked_transition``): two people acting at once
(two directors approving, a double click) are serialised, the second one waits for the lock,
then sees the state the first one saved and is refused with the workflow's own message. The
change is saved with its author in the record's history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.dispatch import Signal
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

M = TypeVar("M", bound=models.Model)
Text = str | Promise
CONFIRM = gettext_lazy("Confirm")
AUTHOR = "author"  # Action.tells: the person who handed the record over (who submitted it)

# Sent inside the step's transaction once it is saved, with ``workflow``, ``action`` (an
# Action), ``record`` (the saved row), ``user`` and ``reason``. The hand-off messages listen
# (plans/work/handoffs.py): rolled back with the step.
step_taken = Signal()


class WorkflowError(Exception):
    """A step the record's saved state does not allow. The message is for the user."""


@dataclass(frozen=True)
class Action:
    """One step of a workflow, as the table declares it."""

    name: str
    # Checked with ``user.has_perm(permission, record)``; None for a step that only ever
    # happens as part of another one (a plan superseded by its approved revision).
    permission: str | None
    from_statuses: frozenset[str]
    to_status: str | None = None
    label: Text = ""  # its button on the record's page
    question: Text = ""  # what its confirmation page asks
    done: Text = ""  # the message once it is done
    style: str = "primary"  # Bootstrap style of the confirmation button
    button: Text = CONFIRM  # the confirmation page's button
    # Called by the confirmation page as ``service(<record keyword>=record, user=user)``;
    # None when the action has a page of its own (a form) or is taken inside another service.
    service: Callable[..., Any] | None = None
    # What must hold, besides the saved status, for its button to show (the service checks
    # again, under the lock): "no revision under way", "not yet sent"…
    when: Callable[[Any], bool] | None = None
    # The refusal when the saved status does not allow it (``%(status)s`` is that status);
    # empty for the workflow's own.
    refused: Text = ""
    # Whom the step hands the record to: the name of the action whose permission holders are
    # told (a submission tells who may approve), or AUTHOR. ``announce`` is the message's
    # title, with %(who)s (who took the step) and %(record)s.
    tells: str = ""
    announce: Text = ""


class Workflow:
    """A record's table of actions, looked up by name (also from templates:
    ``{{ workflow.approve.label }}``)."""

    def __init__(
        self,
        *actions: Action,
        record: str,
        error: type[WorkflowError],
        refused: Text,
        subject: Callable[[Any], Any] | None = None,
    ):
        self.actions = {action.name: action for action in actions}
        self.record = record  # the keyword the services take the record by
        self.error = error
        self.refused = refused
        # The object permissions are checked on (an edition's are its document's).
        self.subject = subject or (lambda record: record)

    def __getitem__(self, name: str) -> Action:
        return self.actions[name]

    def __contains__(self, name: object) -> bool:
        return name in self.actions

    def __iter__(self) -> Iterator[Action]:
        return iter(self.actions.values())

    def may(self, user: Any, name: str, record: Any) -> bool:
        """Whether the person holds the action's permission on the record (whatever its state)."""
        permission = self.actions[name].permission
        return permission is not None and user.has_perm(permission, self.subject(record))

    def available(self, user: Any, record: Any) -> set[str]:
        """The actions this person can take on the record now: the buttons its page shows.
        The services check again, under the lock."""
        return {
            action.name
            for action in self
            if record.status in action.from_statuses
            and self.may(user, action.name, record)
            and (action.when is None or action.when(record))
        }

    def ensure(self, name: str, saved: Any) -> None:
        """Refuse, with the workflow's message, unless ``saved``'s status allows the action."""
        action = self.actions[name]
        if saved.status not in action.from_statuses:
            message = action.refused or self.refused
            raise self.error(message % {"status": saved.get_status_display()})

    def take(
        self,
        name: str,
        record: M,
        *,
        user: Any,
        check: Callable[[M], None] | None = None,
        reason: str = "",
        **changes: Any,
    ) -> M:
        """Take the action under the record's lock: its saved status must allow it, then
        ``check`` sees the saved row (it raises to refuse); the record moves to the action's
        status with ``changes``. Returns the saved row."""
        action = self.actions[name]

        def allowed(saved: M) -> None:
            self.ensure(name, saved)
            if check is not None:
                check(saved)

        if action.to_status is not None:
            changes = {"status": action.to_status, **changes}
        with transaction.atomic():
            saved = locked_transition(record, user=user, check=allowed, reason=reason, **changes)
            step_taken.send(
                sender=type(saved),
                workflow=self,
                action=action,
                record=saved,
                user=user,
                reason=reason,
            )
        return saved

    def run(self, name: str, record: Any, *, user: Any) -> Any:
        """Call the action's service, as its confirmation page does."""
        service = self.actions[name].service
        if service is None:
            raise LookupError(f"{name} has a page of its own")
        return service(**{self.record: record}, user=user)


def entered(record: Any, status: str) -> Any:
    """The history row of the step that brought the saved ``record`` into ``status`` (its
    ``history_date`` and ``history_user``; created so: its first row), or None if it is not in
    that status."""
    history = getattr(type(record), "history", None)
    if history is None:
        return None
    rows = history.filter(id=record.pk).order_by("-history_id").select_related("history_user")
    fields = ("status", "history_type", "history_date", "history_user")
    return entering_row(rows.only(*fields).iterator(chunk_size=50), status)


def entering_row(rows_newest_first: Iterable[Any], status: str) -> Any:
    """Of one record's history rows, newest first: the first row of the latest run in
    ``status`` (the step into it), or None if the newest row is in another status."""
    since = None
    for row in rows_newest_first:
        if row.status != status:
            break  # it came into that status at ``since``
        since = row
    return since


def locked_transition(
    record: M, *, user: Any, check: Callable[[M], None], reason: str = "", **changes: Any
) -> M:
    """Lock ``record``'s row, let ``check`` raise on its saved state, then write ``changes``
    (a change may be a function of the saved row). Open edit forms of the record become stale
    (its ``lock_version`` moves on). Returns the saved row; the caller's object gets the
    changes too."""
    with transaction.atomic():
        locked = type(record)._default_manager.select_for_update(of=("self",)).get(pk=record.pk)
        check(locked)
        fields = {"lock_version"} & {field.name for field in locked._meta.concrete_fields}
        if fields:
            changes["lock_version"] = locked.lock_version + 1
        for name, value in changes.items():
            if callable(value):
                value = value(locked)
            setattr(locked, name, value)
            setattr(record, name, value)
        # Recorded in the history even when no request is behind it (demo data, tasks).
        locked._history_user = user
        if reason:
            locked._change_reason = reason
        locked.save(update_fields=list(changes))
        return locked
