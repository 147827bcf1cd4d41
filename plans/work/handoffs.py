"""Hand-off messages: when a workflow step hands a record to someone (a submission to who may
approve it, a return or an approval to who submitted it, new work to the units), they are told.

In the inbox at once; by email as each person chooses (``User.handoff_email``): at once, in the
next daily reminder, or not. Each message is a row of the delivery log keyed by the person and
the step (the record, the action and the history row the step wrote), written in the step's own
transaction: a step happens once (isoplan/workflow.py), so its message does, and the senders of
the log (plans/work/reminders.py) claim each email before sending it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from celery import current_app
from django.db import transaction
from django.db.models import Model
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.workflow import AUTHOR, Action, Workflow, step_taken
from plans.organizations.access import organization_of
from plans.organizations.models import HandoffEmail, Membership, Organization
from plans.work.models import Delivery, DeliveryKind, DeliveryStatus, Notification
from plans.work.reminders import responsible_people

_muted: ContextVar[bool] = ContextVar("handoffs_muted", default=False)


@contextmanager
def muted(mute: bool = True) -> Iterator[None]:
    """No hand-off message (inbox entry or email) for the steps taken inside: the demo replaying
    past years, whose approvals were news then, not today. ``muted(False)`` inside tells again
    (a past step whose record still waits)."""
    token = _muted.set(mute)
    try:
        yield
    finally:
        _muted.reset(token)


def _step_key(record: Model, name: str) -> str:
    """The step just saved: the record and the newest row of its history."""
    history = type(record).history.filter(id=record.pk).order_by("-history_id")
    latest = history.values_list("history_id", flat=True).first()
    return f"{record._meta.label_lower}:{record.pk}:{name}:{latest}"


def _link(workflow: Workflow, record: Any) -> str:
    page = record if hasattr(record, "get_absolute_url") else workflow.subject(record)
    return page.get_absolute_url()


def _deciders(workflow: Workflow, action_name: str, record: Any) -> list:
    """The active members of the record's organization who may take ``action_name`` on it."""
    members = Membership.objects.filter(
        organization=organization_of(workflow.subject(record)), user__is_active=True
    ).select_related("user")
    people = {m.user for m in members}
    return sorted((p for p in people if workflow.may(p, action_name, record)), key=lambda p: p.pk)


def _author(record: Any, user: Any) -> list:
    """Who handed the record over: the last one before this step to act on it other than the
    one deciding now (who submitted it; for minutes returned and approved again, who held and
    corrected them)."""
    earlier = type(record).history.filter(id=record.pk).exclude(history_user=None)
    row = earlier.exclude(history_user=user).order_by("-history_id").first()
    return [row.history_user] if row is not None else []


@receiver(step_taken)
def step_handed_over(sender, *, workflow, action: Action, record, user, reason, **kwargs):
    if not action.tells:
        return
    if action.tells == AUTHOR:
        people = _author(record, user)
    else:
        people = _deciders(workflow, action.tells, record)
    title = str(action.announce % {"who": user.get_full_name(), "record": record})
    body = title
    if reason:
        body += "\n" + _("Comment: %(comment)s") % {"comment": reason}
    tell(
        [p for p in people if p.pk != user.pk],
        organization=organization_of(workflow.subject(record)),
        key=_step_key(record, action.name),
        title=title,
        body=body,
        link=_link(workflow, record),
    )


def new_work(
    record: Model, step: str, *, items: Iterable, title: str, link: str, user: Any
) -> None:
    """Tell each unit that ``step`` on ``record`` (taken by ``user``) gave new work items
    (``items``, with their kind's sources read) what it has to do and by when; its head, or the
    secretary for a unit nobody heads (the reminders' rule)."""
    items = list(items)
    if not items:
        return
    organization = organization_of(record)
    people = responsible_people([organization.pk])
    per_person: dict[int, list] = {}
    for item in items:
        for user_id in people.get((organization.pk, item.department_id, item.party), ()):
            if user_id != user.pk:  # who approved it knows
                per_person.setdefault(user_id, []).append(item)
    bodies = {}
    for user_id, theirs in per_person.items():
        lines = [title, ""]
        for item in sorted(theirs, key=lambda i: (i.due_date is None, i.due_date, i.pk)):
            due = f"{item.due_date:%d/%m/%Y}" if item.due_date else item.period_label or "—"
            by = _("by %(due)s") % {"due": due}
            lines.append(f"- {item.title} ({by})")
        bodies[user_id] = "\n".join(lines)
    tell_each(
        bodies,
        organization=organization,
        key=_step_key(record, step) + ":work",
        title=title,
        link=link,
    )


def _first_status(person: Any) -> str:
    """How the person's email of a hand-off goes: queued at once, kept for the daily reminder,
    or none (the inbox entry is the message)."""
    if not person.email or person.handoff_email == HandoffEmail.NEVER:
        return DeliveryStatus.SENT
    if person.handoff_email == HandoffEmail.DAILY:
        return DeliveryStatus.HELD
    return DeliveryStatus.PENDING


def tell(
    people: list, *, organization: Organization, key: str, title: str, body: str, link: str
) -> None:
    """One inbox entry and one email (as each person chooses) per person for the step ``key``;
    a second call for the same step adds nothing."""
    tell_each(
        {getattr(p, "pk", p): body for p in people},
        organization=organization,
        key=key,
        title=title,
        link=link,
    )


def tell_each(
    bodies: dict[int, str], *, organization: Organization, key: str, title: str, link: str
) -> None:
    """``tell`` with a message of its own for each person (id → body), in the same few queries
    however many people."""
    if not bodies or _muted.get():
        return
    from plans.organizations.models import User

    people = list(User.objects.filter(pk__in=bodies))
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(
                recipient=person,
                organization=organization,
                kind=DeliveryKind.HANDOFF,
                date=timezone.localdate(now),
                key=key,
                status=(status := _first_status(person)),
                sent_at=now if status == DeliveryStatus.SENT else None,
                # Queued below: the sweep leaves it unless that task is lost.
                enqueued_at=now if status == DeliveryStatus.PENDING else None,
            )
            for person in people
        ],
        ignore_conflicts=True,  # this step's message to this person exists already
    )
    new = list(Delivery.objects.filter(key=key, recipient__in=people, notification=None))
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=d.recipient_id,
                delivery=d,
                title=title[:255],
                body=bodies[d.recipient_id],
                link=link,
            )
            for d in new
        ],
        ignore_conflicts=True,
    )
    for delivery in new:
        if delivery.status == DeliveryStatus.PENDING:
            transaction.on_commit(lambda pk=delivery.pk: _send(pk))


def _send(delivery_id: int) -> None:
    # The delivery log's Celery task (plans/tasks.py), by name: the spine imports no task module.
    current_app.send_task("plans.tasks.send_reminder", args=[delivery_id])
