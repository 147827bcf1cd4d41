"""The pages of training and onboarding: the trainings of a year (by unit, by person), a
training, a person's training record, the guidance of newcomers, the auditors' certificates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.history_views import history_page
from isoplan.uploads import download
from plans.choices import Role
from plans.organizations.access import (
    get_object_for_user,
    has_role,
    headed_department_ids,
    writable_departments,
)
from plans.organizations.models import User

from . import history, selectors, services
from .forms import CertificateForm, OnboardingRecordForm, TrainingForm
from .models import AuditorCertificate, Onboarding, Training, TrainingFile

PAGE_SIZE = 30


def _organization(request):
    if request.organization is None:
        raise Http404
    return request.organization


# --- trainings -----------------------------------------------------------------------------------
def training_list(request):
    organization = _organization(request)
    filters = selectors.training_filters(request, organization)
    page = Paginator(filters.trainings, PAGE_SIZE).get_page(request.GET.get("page"))
    everyone = selectors.sees_everything(request.user, organization)
    units = organization.departments.filter(is_active=True)
    if not everyone:
        units = units.filter(pk__in=headed_department_ids(request.user, organization))
    return render(
        request,
        "plans/training/training_list.html",
        {
            "filters": filters,
            "page": page,
            "query": filters.query + "&",
            "departments": units,
            "people": selectors.people_filter(request.user, organization),
            "can_add": request.user.has_perm("plans.add_training", organization),
            "sees_everything": everyone,
        },
    )


def _training_for(request, pk: int, permission: str = "plans.view_training") -> Training:
    trainings = Training.objects.select_related("organization", "department", "trainer")
    return get_object_for_user(trainings, request.user, permission=permission, pk=pk)


def training_edit(request, pk: int | None = None):
    """Record a training held (the secretary for the agency or a unit, a head for their unit) or
    correct one; a second, stale save is refused."""
    if pk is None:
        organization = _organization(request)
        if not request.user.has_perm("plans.add_training", organization):
            raise PermissionDenied
        training = Training(organization=organization)
    else:
        training = _training_for(request, pk, "plans.change_training")
        organization = training.organization
    is_secretary = has_role(request.user, organization, {Role.ISO_SECRETARY})
    form = TrainingForm(
        request.POST or None,
        request.FILES or None,
        instance=training,
        organization=organization,
        departments=writable_departments(request.user, organization),
        agency=is_secretary,
        initial={"held_on": timezone.localdate()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"lock_version", "evidence"}}
        files = form.cleaned_data.get("evidence") or []
        try:
            if pk is None:
                training = services.training_record(
                    organization=organization, user=request.user, **data
                )
                services.training_files_add(training=training, user=request.user, files=files)
            else:
                saved = form.save(commit=False)
                saved._history_user = request.user
                conflict = form.save_versioned(saved, then=lambda _record: form.save_m2m())
                if conflict is None:
                    services.training_files_add(training=saved, user=request.user, files=files)
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            if conflict is None:
                messages.success(request, _("The training was saved."))
                return redirect(training)
    return render(
        request,
        "plans/training/training_form.html",
        {"form": form, "training": training, "conflict": conflict},
    )


def training_detail(request, pk: int):
    training = _training_for(request, pk)
    return render(
        request,
        "plans/training/training_detail.html",
        {
            "training": training,
            "attendees": training.attendees.order_by("full_name"),
            "files": training.files.all(),
            "can_change": request.user.has_perm("plans.change_training", training),
        },
    )


def training_delete(request, pk: int):
    training = _training_for(request, pk, "plans.change_training")
    if request.method == "POST":
        services.training_delete(training=training, user=request.user)
        messages.success(request, _("The training was deleted."))
        return redirect("plans:training_list")
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Delete this training?"),
            "text": _(
                "%(title)s (%(date)s)\n\nIts attendees and files are deleted with it; the plan's "
                "task it completed opens again."
            )
            % {"title": training.title, "date": f"{training.held_on:%d/%m/%Y}"},
            "button": _("Delete"),
            "style": "danger",
            "cancel_url": training.get_absolute_url(),
        },
    )


def training_file(request, pk: int):
    stored = get_object_for_user(
        TrainingFile.objects.select_related("training"), request.user, pk=pk
    )
    if not request.user.has_perm("plans.view_training", stored.training):
        raise PermissionDenied
    return download(request, stored)


def training_history(request, pk: int):
    training = _training_for(request, pk)
    trail = [(_("Training"), reverse("plans:training_list"))]
    return history_page(request, training, history.training_history(training), trail=trail)


def person_training(request, pk: int):
    """A person's training record in the agency: themselves, their unit's head, the secretary
    and the leadership."""
    organization = _organization(request)
    person = _person_for(request, organization, pk)
    return render(
        request,
        "plans/training/person_training.html",
        {"person": person, **selectors.person_record(person, organization)},
    )


def _person_for(request, organization, pk: int):
    person = User.objects.filter(pk=pk, memberships__organization=organization).distinct().first()
    if person is None:
        raise Http404
    if not selectors.may_see_person(request.user, organization, person):
        raise PermissionDenied
    return person


# --- onboarding ----------------------------------------------------------------------------------
def onboarding_list(request):
    """The guidance of people in a new role: open first, then the year's recorded ones."""
    organization = _organization(request)
    onboardings = selectors.onboardings_visible(request.user, organization)
    page = Paginator(onboardings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/training/onboarding_list.html",
        {"page": page, "query": "", "today": timezone.localdate()},
    )


def _onboarding_for(request, pk: int, permission: str = "plans.view_onboarding") -> Onboarding:
    onboardings = Onboarding.objects.select_related(
        "organization", "person", "department", "guided_by", "work_item"
    )
    return get_object_for_user(onboardings, request.user, permission=permission, pk=pk)


def onboarding_detail(request, pk: int):
    onboarding = _onboarding_for(request, pk)
    can_record = (
        not onboarding.is_done
        and onboarding.work_item.is_open
        and request.user.has_perm("plans.record_onboarding", onboarding)
    )
    form = OnboardingRecordForm(
        request.POST or None,
        request.FILES or None,
        organization=onboarding.organization,
        initial={"guided_on": timezone.localdate(), "guided_by": request.user.pk},
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.onboarding_record(
                    onboarding=onboarding, user=request.user, **form.cleaned_data
                )
            except services.TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The guidance was recorded."))
                return redirect(onboarding)
    return render(
        request,
        "plans/training/onboarding_detail.html",
        {
            "onboarding": onboarding,
            "item": onboarding.work_item,
            "evidence": onboarding.work_item.evidence.all(),
            "form": form,
            "can_record": can_record,
        },
    )


def onboarding_history(request, pk: int):
    onboarding = _onboarding_for(request, pk)
    trail = [(_("QMS guidance"), reverse("plans:onboarding_list"))]
    return history_page(request, onboarding, history.onboarding_history(onboarding), trail=trail)


# --- auditors' certificates -------------------------------------------------------------------
def certificate_list(request):
    organization = _organization(request)
    certificates = AuditorCertificate.objects.filter(organization=organization).select_related(
        "person", "renewal"
    )
    if not selectors.sees_everything(request.user, organization):
        certificates = certificates.filter(person=request.user)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/training/certificate_list.html",
        {
            "page": page,
            "query": "",
            "today": timezone.localdate(),
            "expiring": selectors.certificates_expiring(organization),
            "organization": organization,
            "can_change": request.user.has_perm("plans.change_auditorcertificate", organization),
        },
    )


def certificate_edit(request, pk: int | None = None):
    if pk is None:
        organization = _organization(request)
        if not request.user.has_perm("plans.change_auditorcertificate", organization):
            raise PermissionDenied
        certificate = AuditorCertificate(organization=organization)
        initial = {"person": request.GET.get("nguoi")}
    else:
        certificate = get_object_for_user(
            AuditorCertificate.objects.select_related("renewal"),
            request.user,
            permission="plans.change_auditorcertificate",
            pk=pk,
        )
        organization, initial = certificate.organization, {}
    form = CertificateForm(
        request.POST or None,
        request.FILES or None,
        instance=certificate,
        organization=organization,
        initial=initial,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"lock_version", "scan"}}
        scan = form.cleaned_data.get("scan")
        try:
            if pk is None:
                certificate = services.certificate_record(
                    organization=organization, user=request.user, file=scan, **data
                )
            else:
                saved = form.save(commit=False)
                saved._history_user = request.user
                conflict = form.save_versioned(saved)
                if conflict is None:
                    services.certificate_changed(certificate=saved, user=request.user, file=scan)
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            if conflict is None:
                messages.success(request, _("The certificate was saved."))
                return redirect("plans:certificate_list")
    return render(
        request,
        "plans/training/certificate_form.html",
        {"form": form, "certificate": certificate, "conflict": conflict},
    )


def certificate_file(request, pk: int):
    certificate = get_object_for_user(
        AuditorCertificate, request.user, permission="plans.view_auditorcertificate", pk=pk
    )
    if not certificate.file:
        raise Http404
    return download(request, certificate)


def certificate_history(request, pk: int):
    certificate = get_object_for_user(
        AuditorCertificate.objects.select_related("person"),
        request.user,
        permission="plans.view_auditorcertificate",
        pk=pk,
    )
    trail = [(_("Auditors' certificates"), reverse("plans:certificate_list"))]
    return history_page(
        request,
        certificate,
        history.certificate_history(certificate),
        trail=trail,
        url=reverse("plans:certificate_list"),
    )
