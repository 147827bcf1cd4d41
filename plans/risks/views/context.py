"""The context of the organization for a year: internal and external issues, interested parties."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isoplan.concurrency import StaleEditError, save_if_unchanged
from plans.choices import MAX_YEAR, MIN_YEAR
from plans.organizations.access import get_object_for_user
from plans.risks import services
from plans.risks.choices import ContextKind
from plans.risks.forms import CONTEXT_LABELS, ContextEntryForm
from plans.risks.models import ContextEntry


def _context_url(year: int) -> str:
    return reverse("plans:context_detail", kwargs={"year": year})


def context_today(request):
    return redirect(_context_url(timezone.localdate().year))


def context_detail(request, year: int):
    organization = request.organization
    if organization is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    entries = list(
        ContextEntry.objects.filter(organization=organization, year=year, deleted_at=None)
    )
    sections = [
        (kind, CONTEXT_LABELS[kind], [e for e in entries if e.kind == kind])
        for kind in ContextKind.values
    ]
    can_change = request.user.has_perm("plans.change_context", organization)
    can_copy = (
        can_change
        and not entries
        and ContextEntry.objects.filter(
            organization=organization, year=year - 1, deleted_at=None
        ).exists()
    )
    return render(
        request,
        "plans/risks/context_detail.html",
        {
            "year": year,
            "sections": sections,
            "can_change": can_change,
            "can_copy": can_copy,
            "previous_url": _context_url(year - 1),
            "next_url": _context_url(year + 1),
        },
    )


@require_POST
def context_copy(request, year: int):
    organization = request.organization
    if organization is None or not request.user.has_perm("plans.change_context", organization):
        raise PermissionDenied
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    try:
        count = services.context_copy(organization=organization, year=year, user=request.user)
    except services.RiskError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(count)s entries were copied from %(year)s. Check each of them.")
            % {"count": count, "year": year - 1},
        )
    return redirect(_context_url(year))


def context_entry_edit(request, year: int = 0, kind: str = "", pk: int | None = None):
    """Add an entry of ``kind`` to the year's context, or change one (optimistic locking)."""
    if pk is None:
        organization = request.organization
        if (
            organization is None
            or kind not in ContextKind.values
            or not MIN_YEAR <= year <= MAX_YEAR
        ):
            raise Http404
        if not request.user.has_perm("plans.change_context", organization):
            raise PermissionDenied
        entry = ContextEntry(organization=organization, year=year, kind=kind)
    else:
        entry = get_object_for_user(
            ContextEntry.objects.filter(deleted_at=None),
            request.user,
            permission="plans.change_context",
            pk=pk,
        )
    form = ContextEntryForm(request.POST or None, instance=entry, kind=entry.kind)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        try:
            if pk is None:
                saved.order = ContextEntry.objects.filter(
                    organization=entry.organization, year=entry.year, kind=entry.kind
                ).count()
                saved.save()
            else:
                save_if_unchanged(saved, expected_version=form.expected_version)
        except StaleEditError as error:
            conflict = error.current
            form.keep_after_conflict(conflict)
        else:
            messages.success(request, _("The context was saved."))
            return redirect(_context_url(entry.year))
    return render(
        request,
        "plans/risks/context_form.html",
        {
            "form": form,
            "entry": entry,
            "kind_label": ContextKind(entry.kind).label,
            "conflict": conflict,
            "cancel_url": _context_url(entry.year),
        },
    )


def context_entry_remove(request, pk: int):
    entry = get_object_for_user(
        ContextEntry.objects.filter(deleted_at=None),
        request.user,
        permission="plans.change_context",
        pk=pk,
    )
    if request.method == "POST":
        services.context_entry_remove(entry=entry, user=request.user)
        messages.success(request, _("The entry was removed from the context."))
        return redirect(_context_url(entry.year))
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Remove this entry from the context?"),
            "text": entry.subject,
            "button": _("Remove"),
            "style": "danger",
            "cancel_url": _context_url(entry.year),
        },
    )
