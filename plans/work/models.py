"""The spine: every dated obligation is one work item; events give waiting items their dates; the
working calendar's exceptions; what was sent to whom (the delivery log) and the inbox."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from plans.choices import (
    OPEN_WORK_ITEM_STATUSES,
    CalendarDayKind,
    EventKind,
    TaskParty,
    WorkItemStatus,
    party_label,
)
from plans.models.stored_file import StoredFile
from plans.organizations.models import Department, Organization
from plans.work import kinds


class CalendarException(models.Model):
    """A day the government moved: an extra day off, or a Saturday worked to make up for one."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    description = models.CharField(
        _("description"), max_length=255, blank=True, help_text=_("e.g. “Nghỉ bù Tết 2025”.")
    )

    class Meta:
        verbose_name = _("working-calendar exception")
        verbose_name_plural = _("working-calendar exceptions")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


# Any event a timing phrase names in its own words ("khi có sự thay đổi về cơ cấu tổ chức") is
# recorded with this kind and the words as its description (plans.planning.timing: EventWait).
NAMED_EVENT = "named"
NAMED_EVENT_NOTE = " — "


class Event(models.Model):
    """Something that happened and starts the deadlines waiting for it."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    description = models.CharField(
        _("description"),
        max_length=500,
        blank=True,
        help_text=_("e.g. the number of the guidance received."),
    )
    task = models.ForeignKey(
        "plans.PlanTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completion_events",
        verbose_name=_("completed task"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    organization_field = "organization"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.label} – {self.occurred_on:%d/%m/%Y}"

    @property
    def label(self) -> str:
        """The event's name: its kind's, or for an event named in the plans ("named"), its words
        (the description up to " — ", after which the secretary's note follows)."""
        if self.kind == NAMED_EVENT:
            return self.description.split(NAMED_EVENT_NOTE)[0]
        return self.get_kind_display()


# --- the one vocabulary of an item's state -----------------------------------------------------
# Open, overdue, due soon, upcoming and done are said here once, as conditions, so that filters,
# grouped counts (annotate/aggregate) and lookups through a relation (``prefix="work_item__"``)
# all mean the same thing.
def is_open(prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}status__in": OPEN_WORK_ITEM_STATUSES})


def is_done(prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}status": WorkItemStatus.DONE})


def is_overdue(today: datetime.date, prefix: str = "") -> models.Q:
    return is_open(prefix) & models.Q(**{f"{prefix}due_date__lt": today})


def is_due_soon(today: datetime.date, days: int, prefix: str = "") -> models.Q:
    """Open and due from today to ``days`` days ahead."""
    window = (today, today + datetime.timedelta(days=days))
    return is_open(prefix) & models.Q(**{f"{prefix}due_date__range": window})


def is_upcoming(today: datetime.date, prefix: str = "") -> models.Q:
    """Open and not overdue (a date to come, or none yet)."""
    due = f"{prefix}due_date"
    return is_open(prefix) & (
        models.Q(**{f"{due}__gte": today}) | models.Q(**{f"{due}__isnull": True})
    )


def is_lapsed(prefix: str = "") -> models.Q:
    """Not done when its plan closed."""
    return models.Q(**{f"{prefix}status": WorkItemStatus.LAPSED})


def is_waiting(prefix: str = "") -> models.Q:
    """Waiting for an event that has not happened (yet): no obligation until it does."""
    return models.Q(**{f"{prefix}due_date__isnull": True}) & ~models.Q(
        **{f"{prefix}waiting_for": ""}
    )


def is_unfinished(prefix: str = "") -> models.Q:
    """Still to do, or not done when its plan closed: what keeps a task from counting as done
    (an item still waiting for the next event does not)."""
    return (is_open(prefix) | is_lapsed(prefix)) & ~is_waiting(prefix)


def progress_counts(today: datetime.date) -> dict[str, models.Count]:
    """done / overdue / upcoming as counts, for ``annotate`` or ``aggregate``. In a year's figures
    an item not done when its plan closed counts as overdue: it was due and not done."""
    return {
        "done": models.Count("pk", filter=is_done()),
        "overdue": models.Count("pk", filter=is_overdue(today) | is_lapsed()),
        "upcoming": models.Count("pk", filter=is_upcoming(today)),
    }


def _points_to_item(kind: kinds.WorkKind) -> bool:
    """The kind's record holds the link (a risk action's ``work_item``), not the item."""
    field = WorkItem._meta.get_field(kind.source_field)
    return field.one_to_one and not field.concrete


def _relations_apart(kind: kinds.WorkKind) -> list[models.Prefetch]:
    """What a joined record reads (``related``: the task's plan, the objective's set and its
    owner), read once per distinct row it points to: the items of a list share a few plans,
    and joined to each item the plan's wide row (its texts, its JSON) cost the unit's list
    more than this query."""
    record = WorkItem._meta.get_field(kind.source_field).related_model
    by_first: dict[str, list[str]] = {}
    for path in kind.related:
        first, _, rest = path.partition("__")
        by_first.setdefault(first, [])
        if rest:
            by_first[first].append(rest)
    return [
        models.Prefetch(
            f"{kind.source_field}__{first}",
            # As the join read it: every row (the base manager), unordered.
            queryset=record._meta.get_field(first)
            .related_model._base_manager.select_related(*rest)
            .order_by(),
        )
        for first, rest in by_first.items()
    ]


def _records(manager, kind: kinds.WorkKind) -> models.QuerySet:
    """The kind's records with what they read (``related``): no more — ``select_related()`` of
    nothing would join every foreign key — and unordered (ordering a wide select cost its
    compilation more than the query)."""
    records = manager.order_by()
    return records.select_related(*kind.related) if kind.related else records


class _WithSources(ModelIterable):
    """Items with the records they belong to that the wide query does not join: those behind
    the generic relation (documents, legal texts) and those that point to their item (risk
    actions, corrective actions, review decisions) — one query per such kind the items have.
    Joined to every item instead, the reverse one-to-one joins made the planner's work (20 ms)
    cost more than the query; Django's generic prefetch cost the unit's list more in Python
    than the query it sends."""

    def __iter__(self):
        items = list(super().__iter__())
        generic = WorkItem._meta.get_field("source")
        for k in kinds.all_kinds():
            if k.generic:
                ids = {item.source_id for item in items if item.kind == k.name}
                found = {}
                if ids:
                    records = _records(apps.get_model(k.model)._default_manager, k)
                    found = {record.pk: record for record in records.filter(pk__in=ids)}
                for item in items:
                    if item.kind == k.name:
                        generic.set_cached_value(item, found.get(item.source_id))
                continue
            if not _points_to_item(k):
                continue
            relation = WorkItem._meta.get_field(k.source_field)
            ids = [item.pk for item in items if item.kind == k.name]
            found = {}
            if ids:
                link = relation.field.name
                records = _records(relation.related_model._base_manager, k)
                for record in records.filter(**{f"{link}__in": ids}):
                    found[getattr(record, relation.field.attname)] = record
            for item in items:  # as the join did: None where the item has none
                record = found.get(item.pk)
                relation.set_cached_value(item, record)
                if record is not None:
                    relation.field.set_cached_value(record, item)
        yield from items


class WorkItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open())

    def overdue(self, today: datetime.date):
        return self.filter(is_overdue(today))

    def progress(self, today: datetime.date) -> dict[str, int]:
        return self.aggregate(**progress_counts(today))

    def with_sources(self):
        """With each item's record and what its kind reads of it: a list of items of any kinds
        in a fixed number of queries (one more per kind whose record is not joined — behind the
        generic relation, or pointing to the item — and per relation its record reads, when the
        list has some)."""
        joined, read_apart = ["department"], []
        for k in kinds.all_kinds():
            if not k.generic and not _points_to_item(k):
                joined.append(k.source_field)
                read_apart += _relations_apart(k)
        listed = self.select_related(*joined).prefetch_related(*read_apart)
        listed._iterable_class = _WithSources
        return listed

    def with_details(self):
        """With what the item pages show beside the title (whom an advising unit prepares for):
        one more query per kind that needs one."""
        lookups = [
            p(k.source_field) if callable(p) else f"{k.source_field}__{p}"
            for k in kinds.all_kinds()
            if not k.generic
            for p in k.prefetch
        ]
        return self.prefetch_related(*lookups)

    def in_order(self, ids: list[int]) -> list:
        """The items of ``ids``, in that order. A list chooses its rows by a query of keys alone,
        then reads them whole: the wide query (every kind's record joined) then neither sorts
        nor filters more than those rows (the planner's joins under a sort cost a dashboard
        9 ms), and is not ordered (its compilation hashed each selected column)."""
        found = {item.pk: item for item in self.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]

    def search(self, text: str, organization_id: int | None = None):
        """Items whose own title contains ``text``, whatever kind they are (of
        ``organization_id``, when the items searched are all that organization's)."""
        items = self if organization_id is None else self.filter(organization_id=organization_id)
        # Only the kinds the items hold (one small query): each kind searched is a subquery,
        # built and compiled into every query of the list (its counts, its page); with all ten
        # kinds, two fifths of a unit's search page.
        present = set(items.order_by().values_list("kind", flat=True).distinct())
        return items.filter(kinds.search_filter(text, organization_id, present))


class WorkItem(models.Model):
    """One dated obligation of one responsible unit. Overdue is computed, never stored."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="work_items"
    )
    # What the item is (its kind, see plans/work/kinds.py) and the record it belongs to: a plan task
    # or an objective through their own keys (joined and constrained in bulk), any other record
    # through the generic relation ``source``.
    kind = models.CharField(_("kind"), max_length=40)
    task = models.ForeignKey(
        "plans.PlanTask",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("task"),
    )
    objective = models.ForeignKey(
        "plans.Objective",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("quality objective"),
    )
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The plan's or objectives' year.")
    )
    period_key = models.CharField(max_length=20)
    period_label = models.CharField(_("period"), max_length=100, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    waiting_for = models.CharField(
        _("waiting for"), max_length=30, choices=EventKind.choices, blank=True
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("event"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("unit"),
    )
    party = models.CharField(_("party"), max_length=30, choices=TaskParty.choices, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkItemStatus.choices,
        default=WorkItemStatus.NOT_STARTED,
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    completed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The day the work was done, as the person closing it says (it may be earlier than the day it
    # was recorded, ``completed_at``).
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The secretary closed it for a unit that has no head to close its own work.
    on_behalf = models.BooleanField(_("closed on the unit's behalf"), default=False)
    # The record whose completion closed it by itself (the minutes approved, the report sent…):
    # its evidence, and what reopens it if the record goes back.
    closed_by_record_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_by_record_id = models.PositiveBigIntegerField(null=True, blank=True)
    closed_by_record = GenericForeignKey("closed_by_record_type", "closed_by_record_id")

    objects = WorkItemQuerySet.as_manager()
    # Closing and reopening are people's changes. (Items created in bulk from a plan's schedule
    # are derived data: their creation is not recorded, their later changes are.)
    # The reason is a person's, of any length: why an item was reopened.
    history = HistoricalRecords()
    organization_field = "organization"

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "period_key", "department", "party"],
                name="work_item_unique_occurrence",
                condition=models.Q(department__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["task", "period_key", "party"],
                name="work_item_unique_party_occurrence",
                condition=models.Q(department__isnull=True),
            ),
        ]
        indexes = [
            # "my work" and the dashboards: a unit's (or an organization's) items by due date.
            models.Index(fields=["department", "status", "due_date"]),
            models.Index(fields=["organization", "status", "due_date"]),
            models.Index(fields=["source_type", "source_id"]),
            # The province view counts a year's items per agency, hundreds of agencies at once:
            # read from this index alone, whatever the years and agencies beside them.
            models.Index(
                fields=["organization", "year"],
                include=["status", "due_date", "id"],
                name="work_item_org_year",
            ),
            # The reminder sweep reads only open items with a due date.
            models.Index(
                fields=["due_date"],
                name="work_item_open_due",
                condition=models.Q(status__in=OPEN_WORK_ITEM_STATUSES, due_date__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.period_label}"

    # The item as people see it, whatever its kind: read from its record by the kind ("" while the
    # item has no record, e.g. an admin form being filled in).
    @property
    def kind_spec(self) -> kinds.WorkKind:
        return kinds.kind(self.kind)

    @property
    def record(self):
        return getattr(self, self.kind_spec.source_field, None)

    def _read(self, reader) -> str:
        record = self.record
        return reader(record) if reader and record is not None else ""

    @property
    def title(self) -> str:
        return self._read(self.kind_spec.title)

    @property
    def source_label(self) -> str:
        return self._read(self.kind_spec.origin)

    @property
    def source_url(self) -> str:
        return self._read(self.kind_spec.url)

    @property
    def timing_text(self) -> str:
        return self._read(self.kind_spec.timing)

    @property
    def output(self) -> str:
        return self._read(self.kind_spec.output)

    @property
    def prepared_for(self) -> str:
        """The lead the unit prepares this work for, when it advises rather than leads."""
        reader = self.kind_spec.prepared_for
        record = self.record
        return reader(record, self) if reader and record is not None else ""

    @property
    def responsible_label(self) -> str:
        return self.department.name if self.department_id else party_label(self.party)

    def get_status_display(self):
        # Django's version rebuilds a dict of every choice, translating each label, on each call:
        # most of a 30-row list's cost of showing a status.
        try:
            return WorkItemStatus(self.status).label
        except ValueError:
            return self.status  # as Django shows a value outside the choices

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_WORK_ITEM_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today


# The tally's due date of an item whose date cannot make it overdue: done, lapsed, or open without
# a date yet (continuous work, waiting for an event). Never before any "today".
NO_DUE = datetime.date(9999, 12, 31)


class WorkTally(models.Model):
    """How many work items an organization has in a year, by status and (open ones) due date.

    Kept by the database, not by the code: statement triggers on the work item table (migration
    ``0028_work_tally``) add what each INSERT, UPDATE or DELETE changes, whatever wrote it — a
    service, a bulk update, a cascade, a COPY. The province view reads a few dozen rows per agency
    from it instead of counting hundreds of thousands of items; overdue is still decided at read
    time (open and due before today), so the figures are those of the day. PostgreSQL only: on
    another database (the SQLite demo) the items are counted (``tally_supported``)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.DO_NOTHING,  # the triggers empty it as the items go
        db_constraint=False,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20)
    due = models.DateField()  # NO_DUE unless the items are open and dated
    items = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "status", "due"], name="work_tally_key"
            )
        ]
        indexes = [
            # A year's figures read from the index alone, not from the table's pages (the
            # province's 300 agencies: 7,200 rows, 6–8 → 3–4 ms). Apart from the key, which
            # the triggers' upsert names as a constraint: a constraint cannot carry columns.
            models.Index(
                fields=["year", "organization"],
                include=["status", "due", "items"],
                name="work_tally_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year} {self.status} {self.due}: {self.items}"


def _total(condition: models.Q | None = None) -> Coalesce:
    return Coalesce(models.Sum("items", filter=condition), 0)


def tally_supported() -> bool:
    return connection.vendor == "postgresql"


def work_years(organization_id: int) -> list[int]:
    """The years the organization has work items in, newest first: from the tally (a few dozen
    rows, not the agency's thousands of items) where the database keeps one."""
    if tally_supported():
        rows = WorkTally.objects.filter(organization_id=organization_id, items__gt=0)
    else:
        rows = WorkItem.objects.filter(organization_id=organization_id)
    return list(rows.values_list("year", flat=True).distinct().order_by("-year"))


def tally_counts(organization_ids: list[int], year: int, today: datetime.date) -> models.QuerySet:
    """Per organization: its items of the year, done and overdue (as ``progress_counts``
    counts them), from the tally — for a list of ids (``__any``: the year's index read for
    exactly those agencies, where a subquery of them had the whole year's rows joined)."""
    return (
        WorkTally.objects.filter(organization__any=organization_ids, year=year)
        .values("organization_id")
        .annotate(
            all_items=_total(),
            done=_total(models.Q(status=WorkItemStatus.DONE)),
            overdue=_total(
                models.Q(status__in=OPEN_WORK_ITEM_STATUSES, due__lt=today)
                | models.Q(status=WorkItemStatus.LAPSED)
            ),
        )
        .order_by()
    )


def evidence_path(instance: "WorkItemEvidence", filename: str) -> str:
    return f"evidence/{instance.item.organization_id}/{instance.item_id}/{filename}"


class WorkItemEvidence(StoredFile):
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path)

    organization_field = "item__organization"

    class Meta(StoredFile.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


# --- the delivery log (a reminder: one row per recipient, kind and day; a hand-off: one per
# recipient and workflow step) and the inbox ---------------------------------------------------
class DeliveryKind(models.TextChoices):
    DIGEST = "digest", _("Daily reminder")
    ESCALATION = "escalation", _("Weekly overdue report")
    HANDOFF = "handoff", _("Approval step")


DAILY_KINDS = (DeliveryKind.DIGEST, DeliveryKind.ESCALATION)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    GAVE_UP = "gave_up", _("Failed, given up")
    EMPTY = "empty", _("Nothing left to send")
    HELD = "held", _("Kept for the daily reminder")


class IdList(models.TextField):
    """Ids as "12,15,40": read back whole, never searched. A digest's hundreds of ids stored as
    JSON had the database parse each as a number: recording the 36 digests of 10,000 open items
    took 10 ms that way, 3 ms as text. Reads the JSON list it replaced ("[12, 15, 40]") too."""

    def from_db_value(self, value, expression, connection) -> list[int] | None:
        return None if value is None else self.to_python(value)

    def to_python(self, value) -> list[int]:
        if isinstance(value, list):
            return value
        return [int(n) for n in value.strip("[]").split(",") if n.strip()]

    def get_prep_value(self, value) -> str:
        return ",".join(map(str, self.to_python(value)))

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))


class Delivery(models.Model):
    """One reminder to one person for one day, or one hand-off message to one person for one
    workflow step: the unique keys make each one happen once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=DeliveryKind.choices)
    date = models.DateField()
    item_ids = IdList(default=list, blank=True)
    # A hand-off's step ("plans.plan:12:submit:345": record, action, history row); its message
    # is the inbox entry written with it.
    key = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the task queued for it is due to run (a sweep: at once; a Celery retry: its next
    # attempt); nobody queues it again before STALE_CLAIM after that. None: not queued.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The retry schedule (plans/work/reminders.py): set after each failed attempt, and the
    # start of the give-up horizon.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    errors = models.JSONField(default=list, help_text="every failed attempt: when and why")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "date"],
                name="delivery_once_per_day",
                condition=models.Q(kind__in=DAILY_KINDS),
            ),
            models.UniqueConstraint(
                fields=["recipient", "key"],
                name="delivery_once_per_step",
                condition=~models.Q(key=""),
            ),
        ]
        indexes = [
            models.Index(
                fields=["date", "status"],
                name="delivery_unsent",
                condition=~models.Q(status__in=["sent", "empty", "gave_up"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.date:%d/%m/%Y})"


class Notification(models.Model):
    """An entry of the in-app inbox (the bell)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    delivery = models.OneToOneField(
        Delivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )
    title = models.CharField(pgettext_lazy("notification", "title"), max_length=255)
    body = models.TextField(_("content"))
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["user"], name="notification_unread", condition=models.Q(read_at=None)
            )
        ]

    def __str__(self) -> str:
        return self.title
