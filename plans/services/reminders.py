"""Deadline reminders: decide who gets what today, then deliver each digest exactly once.

Each reminder is a row of the delivery log, unique on (recipient, kind, date). The sweep inserts
the rows it wants with INSERT … ON CONFLICT DO NOTHING, so two beats, two workers or a sweep run
twice on the same day cannot create a second one. A sender claims a row with a conditional UPDATE
that must change exactly one row, so two senders cannot both send it. A failed attempt is
recorded and retried (backoff in the Celery task, then by the next sweep of the day); a claim left
by a worker that died is taken over once it is older than STALE_CLAIM.

The one window left: the mail server accepted the message and the process died before the row
was marked sent. The claim then goes stale and the digest is sent a second time. Closing it would
need the mail server to take part in our transaction, which SMTP cannot; a rare duplicate
reminder is harmless, a lost one is not, so the log errs on the side of sending.
"""

from __future__ import annotations

import datetime
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plans.choices import LEADERSHIP_ROLES, OPEN_WORK_ITEM_STATUSES, Role, TaskParty
from plans.models import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Membership,
    Notification,
    Organization,
    WorkItem,
)
from plans.models.work_item import WORK_ITEM_SOURCES

STALE_CLAIM = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 12  # with the task's backoff and the 15-minute sweeps: more than an hour
ESCALATION_WEEKDAY = 0  # Monday
ITEM_BATCH = 5000


class TemporaryDeliveryError(Exception):
    """The mail server could not take the message now; try again later."""


@dataclass
class PlannedDelivery:
    recipient_id: int
    organization_id: int
    kind: str
    date: datetime.date
    item_ids: list[int] = field(default_factory=list)


# --- who answers for what -----------------------------------------------------------------------
def responsibility_keys(role: str, organization_id: int, department_id: int | None) -> list[tuple]:
    """The (organization, department, party) of the work items a role answers for: a
    department's heads; the ISO secretary for the secretary and the committee; the director and
    deputies for the leadership. "escalation" marks who receives the weekly overdue report."""
    if role == Role.DEPARTMENT_HEAD:
        return [(organization_id, department_id, "")]
    if role == Role.ISO_SECRETARY:
        return [
            (organization_id, None, TaskParty.ISO_SECRETARY),
            (organization_id, None, TaskParty.STEERING_COMMITTEE),
            (organization_id, None, "escalation"),
        ]
    if role == Role.DIRECTOR:
        return [
            (organization_id, None, TaskParty.LEADERSHIP),
            (organization_id, None, "escalation"),
        ]
    if role in LEADERSHIP_ROLES:
        return [(organization_id, None, TaskParty.LEADERSHIP)]
    return []


def _responsible(organization_ids: list[int]) -> dict[tuple, list[int]]:
    """(organization, department, party) → the people reminded for it, from one query."""
    people: dict[tuple, list[int]] = defaultdict(list)
    rows = Membership.objects.filter(
        organization_id__in=organization_ids, user__is_active=True
    ).values_list("organization_id", "role", "department_id", "user_id")
    for org_id, role, department_id, user_id in rows:
        for key in responsibility_keys(role, org_id, department_id):
            people[key].append(user_id)
    return people


def plan_reminders(
    *, today: datetime.date, organizations: list[Organization]
) -> list[PlannedDelivery]:
    """The digests (and, on Mondays, the escalation reports) due today.

    One pass over the open dated items due up to the furthest reminder offset (the partial
    index on open items by due date serves it), read in chunks from one cursor.
    """
    if not organizations:
        return []
    by_id = {o.pk: o for o in organizations}
    offsets = {o.pk: set(o.reminder_offset_days) for o in organizations}
    horizon = today + datetime.timedelta(days=max(max(s, default=0) for s in offsets.values()))
    people = _responsible(list(by_id))
    digests: dict[int, PlannedDelivery] = {}
    escalations: dict[int, PlannedDelivery] = {}
    escalate = today.weekday() == ESCALATION_WEEKDAY
    items = (
        WorkItem.objects.filter(
            organization_id__in=list(by_id),
            status__in=OPEN_WORK_ITEM_STATUSES,
            due_date__lte=horizon,
        )
        .values_list("pk", "organization_id", "department_id", "party", "due_date")
        .order_by()
    )
    for pk, org_id, department_id, party, due in items.iterator(chunk_size=ITEM_BATCH):
        days_left = (due - today).days
        if days_left >= 0 and days_left not in offsets[org_id]:
            continue
        for user_id in people.get((org_id, department_id, party), ()):
            digests.setdefault(
                user_id, PlannedDelivery(user_id, org_id, DeliveryKind.DIGEST, today)
            ).item_ids.append(pk)
        if escalate and -days_left > by_id[org_id].escalation_days:
            for user_id in people.get((org_id, None, "escalation"), ()):
                escalations.setdefault(
                    user_id, PlannedDelivery(user_id, org_id, DeliveryKind.ESCALATION, today)
                ).item_ids.append(pk)
    return [*digests.values(), *escalations.values()]


def organizations_due(now: datetime.datetime) -> list[Organization]:
    """Active organizations whose reminder time has come today."""
    local = timezone.localtime(now)
    return [
        o for o in Organization.objects.filter(is_active=True) if local.time() >= o.reminder_time
    ]


@transaction.atomic
def reminders_sweep(
    *, now: datetime.datetime, organizations: list[Organization] | None = None
) -> list[int]:
    """Record today's deliveries (once) and return those to enqueue for sending."""
    today = timezone.localdate(now)
    organizations = organizations_due(now) if organizations is None else organizations
    planned = plan_reminders(today=today, organizations=organizations)
    Delivery.objects.bulk_create(
        [
            Delivery(
                recipient_id=p.recipient_id,
                organization_id=p.organization_id,
                kind=p.kind,
                date=p.date,
                item_ids=sorted(p.item_ids),
            )
            for p in planned
        ],
        ignore_conflicts=True,  # already recorded today: that one stands
        batch_size=1000,
    )
    # Enqueue what is new, and what was enqueued a while ago and is still unsent (its task was
    # lost, or its retries ran out while the mail server was down) — not what is in flight.
    ids = list(
        _claimable(now)
        .filter(date=today, organization__in=organizations)
        .filter(Q(enqueued_at=None) | Q(enqueued_at__lt=now - STALE_CLAIM))
        .values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids


def _claimable(now: datetime.datetime):
    return Delivery.objects.filter(
        Q(status=DeliveryStatus.PENDING)
        | Q(status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    )


# --- sending ------------------------------------------------------------------------------------
def _message_context(delivery: Delivery, items: list[WorkItem]) -> dict:
    base = settings.SITE_URL.rstrip("/")
    today = delivery.date
    rows = [
        {
            "item": item,
            "url": base + reverse("plans:work_item_detail", kwargs={"pk": item.pk}),
            "days_late": (today - item.due_date).days,
        }
        for item in items
    ]
    overdue = [r for r in rows if r["days_late"] > 0]
    due = [r for r in rows if r["days_late"] <= 0]
    by_unit: dict[str, list] = defaultdict(list)
    for row in overdue:
        by_unit[row["item"].responsible_label].append(row)
    return {
        "recipient": delivery.recipient,
        "date": today,
        "overdue": overdue,
        "due": due,
        "by_unit": sorted(by_unit.items()),
        "unit_work_url": base + reverse("plans:unit_work"),
        "profile_url": base + reverse("plans:profile"),
    }


def _render(delivery: Delivery, items: list[WorkItem]) -> tuple[str, str, str]:
    name = "escalation" if delivery.kind == DeliveryKind.ESCALATION else "digest"
    context = _message_context(delivery, items)
    subject = render_to_string(f"plans/email/{name}_subject.txt", context).strip()
    return (
        " ".join(subject.split()),
        render_to_string(f"plans/email/{name}.txt", context),
        render_to_string(f"plans/email/{name}.html", context),
    )


def _claim(delivery_id: int, now: datetime.datetime) -> bool:
    changed = (
        _claimable(now)
        .filter(pk=delivery_id)
        .update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return changed == 1


def deliver(*, delivery_id: int, now: datetime.datetime | None = None) -> str:
    """Send one delivery if this caller wins the claim. Returns the resulting status.

    Raises TemporaryDeliveryError when the mail server failed (the attempt is recorded).
    """
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return "not-claimed"
    delivery = Delivery.objects.select_related("recipient").get(pk=delivery_id)
    items = list(
        WorkItem.objects.filter(pk__in=delivery.item_ids, status__in=OPEN_WORK_ITEM_STATUSES)
        .select_related(*WORK_ITEM_SOURCES, "department")
        .order_by("due_date", "pk")
    )
    if not items:  # all closed since the sweep
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.EMPTY)
        return DeliveryStatus.EMPTY
    with translation.override(settings.LANGUAGE_CODE):
        subject, text, html = _render(delivery, items)
    recipient = delivery.recipient
    if recipient.email_reminders and recipient.email:
        try:
            message = EmailMultiAlternatives(subject, text, to=[recipient.email])
            message.attach_alternative(html, "text/html")
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            _record_failure(delivery, error, now)
            raise TemporaryDeliveryError(str(error)) from error
    with transaction.atomic():
        Notification.objects.create(
            user=recipient,
            delivery=delivery,
            title=subject,
            body=text,
            link=reverse("plans:unit_work"),
        )
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.SENT, sent_at=now)
    return DeliveryStatus.SENT


def _record_failure(delivery: Delivery, error: Exception, now: datetime.datetime) -> None:
    attempts = delivery.attempts
    status = DeliveryStatus.GAVE_UP if attempts >= MAX_ATTEMPTS else DeliveryStatus.FAILED
    errors = [*delivery.errors, {"at": now.isoformat(), "attempt": attempts, "error": str(error)}]
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, last_error=str(error), errors=errors
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def notifications_mark_read(*, user, notification_ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


def describe(planned: list[PlannedDelivery]) -> list[str]:
    """Lines for `send_reminders --dry-run`."""
    from plans.models import User

    names = dict(
        User.objects.filter(pk__in=[p.recipient_id for p in planned]).values_list("pk", "username")
    )
    return [
        _("%(who)s: %(kind)s, %(count)s item(s)")
        % {
            "who": names.get(p.recipient_id),
            "kind": DeliveryKind(p.kind).label,
            "count": len(p.item_ids),
        }
        for p in planned
    ]
