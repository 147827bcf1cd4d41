"""The change history of a training (its attendees among its fields), an onboarding (with the
work on its item) and an auditor's certificate (isoplan/history.py reads and compares rows)."""

from __future__ import annotations

from django.utils.text import capfirst

from isoplan.history import HistoryEntry, Table, history_entries
from plans.work.history import work_item_table

from .models import AuditorCertificate, Onboarding, Training


def training_history(training: Training) -> list[HistoryEntry]:
    label = capfirst(Training._meta.verbose_name)
    return history_entries(
        Table(
            Training,
            Training.history.filter(id=training.pk),
            lambda r: label,
            ignore=("organization", "recorded_by"),
        ),
    )


def onboarding_history(onboarding: Onboarding) -> list[HistoryEntry]:
    label = capfirst(Onboarding._meta.verbose_name)
    return history_entries(
        Table(
            Onboarding,
            Onboarding.history.filter(id=onboarding.pk),
            lambda r: label,
            ignore=("organization", "membership", "work_item"),
        ),
        work_item_table([onboarding.work_item_id], lambda r: label),
    )


def certificate_history(certificate: AuditorCertificate) -> list[HistoryEntry]:
    label = capfirst(AuditorCertificate._meta.verbose_name)
    ids = [certificate.renewal_id] if certificate.renewal_id else []
    return history_entries(
        Table(
            AuditorCertificate,
            AuditorCertificate.history.filter(id=certificate.pk),
            lambda r: label,
            ignore=("organization", "recorded_by", "renewal", "original_name"),
        ),
        work_item_table(ids, lambda r: label),
    )
