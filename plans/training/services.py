"""The steps that change onboardings, trainings and auditors' certificates.

An onboarding is opened when a person gets a role or a unit (``onboarding_open``, called where
memberships are saved: the admin and the demo); the same role and unit of the same membership is
guided once, so saving the person again opens nothing. Its work item belongs to the unit's head
(the ISO secretary when the unit has no head, plans/work/responsibility.py); a person without a
unit, or a new head of unit, is guided by the ISO secretary. Recording it closes the item and
the plan's task "hướng dẫn … khi có công chức được bố trí công việc mới" of that unit and year.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.uploads import safe_name
from plans.choices import Role, TaskParty
from plans.organizations.models import Membership, Organization
from plans.planning.fulfilment import record_fulfils
from plans.work.calendar import load_calendar
from plans.work.services import (
    item_end,
    item_open,
    item_update,
    items_reopen_for,
    work_item_complete,
)

from .models import AuditorCertificate, Onboarding, Training

ONBOARDING = "onboarding"
CERTIFICATE_RENEWAL = "certificate_renewal"
# What completes a plan task ("Hoàn thành khi", plans/planning/fulfilment.py).
ONBOARDED = "onboarding_recorded"
TRAINING_HELD = "training_held"

# The province's coordinator works in another agency: nobody here guides them.
NOT_ONBOARDED = frozenset({Role.PROVINCE_COORDINATOR})


class TrainingError(Exception):
    """A step the record's state does not allow. The message is for the user."""


# --- onboarding ----------------------------------------------------------------------------------
def _guiding_unit(membership: Membership) -> tuple[int | None, str]:
    """(department, party) of the item: the person's unit answers (its head, or the secretary
    for a unit without one), unless the person is its new head or has no unit."""
    if membership.department_id and membership.role != Role.DEPARTMENT_HEAD:
        return membership.department_id, ""
    return None, TaskParty.ISO_SECRETARY


@transaction.atomic
def onboarding_open(
    *, membership: Membership, user: Any = None, on: datetime.date | None = None
) -> Onboarding | None:
    """The person of ``membership`` got this role in this unit (new, or changed): open their
    QMS guidance, due ``organization.onboarding_days`` working days later. None when this role
    and unit were already guided or are being guided (saving again opens nothing)."""
    if membership.role in NOT_ONBOARDED or not membership.user.is_active:
        return None
    existing = Onboarding.objects.select_for_update().filter(membership=membership)
    if existing.filter(role=membership.role, department_id=membership.department_id).exists():
        return None
    on = on or timezone.localdate()
    # A change before the earlier one was guided: the guidance for the new assignment replaces it.
    for earlier in existing.filter(guided_on__isnull=True).select_related("work_item"):
        item_end(earlier.work_item)
    organization = membership.organization
    calendar = load_calendar()
    department_id, party = _guiding_unit(membership)
    item = item_open(
        ONBOARDING,
        None,  # the onboarding holds its item
        organization_id=organization.pk,
        year=on.year,
        key=f"onb-{membership.pk}-{on:%Y%m%d}",
        # Stored text: the date alone reads the same whatever the language the item was opened in.
        label=f"{on:%d/%m/%Y}",
        due_on=calendar.add(on, organization.onboarding_days, "working_days"),
        counted=True,  # N working days from the assignment
        department_id=department_id,
        party=party,
        calendar=calendar,
    )
    onboarding = Onboarding(
        organization=organization,
        person=membership.user,
        membership=membership,
        role=membership.role,
        department_id=membership.department_id,
        assigned_on=on,
        work_item=item,
    )
    onboarding._history_user = user
    onboarding.save()
    return onboarding


def onboardings_open_for(memberships, *, user: Any = None) -> list[Onboarding]:
    """``onboarding_open`` for each membership just saved (an admin form with several rows)."""
    opened = [onboarding_open(membership=m, user=user) for m in memberships]
    return [onboarding for onboarding in opened if onboarding is not None]


@transaction.atomic
def onboarding_record(
    *,
    onboarding: Onboarding,
    user: Any,
    guided_on: datetime.date,
    guided_by: Any,
    covered_procedures: bool = False,
    covered_policy: bool = False,
    covered_objectives: bool = False,
    notes: str = "",
    files=(),
) -> Onboarding:
    """The person was guided: record it, close its item (the files are its evidence) and the
    plan's task of the unit for that year."""
    onboarding = Onboarding.objects.select_for_update().get(pk=onboarding.pk)
    if onboarding.is_done:
        raise TrainingError(_("This guidance is already recorded."))
    if not onboarding.work_item.is_open:
        raise TrainingError(_("This guidance is no longer due: the role or unit changed since."))
    if guided_on < onboarding.assigned_on:
        raise TrainingError(_("The person cannot have been guided before the assignment."))
    if not (covered_procedures or covered_policy or covered_objectives or notes.strip()):
        raise TrainingError(_("Say what the guidance covered."))
    onboarding.guided_on = guided_on
    onboarding.guided_by = guided_by
    onboarding.covered_procedures = covered_procedures
    onboarding.covered_policy = covered_policy
    onboarding.covered_objectives = covered_objectives
    onboarding.notes = notes
    onboarding._history_user = user
    onboarding.save()
    work_item_complete(
        item=onboarding.work_item,
        user=user,
        note=notes,
        files=files,
        done_on=guided_on,  # the service refuses a day in the future
        record=onboarding,
    )
    if onboarding.department_id:
        record_fulfils(
            ONBOARDED,
            organization=onboarding.organization,
            year=guided_on.year,
            done_on=guided_on,
            user=user,
            record=onboarding,
            department_id=onboarding.department_id,
        )
    return onboarding


# --- trainings -----------------------------------------------------------------------------------
def _check_training(organization: Organization, fields: dict) -> None:
    if fields["held_on"] > timezone.localdate():
        raise TrainingError(
            _("A training is recorded once it was held: the date is in the future.")
        )
    if not fields.get("trainer") and not fields.get("trainer_name", "").strip():
        raise TrainingError(_("Say who trained: a person of the agency or from outside."))
    outsiders = [p for p in fields.get("attendees", ()) if not _member(p, organization)]
    if outsiders:
        raise TrainingError(_("Attendees must be people of the agency."))


def _member(person: Any, organization: Organization) -> bool:
    return person.memberships.filter(organization=organization).exists()


def _store_files(training: Training, files, user: Any) -> None:
    for upload in files:
        training.files.create(
            file=upload, original_name=safe_name(upload.name), size=upload.size, uploaded_by=user
        )


@transaction.atomic
def training_record(
    *, organization: Organization, user: Any, attendees=(), files=(), **fields: Any
) -> Training:
    """A training held; it completes the year's plan task on trainings (of its unit, or every
    unit's for a training of the whole agency)."""
    _check_training(organization, {**fields, "attendees": attendees})
    training = Training(organization=organization, recorded_by=user, **fields)
    training._history_user = user
    training.save()
    training.attendees.set(attendees)
    _store_files(training, files, user)
    record_fulfils(
        TRAINING_HELD,
        organization=organization,
        year=training.held_on.year,
        done_on=training.held_on,
        user=user,
        record=training,
        department_id=training.department_id,
    )
    return training


@transaction.atomic
def training_files_add(*, training: Training, user: Any, files) -> None:
    _store_files(training, files, user)


@transaction.atomic
def training_delete(*, training: Training, user: Any) -> None:
    """A training recorded by mistake: gone, with the plan items it closed reopened."""
    items_reopen_for(training, user=user)
    training._history_user = user
    training.delete()


def training_check(*, training: Training) -> None:
    """The rules ``training_record`` applies, for an edit (the form saves it, versioned)."""
    _check_training(
        training.organization,
        {
            "held_on": training.held_on,
            "trainer": training.trainer,
            "trainer_name": training.trainer_name,
        },
    )


# --- auditors' certificates --------------------------------------------------------------------
def _renewal_fields(certificate: AuditorCertificate) -> dict:
    return {
        "due_on": certificate.expires_on,
        "counted": False,  # a stated date: renewed before it expires
    }


def _renewal_open(certificate: AuditorCertificate):
    return item_open(
        CERTIFICATE_RENEWAL,
        None,  # the certificate holds its item
        organization_id=certificate.organization_id,
        year=certificate.expires_on.year,
        key=f"cert-{certificate.person_id}-{certificate.expires_on:%Y%m%d}",
        label=f"{certificate.expires_on:%d/%m/%Y}",  # the day it expires
        party=TaskParty.ISO_SECRETARY,
        **_renewal_fields(certificate),
    )


@transaction.atomic
def certificate_record(
    *, organization: Organization, user: Any, file=None, **fields: Any
) -> AuditorCertificate:
    """A certificate; one that expires puts its renewal on the ISO secretary's work, due the day
    it expires. It renews the person's earlier certificates: their renewal items close."""
    if fields.get("expires_on") and fields["expires_on"] < fields["issued_on"]:
        raise TrainingError(_("A certificate cannot expire before it is issued."))
    certificate = AuditorCertificate(organization=organization, recorded_by=user, **fields)
    if file:
        certificate.file = file
        certificate.original_name = safe_name(file.name)
    if certificate.expires_on:
        certificate.renewal = _renewal_open(certificate)
    certificate._history_user = user
    certificate.save()
    earlier = (
        AuditorCertificate.objects.filter(
            organization=organization,
            person_id=certificate.person_id,
            renewal__status__in=("not_started", "in_progress"),
            issued_on__lte=certificate.issued_on,
        )
        .exclude(pk=certificate.pk)
        .select_related("renewal")
    )
    for old in earlier:
        work_item_complete(
            item=old.renewal,
            user=user,
            done_on=min(
                max(certificate.issued_on, datetime.date(old.renewal.year, 1, 1)),
                timezone.localdate(),
            ),
            record=certificate,
            on_behalf=False,
        )
    return certificate


@transaction.atomic
def certificate_changed(*, certificate: AuditorCertificate, user: Any, file=None) -> None:
    """After an edit (saved by the form, versioned): the file and the renewal's due date follow."""
    if certificate.expires_on and certificate.expires_on < certificate.issued_on:
        raise TrainingError(_("A certificate cannot expire before it is issued."))
    if file:
        certificate.file = file
        certificate.original_name = safe_name(file.name)
        certificate.save(update_fields=["file", "original_name"])
    if certificate.renewal_id and certificate.expires_on:
        item_update(certificate.renewal, **_renewal_fields(certificate))
    elif certificate.renewal_id:  # no longer expires
        item_end(certificate.renewal)
    elif certificate.expires_on:  # now it does
        certificate.renewal = _renewal_open(certificate)
        certificate.save(update_fields=["renewal"])
