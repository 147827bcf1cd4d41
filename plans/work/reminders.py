"""Deadline reminders: decide who gets what today, then deliver each digest exactly once.

Each reminder is a row of the delivery log, unique on (recipient, kind, date). The sweep inserts
the rows it wants with INSERT … ON CONFLICT DO NOTHING, so two beats, two workers or a sweep run
twice on the same day cannot create a second one. A sender claims a row with a conditional UPDATE
that must change exactly one row, so two senders cannot both send it; a claim left by a worker
that died is taken over once it is older than STALE_CLAIM.

A failed attempt is recorded and the next one scheduled on the row itself (next_attempt_at): 1, 2,
4, 8, 15, 30 minutes later, then every hour, for 24 hours from the first attempt — across midnight
if need be; only a failure after that gives up. The Celery task, the sweep and `manage.py
send_reminders` all follow that one schedule: nobody claims a failed delivery before its time, the
task retries by itself only the attempts due within a few minutes, and the sweep queues the others
once their time has come and no task is queued for them already (enqueued_at), so an outage never
multiplies the retry chains.

The one window left: the mail server accepted the message and the process died (or outlived its
claim) before the row was marked sent. The claim then goes stale and the digest is sent a second
time. Closing it would need the mail server to take part in our transaction, which SMTP cannot; a
rare duplicate reminder is harmless, a lost one is not, so the log errs on the side of sending. The
second sender finds the inbox entry already there and leaves it.
"""

from __future__ import annotations

import datetime
import math
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plans.organizations.access import departments_without_head
from plans.organizations.models import Membership, Organization
from plans.work.models import Delivery, DeliveryKind, DeliveryStatus, Notification, WorkItem
from plans.work.responsibility import ESCALATION, party_members, responsibility_keys

STALE_CLAIM = datetime.timedelta(minutes=10)
# After the n-th failed attempt the next one waits RETRY_BACKOFF[n - 1] (the last one from then on).
RETRY_BACKOFF = tuple(datetime.timedelta(minutes=m) for m in (1, 2, 4, 8, 15, 30, 60))
GIVE_UP_AFTER = datetime.timedelta(hours=24)  # from the first attempt
ESCALATION_WEEKDAY = 0  # Monday
ITEM_BATCH = 5000


class TemporaryDeliveryError(Exception):
    """The mail server could not take the message now; the attempt is recorded.

    ``retry_at``: when the next attempt is due (None: given up). ``countdown``: seconds until
    then when the caller asked to retry by itself (see ``deliver``), else None.
    """

    def __init__(
        self,
        message: str,
        *,
        retry_at: datetime.datetime | None = None,
        countdown: int | None = None,
    ):
        super().__init__(message)
        self.retry_at = retry_at
        self.countdown = countdown


def next_attempt_at(*, failures: int, failed_at: datetime.datetime) -> datetime.datetime:
    """The retry schedule, the same for the sweep, the Celery task and the command."""
    return failed_at + RETRY_BACKOFF[min(failures, len(RETRY_BACKOFF)) - 1]


@dataclass
class PlannedDelivery:
    recipient_id: int
    organization_id: int
    kind: str
    date: datetime.date
    item_ids: list[int] = field(default_factory=list)


def responsible_people(organization_ids: list[int]) -> dict[tuple, list[int]]:
    """(organization, department, party) → the people reminded for it, from one query."""
    people: dict[tuple, list[int]] = defaultdict(list)
    rows = Membership.objects.filter(
        organization_id__in=organization_ids, user__is_active=True
    ).values_list("organization_id", "role", "department_id", "user_id")
    # A unit nobody heads is the secretary's (the same rule as responsibility.answers_for).
    headless: dict[int, list[int]] = defaultdict(list)
    for org_id, department_id in departments_without_head(organization_ids).values_list(
        "organization_id", "pk"
    ):
        headless[org_id].append(department_id)
    for org_id, role, department_id, user_id in rows:
        for key in responsibility_keys(role, org_id, department_id, headless[org_id]):
            people[key].append(user_id)
    for key, user_ids in party_members(organization_ids).items():  # e.g. the committee's
        people[key].extend(u for u in user_ids if u not in people[key])
    return people


def plan_reminders(
    *, today: datetime.date, organizations: list[Organization]
) -> list[PlannedDelivery]:
    """The digests (and, on Mondays, the escalation reports) due today.

    One pass over the open dated items due up to the furthest reminder offset (the partial
    index on open items by due date serves it), read in chunks from one cursor; then who is
    reminded, read for the organizations that have something due only (a province's agencies
    without a due item that day cost nothing).
    """
    if not organizations:
        return []
    by_id = {o.pk: o for o in organizations}
    offsets = {pk: o.reminder_offset_days for pk, o in by_id.items()}
    # The furthest reminder ahead, over the distinct settings: most of 3,000 agencies share one.
    furthest = max(max(days, default=0) for days in set(offsets.values()))
    horizon = today + datetime.timedelta(days=furthest)
    escalate = today.weekday() == ESCALATION_WEEKDAY
    due: dict[tuple, list[int]] = defaultdict(list)  # (organization, unit, party) → items
    late: dict[int, list[int]] = defaultdict(list)  # organization → items to escalate
    # Every organization's items, those of the organizations not due now skipped here: a list
    # of 3,000 agencies' ids in the query cost more than the items of a small day.
    items = (
        WorkItem.objects.open()
        .filter(due_date__lte=horizon)
        .values_list("pk", "organization_id", "department_id", "party", "due_date")
        .order_by()
    )
    # Each organization's reminder days as dates, so that an item is judged by its due date
    # alone; made as the items meet their organization (a small day meets a few of 3,000).
    remind_on: dict[int, frozenset[datetime.date]] = {}
    for pk, org_id, department_id, party, due_date in items.iterator(chunk_size=ITEM_BATCH):
        dates = remind_on.get(org_id)
        if dates is None:
            if org_id not in offsets:
                continue  # an organization whose reminder time has not come
            dates = remind_on[org_id] = frozenset(
                today + datetime.timedelta(days=d) for d in offsets[org_id]
            )
        if due_date >= today and due_date not in dates:
            continue  # not late, and not on a reminder day
        due[(org_id, department_id, party)].append(pk)
        if escalate and (today - due_date).days > by_id[org_id].escalation_days:
            late[org_id].append(pk)
    people = responsible_people(sorted({key[0] for key in due} | set(late)))
    digests: dict[int, PlannedDelivery] = {}
    escalations: dict[int, PlannedDelivery] = {}
    for key, item_ids in due.items():
        for user_id in people.get(key, ()):
            digests.setdefault(
                user_id, PlannedDelivery(user_id, key[0], DeliveryKind.DIGEST, today)
            ).item_ids.extend(item_ids)
    for org_id, item_ids in late.items():
        for user_id in people.get((org_id, None, ESCALATION), ()):
            escalations.setdefault(
                user_id, PlannedDelivery(user_id, org_id, DeliveryKind.ESCALATION, today)
            ).item_ids.extend(item_ids)
    # Hand-off messages kept for the daily reminder come with it, due items or not.
    held = (
        Delivery.objects.filter(kind=DeliveryKind.HANDOFF, status=DeliveryStatus.HELD)
        .values_list("recipient_id", "organization_id")
        .distinct()
    )
    for user_id, org_id in held:
        if org_id in by_id:
            digests.setdefault(
                user_id, PlannedDelivery(user_id, org_id, DeliveryKind.DIGEST, today)
            )
    return [*digests.values(), *escalations.values()]


def organizations_due(now: datetime.datetime) -> list[Organization]:
    """Active organizations whose reminder time has come today."""
    local = timezone.localtime(now)
    return [
        o for o in Organization.objects.filter(is_active=True) if local.time() >= o.reminder_time
    ]


@transaction.atomic
def reminders_sweep(
    *,
    now: datetime.datetime,
    organizations: list[Organization] | None = None,
    day: datetime.date | None = None,
) -> list[int]:
    """Record the day's deliveries (once) and return those to send now.

    ``day`` (default: the date of ``now``) only selects which day's reminders are planned; ``now``
    is the clock of the claims and of the retry schedule.
    """
    day = day or timezone.localdate(now)
    organizations = organizations_due(now) if organizations is None else organizations
    planned = plan_reminders(today=day, organizations=organizations)
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
        ignore_conflicts=True,  # already recorded that day: that one stands
        batch_size=1000,
    )
    # What is new, failed and due again (of any day: a failure is retried past midnight until it
    # is given up) or left by a dead worker — unless a task is already queued for it (a sweep's
    # task not yet run, a Celery retry waiting for its time). Rows locked by a concurrent sweep
    # are that sweep's.
    ids = list(
        _claimable(now)
        .filter(organization__is_active=True)
        .filter(Q(enqueued_at=None) | Q(enqueued_at__lt=now - STALE_CLAIM))
        .select_for_update(skip_locked=True, of=("self",))
        .values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids


def _claimable(now: datetime.datetime):
    return Delivery.objects.filter(
        Q(status=DeliveryStatus.PENDING)
        | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    )


# --- sending ------------------------------------------------------------------------------------
def _message_context(delivery: Delivery, items: list[WorkItem], handoffs: list) -> dict:
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
        "handoffs": [{"title": h.title, "body": h.body, "url": base + h.link} for h in handoffs],
        "unit_work_url": base + reverse("plans:unit_work"),
        "profile_url": base + reverse("plans:profile"),
    }


def _render(
    delivery: Delivery, items: list[WorkItem], handoffs: list | None = None
) -> tuple[str, str, str]:
    name = "escalation" if delivery.kind == DeliveryKind.ESCALATION else "digest"
    context = _message_context(delivery, items, handoffs or [])
    subject = render_to_string(f"plans/work/email/{name}_subject.txt", context).strip()
    return (
        " ".join(subject.split()),
        render_to_string(f"plans/work/email/{name}.txt", context),
        render_to_string(f"plans/work/email/{name}.html", context),
    )


def _claim(delivery_id: int, now: datetime.datetime) -> bool:
    changed = (
        _claimable(now)
        .filter(pk=delivery_id)
        .update(
            status=DeliveryStatus.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
            first_attempt_at=Coalesce("first_attempt_at", Value(now, DateTimeField())),
        )
    )
    return changed == 1


def deliver(
    *,
    delivery_id: int,
    now: datetime.datetime | None = None,
    retry_within: datetime.timedelta | None = None,
) -> str:
    """Send one delivery if this caller wins the claim. Returns the resulting status.

    Raises TemporaryDeliveryError when the mail server failed (the attempt is recorded and the
    next one scheduled). If that next attempt is due within ``retry_within``, it is the caller's:
    the delivery is marked queued until then (the sweep leaves it) and the error's ``countdown``
    says when to retry; otherwise the sweep takes it when its time comes.
    """
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return "not-claimed"
    delivery = Delivery.objects.select_related("recipient").get(pk=delivery_id)
    if delivery.kind == DeliveryKind.HANDOFF:
        return _deliver_handoff(delivery, now, retry_within)
    items = list(
        WorkItem.objects.open()
        .filter(pk__in=delivery.item_ids)
        .with_sources()
        .order_by("due_date", "pk")
    )
    held = _held_handoffs(delivery, now) if delivery.kind == DeliveryKind.DIGEST else []
    if not items and not held:  # all closed since the sweep
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.EMPTY)
        return DeliveryStatus.EMPTY
    with translation.override(settings.LANGUAGE_CODE):
        subject, text, html = _render(delivery, items, [h.notification for h in held])
    recipient = delivery.recipient
    if recipient.email_reminders and recipient.email:
        _send_mail(delivery, subject, text, html, now, retry_within)
    with transaction.atomic():
        if items:
            # A sender that outlived its claim may have been overtaken by another one that
            # already wrote the inbox entry: one entry per delivery, the second is not an error.
            Notification.objects.bulk_create(
                [
                    Notification(
                        user=recipient,
                        delivery=delivery,
                        title=subject,
                        body=text,
                        link=reverse("plans:unit_work"),
                    )
                ],
                ignore_conflicts=True,
            )
        # The hand-offs it carried are in the inbox already, since their step.
        Delivery.objects.filter(pk__in=[h.pk for h in held]).update(
            status=DeliveryStatus.SENT, sent_at=now
        )
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.SENT, sent_at=now)
    return DeliveryStatus.SENT


def _held_handoffs(digest: Delivery, now: datetime.datetime) -> list[Delivery]:
    return list(
        Delivery.objects.filter(
            recipient_id=digest.recipient_id,
            kind=DeliveryKind.HANDOFF,
            status=DeliveryStatus.HELD,
            created_at__lte=now,
        )
        .select_related("notification")
        .order_by("created_at", "pk")
    )


def _deliver_handoff(
    delivery: Delivery, now: datetime.datetime, retry_within: datetime.timedelta | None
) -> str:
    """The email of one hand-off message: its inbox entry, written with the step, says it."""
    message = delivery.notification
    link = settings.SITE_URL.rstrip("/") + message.link
    if delivery.recipient.email:
        text = f"{message.body}\n\n{link}\n"
        _send_mail(delivery, message.title, text, None, now, retry_within)
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=now)
    return DeliveryStatus.SENT


def _send_mail(
    delivery: Delivery,
    subject: str,
    text: str,
    html: str | None,
    now: datetime.datetime,
    retry_within: datetime.timedelta | None,
) -> None:
    try:
        message = EmailMultiAlternatives(subject, text, to=[delivery.recipient.email])
        if html is not None:
            message.attach_alternative(html, "text/html")
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise _record_failure(delivery, error, now, retry_within) from error


def _record_failure(
    delivery: Delivery,
    error: Exception,
    now: datetime.datetime,
    retry_within: datetime.timedelta | None,
) -> TemporaryDeliveryError:
    """Record a failed attempt and schedule the next one; the error to raise."""
    first_attempt_at = delivery.first_attempt_at or now  # set by the claim
    errors = [
        *delivery.errors,
        {"at": now.isoformat(), "attempt": delivery.attempts, "error": str(error)},
    ]
    if now - first_attempt_at >= GIVE_UP_AFTER:
        status, retry_at = DeliveryStatus.GAVE_UP, None
    else:
        status = DeliveryStatus.FAILED
        retry_at = next_attempt_at(failures=delivery.attempts, failed_at=now)
    countdown = None
    if retry_at is not None and retry_within is not None and retry_at - now <= retry_within:
        countdown = math.ceil((retry_at - now).total_seconds())
    # Only while this attempt still holds the claim: a sender that outlived it must not undo
    # the work of the one that took it over.
    held = Delivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_at=now
    ).update(
        status=status,
        next_attempt_at=retry_at,
        enqueued_at=retry_at if countdown is not None else None,
        last_error=str(error),
        errors=errors,
    )
    return TemporaryDeliveryError(
        str(error), retry_at=retry_at, countdown=countdown if held else None
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
    from plans.organizations.models import User

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
