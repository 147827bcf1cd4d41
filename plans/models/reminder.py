"""What was sent to whom: the delivery log (one row per recipient, kind and day) and the inbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.organizations.models import Organization


class DeliveryKind(models.TextChoices):
    DIGEST = "digest", _("Daily reminder")
    ESCALATION = "escalation", _("Weekly overdue report")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    GAVE_UP = "gave_up", _("Failed, given up")
    EMPTY = "empty", _("Nothing left to send")


class Delivery(models.Model):
    """One reminder to one person for one day: the unique key makes each one happen once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=DeliveryKind.choices)
    date = models.DateField()
    item_ids = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the task queued for it is due to run (a sweep: at once; a Celery retry: its next
    # attempt); nobody queues it again before STALE_CLAIM after that. None: not queued.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The retry schedule (plans/services/reminders.py): set after each failed attempt, and the
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
                fields=["recipient", "kind", "date"], name="delivery_once_per_day"
            )
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
    title = models.CharField(_("title"), max_length=255)
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
