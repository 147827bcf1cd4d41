"""Soft delete for controlled records: a deleted row stays, marked, and its history shows it."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LiveManager(models.Manager):
    """The default manager: deleted rows are left out everywhere (pages, prints, related sets)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 - deleted rows too (history, backups)

    class Meta:
        abstract = True

    def soft_delete(self, *, user: Any = None) -> None:
        """Marked, not removed; saved through save() so django-simple-history records it."""
        self.deleted_at = timezone.now()
        if user is not None:
            self._history_user = user
        self.save(update_fields=["deleted_at"])
