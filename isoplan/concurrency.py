"""Optimistic locking: the second of two concurrent saves is refused, never silently applied."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction


class StaleEditError(Exception):
    """Someone saved the record after the person opened it. ``current`` holds what is saved now."""

    def __init__(self, current: models.Model):
        super().__init__("stale edit")
        self.current = current


def save_if_unchanged(instance: Any, *, expected_version: int, **save_kwargs: Any) -> None:
    """Save ``instance`` only if its stored ``lock_version`` is still ``expected_version``.

    The row is locked for the check (SELECT … FOR UPDATE on PostgreSQL), then saved through
    ``save()`` so that django-simple-history records the change.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.lock_version != expected_version:
            raise StaleEditError(current)
        instance.lock_version = current.lock_version + 1
        instance.save(**save_kwargs)


def bump_version(instance: Any) -> None:
    """Mark a record changed by a side path (e.g. its rows), so open edit forms become stale."""
    model = type(instance)
    model._default_manager.filter(pk=instance.pk).update(lock_version=models.F("lock_version") + 1)
    instance.refresh_from_db(fields=["lock_version"])
