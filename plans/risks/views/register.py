"""The register of risks and opportunities: filter, sort, heat map; record, treat, re-rate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.concurrency import StaleEditError, save_if_unchanged
from isoplan.history_views import history_page
from plans.choices import Role
from plans.organizations.access import get_object_for_user, has_role, writable_departments
from plans.risks import services
from plans.risks.choices import RiskKind, RiskLevel, RiskStatus
from plans.risks.forms import RiskActionForm, RiskForm, RiskRerateForm
from plans.risks.history import risk_history as risk_history_entries
from plans.risks.models import Risk, RiskAction
from plans.risks.selectors import heat_map, ratings_of, register_filters

SORTS = [
    ("level", gettext_lazy("Level")),
    ("unit", gettext_lazy("Unit")),
    ("process", gettext_lazy("Process")),
    ("recorded", gettext_lazy("Latest recorded")),
]


def risk_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    filters = register_filters(request, organization)
    page = Paginator(filters.risks, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/risks/risk_list.html",
        {
            "filters": filters,
            "page": page,
            "query": filters.query + "&",
            "heat_map": heat_map(filters.risks, organization),
            "departments": organization.departments.filter(is_active=True),
            "kinds": RiskKind.choices,
            "levels": RiskLevel.choices,
            "statuses": RiskStatus.choices,
            "sorts": SORTS,
            "can_add": writable_departments(request.user, organization).exists()
            or has_role(request.user, organization, {Role.ISO_SECRETARY}),
        },
    )


def _risk_for(request, pk: int, permission: str = "plans.view_risk") -> Risk:
    actions = RiskAction.objects.select_related("department", "work_item")
    risks = Risk.objects.select_related("organization", "department", "recorded_by")
    risks = risks.prefetch_related(Prefetch("actions", queryset=actions))
    return get_object_for_user(risks, request.user, permission=permission, pk=pk)


def risk_edit(request, pk: int | None = None):
    """Record a risk (the secretary for any unit or the agency, a head for their unit) or
    correct an open one; a second, stale save is refused."""
    if pk is None:
        organization = request.organization
        if organization is None:
            raise Http404
        risk = Risk(organization=organization)
    else:
        risk = _risk_for(request, pk, "plans.change_risk")
        organization = risk.organization
        if risk.status != RiskStatus.OPEN:
            messages.error(request, _("Only an open risk can be changed."))
            return redirect(risk)
    is_secretary = has_role(request.user, organization, {Role.ISO_SECRETARY})
    departments = writable_departments(request.user, organization)
    if not is_secretary and not departments.exists():
        raise PermissionDenied
    form = RiskForm(
        request.POST or None,
        instance=risk,
        organization=organization,
        departments=departments,
        agency=is_secretary,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "lock_version"}
        try:
            if pk is None:
                risk = services.risk_record(organization=organization, user=request.user, **data)
            else:
                save_if_unchanged(form.save(commit=False), expected_version=form.expected_version)
        except StaleEditError as error:
            conflict = error.current
            form.keep_after_conflict(conflict)
        except services.RiskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The risk was saved."))
            return redirect(risk)
    return render(
        request,
        "plans/risks/risk_form.html",
        {"form": form, "risk": risk, "conflict": conflict, "organization": organization},
    )


def risk_detail(request, pk: int):
    risk = _risk_for(request, pk)
    can_change = request.user.has_perm("plans.change_risk", risk)
    step = request.POST.get("step")
    action_form = RiskActionForm(
        request.POST if step == "action" else None,
        organization=risk.organization,
        initial={"department": risk.department_id},
    )
    rerate_form = RiskRerateForm(
        request.POST if step == "rerate" else None,
        organization=risk.organization,
        initial={"likelihood": risk.likelihood, "impact": risk.impact},
    )
    if request.method == "POST":
        if not can_change or step not in {"action", "rerate"}:
            raise PermissionDenied
        form = action_form if step == "action" else rerate_form
        if form.is_valid():
            try:
                if step == "action":
                    services.risk_action_add(risk=risk, user=request.user, **form.cleaned_data)
                    messages.success(
                        request, _("The action was added; it is on the unit's work with reminders.")
                    )
                else:
                    services.risk_rerate(risk=risk, user=request.user, **form.cleaned_data)
                    messages.success(request, _("The risk was re-rated."))
            except services.RiskError as error:
                messages.error(request, str(error))
            return redirect(risk)
    is_open = risk.status == RiskStatus.OPEN
    return render(
        request,
        "plans/risks/risk_detail.html",
        {
            "risk": risk,
            "actions": risk.actions.all(),
            "ratings": ratings_of([risk])[risk.pk],
            "action_form": action_form,
            "rerate_form": rerate_form,
            "can_change": can_change and is_open,
            "can_rerate": can_change and services.ready_for_rerating(risk),
            "can_withdraw": can_change and risk.status != RiskStatus.WITHDRAWN,
        },
    )


def risk_withdraw(request, pk: int):
    risk = _risk_for(request, pk, "plans.change_risk")
    if request.method == "POST":
        try:
            services.risk_withdraw(risk=risk, user=request.user)
        except services.RiskError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The risk was withdrawn; it stays in the records."))
        return redirect(risk)
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Withdraw this risk?"),
            "text": _(
                "%(risk)s\n\nIt stays in the records as withdrawn; its open actions no longer "
                "remind anyone."
            )
            % {"risk": risk.description},
            "button": _("Withdraw"),
            "style": "danger",
            "cancel_url": risk.get_absolute_url(),
        },
    )


def risk_history(request, pk: int):
    """Every change of the risk, its ratings, its actions and their work."""
    risks = Risk.objects.select_related("organization")
    risk = get_object_for_user(risks, request.user, permission="plans.view_risk", pk=pk)
    register = reverse("plans:risk_list") + f"?year={risk.year}"
    trail = [(f"{_('Risks and opportunities')} {risk.year}", register)]
    return history_page(request, risk, risk_history_entries(risk), trail=trail)
