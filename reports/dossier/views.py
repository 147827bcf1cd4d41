"""The inspection dossier's pages: the years built and a form to build one, a build's progress
(polled by htmx), its rebuild after a confirmation, and its two downloads."""

from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from isoplan.uploads import download
from plans.organizations.access import get_object_for_user

from ..models import DossierBuild, DossierStatus
from .services import DossierBusyError, dossier_is_busy, dossier_request


class DossierRequestForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("The records of this year are gathered, printed and indexed."),
    )


def _builds():
    return DossierBuild.objects.select_related("organization", "requested_by")


def _build(request, pk: int) -> DossierBuild:
    return get_object_for_user(_builds(), request.user, permission="reports.view_dossier", pk=pk)


def dossier_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    if not request.user.has_perm("reports.view_dossier", organization):
        raise PermissionDenied
    can_build = request.user.has_perm("reports.build_dossier", organization)
    form = DossierRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST":
        if not can_build:
            raise PermissionDenied
        if form.is_valid():
            year = form.cleaned_data["year"]
            existing = DossierBuild.objects.filter(organization=organization, year=year).first()
            if existing is not None and not dossier_is_busy(existing):
                # A dossier of that year exists: replacing it is confirmed on its own page.
                return redirect("reports:dossier_rebuild", existing.pk)
            try:
                build = dossier_request(organization=organization, year=year, user=request.user)
            except DossierBusyError:
                form.add_error("year", _("The dossier of this year is being built already."))
            else:
                messages.success(request, _("The dossier is being built."))
                return redirect(build)
    page = Paginator(_builds().filter(organization=organization), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reports/dossier/dossier_list.html",
        {"page": page, "form": form, "can_build": can_build},
    )


def dossier_detail(request, pk: int):
    build = _build(request, pk)
    return render(
        request,
        "reports/dossier/dossier_detail.html",
        {
            "build": build,
            "can_build": request.user.has_perm("reports.build_dossier", build),
            "busy": dossier_is_busy(build),
        },
    )


@require_GET
def dossier_progress(request, pk: int):
    """The progress card alone, for htmx to swap in every two seconds while the build runs."""
    build = _build(request, pk)
    return render(
        request,
        "reports/dossier/_progress.html",
        {
            "build": build,
            "can_build": request.user.has_perm("reports.build_dossier", build),
            "busy": dossier_is_busy(build),
        },
    )


def dossier_rebuild(request, pk: int):
    """Build again (a first build that failed, or a new one replacing the files): confirmed."""
    build = get_object_for_user(_builds(), request.user, permission="reports.build_dossier", pk=pk)
    if dossier_is_busy(build):
        messages.info(request, _("The dossier of this year is being built already."))
        return redirect(build)
    if request.method == "POST":
        dossier_request(organization=build.organization, year=build.year, user=request.user)
        messages.success(request, _("The dossier is being built."))
        return redirect(build)
    ready = build.status == DossierStatus.READY
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Build the dossier of %(year)s again?") % {"year": build.year},
            "text": _(
                "The records are gathered and printed again as they are today. The files built "
                "on %(date)s are replaced when the new ones are ready."
            )
            % {"date": timezone.localtime(build.finished_at).strftime("%d/%m/%Y %H:%M")}
            if ready and build.finished_at
            else _("The records are gathered and printed again as they are today."),
            "button": _("Build again"),
            "style": "warning" if ready else "primary",
            "cancel_url": reverse("reports:dossier_detail", args=[build.pk]),
        },
    )


def _file(request, pk: int, kind: str):
    build = _build(request, pk)
    field = build.archive if kind == "zip" else build.combined
    if not field:  # never built: after a failure or during a rebuild, the last good files stay
        raise Http404
    name = f"Hồ sơ kiểm tra HTQLCL năm {build.year} - {build.organization.document_symbol}.{kind}"
    # isoplan.uploads.download: the stored-file rule (a file gone from the disk says so).
    return download(
        request, SimpleNamespace(file=field, original_name=name, _meta=build._meta, pk=build.pk)
    )


@require_GET
def dossier_zip(request, pk: int):
    return _file(request, pk, "zip")


@require_GET
def dossier_pdf(request, pk: int):
    return _file(request, pk, "pdf")
