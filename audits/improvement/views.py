"""The improvement register: list, propose, the proposal and its actions, the secretary's
decisions (accept on a confirmation page, merge and decline on their own pages), history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from isoplan.history_views import history_page
from isoplan.uploads import download
from isoplan.workflow_views import workflow_action
from plans.organizations.access import get_object_for_user

from . import history, selectors, services
from .choices import ProposalStatus
from .forms import DeclineForm, ImprovementActionForm, MergeForm, ProposalForm
from .models import ImprovementAttachment, ImprovementProposal

VIEW = "audits.view_improvementproposal"
WORKFLOW = services.PROPOSAL_ACTIONS


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 6 else None


@require_GET  # proposing is its own page
def improvement_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    proposals = selectors.visible_proposals(request.user, organization)
    filters = {key: request.GET.get(key, "").strip() for key in ("year", "unit", "status", "q")}
    year, unit = _int(filters["year"]), _int(filters["unit"])
    if year:
        proposals = proposals.filter(year=year)
    if unit:
        proposals = proposals.filter(department_id=unit)
    if filters["status"] in ProposalStatus.values:
        proposals = proposals.filter(status=filters["status"])
    if filters["q"]:
        text = filters["q"][:200]
        proposals = proposals.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(problem__icontains=text)
        )
    proposals = (
        selectors.with_progress(proposals)
        .select_related("department", "proposed_by")
        .order_by("-proposed_on", "-pk")
    )
    page = Paginator(proposals, 30).get_page(request.GET.get("page"))
    years = (
        ImprovementProposal.objects.filter(organization=organization)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "audits/improvement/improvement_list.html",
        {
            "page": page,
            "query": urlencode(filters) + "&",
            "filters": filters,
            "years": sorted({*years, timezone.localdate().year}, reverse=True),
            "units": organization.departments.filter(is_active=True),
            "statuses": ProposalStatus.choices,
            "sees_all": selectors.sees_all(request.user, organization),
            "can_add": request.user.has_perm("audits.add_improvementproposal", organization),
        },
    )


def improvement_create(request):
    organization = request.organization
    if organization is None:
        raise Http404
    if not request.user.has_perm("audits.add_improvementproposal", organization):
        raise PermissionDenied
    home = sorted(selectors.unit_ids_of(request.user, organization))
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        organization=organization,
        initial={"department": home[0] if home else None},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("files") or []
        proposal = services.proposal_submit(
            organization=organization, user=request.user, files=files, **data
        )
        messages.success(
            request,
            _("%(code)s was sent to the ISO secretary; you will be told the decision.")
            % {"code": proposal.code},
        )
        return redirect(proposal)
    return render(request, "audits/improvement/improvement_form.html", {"form": form})


def improvement_detail(request, pk: int):
    proposal = get_object_for_user(
        ImprovementProposal.objects.select_related(
            "organization", "department", "document", "proposed_by", "decided_by", "merged_into"
        ),
        request.user,
        permission=VIEW,
        pk=pk,
    )
    form = ImprovementActionForm(
        request.POST or None,
        organization=proposal.organization,
        initial={"department": proposal.department_id},
    )
    if request.method == "POST":
        if not WORKFLOW.may(request.user, "action", proposal):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.improvement_action_add(
                    proposal=proposal, user=request.user, **form.cleaned_data
                )
            except services.ProposalError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("The action was added; it is on the unit's work with reminders.")
                )
            return redirect(proposal)
    actions = list(proposal.actions.select_related("department", "work_item"))
    return render(
        request,
        "audits/improvement/improvement_detail.html",
        {
            "proposal": proposal,
            "attachments": proposal.attachments.all(),
            "merged": proposal.merged.all(),
            "actions": actions,
            "actions_done": sum(1 for a in actions if a.work_item.status == "done"),
            "form": form,
            "steps": WORKFLOW.available(request.user, proposal),
            "workflow": WORKFLOW,
        },
    )


def improvement_accept(request, pk: int):
    proposal = get_object_for_user(ImprovementProposal, request.user, permission=VIEW, pk=pk)
    return workflow_action(request, WORKFLOW, "accept", proposal)


def _decision_page(request, pk: int, step: str, form_class, decide, template: str):
    """Merge or decline: the proposal's own page with the form the decision needs."""
    proposal = get_object_for_user(
        ImprovementProposal.objects.select_related("organization"),
        request.user,
        permission=WORKFLOW[step].permission,
        pk=pk,
    )
    if step not in WORKFLOW.available(request.user, proposal):
        messages.error(request, WORKFLOW.refused % {"status": proposal.get_status_display()})
        return redirect(proposal)
    kwargs = {"proposal": proposal} if form_class is MergeForm else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            decide(proposal, form.cleaned_data)
        except services.ProposalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The decision was recorded; the proposer is told."))
        return redirect(proposal)
    return render(request, template, {"proposal": proposal, "form": form, "workflow": WORKFLOW})


def improvement_merge(request, pk: int):
    def decide(proposal, data):
        services.proposal_merge(
            proposal=proposal, into=data["into"], note=data["note"], user=request.user
        )

    return _decision_page(
        request, pk, "merge", MergeForm, decide, "audits/improvement/improvement_merge.html"
    )


def improvement_decline(request, pk: int):
    def decide(proposal, data):
        services.proposal_decline(proposal=proposal, reason=data["reason"], user=request.user)

    return _decision_page(
        request, pk, "decline", DeclineForm, decide, "audits/improvement/improvement_decline.html"
    )


def improvement_attachment(request, pk: int):
    """A file of a proposal, for whoever may see the proposal."""
    attachment = get_object_for_user(
        ImprovementAttachment.objects.select_related("proposal"), request.user, pk=pk
    )
    if not request.user.has_perm(VIEW, attachment.proposal):
        raise PermissionDenied
    return download(request, attachment)


def improvement_history(request, pk: int):
    """Every change of the proposal, its improvement actions and their work."""
    proposal = get_object_for_user(ImprovementProposal, request.user, permission=VIEW, pk=pk)
    trail = [(_("Improvement proposals"), reverse("audits:improvement_list"))]
    entries = history.proposal_history(proposal)
    return history_page(request, proposal, entries, trail=trail, label=proposal.code)
