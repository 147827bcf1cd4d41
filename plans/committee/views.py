"""The steering committee's pages: the composition in force (everyone of the agency), the
compositions before it, and the draft of a new one (the ISO secretary and the director)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isoplan.history_views import history_page
from plans.organizations.access import get_object_for_user

from . import services
from .choices import CompositionStatus
from .forms import CompositionForm, MemberForm
from .history import composition_history as history_entries
from .models import CommitteeComposition, CommitteeMember
from .selectors import composition_draft, composition_in_force, members_of

VIEW, CHANGE = "plans.view_committeecomposition", "plans.change_committeecomposition"


def _organization(request):
    if request.organization is None:
        raise Http404
    return request.organization


def committee(request):
    """The committee in force, the draft being prepared, and the earlier compositions."""
    organization = _organization(request)
    if not request.user.has_perm(VIEW, organization):
        raise PermissionDenied
    current = composition_in_force(organization)
    return render(
        request,
        "plans/committee/committee.html",
        {
            "current": current,
            "members": services.members_sorted(list(members_of(current))) if current else [],
            "draft": composition_draft(organization),
            "earlier": CommitteeComposition.objects.filter(
                organization=organization, status=CompositionStatus.SUPERSEDED
            ).order_by("-decided_on", "-pk"),
            "can_change": request.user.has_perm(CHANGE, organization),
        },
    )


@require_POST
def composition_start_view(request):
    organization = _organization(request)
    if not request.user.has_perm(CHANGE, organization):
        raise PermissionDenied
    draft = services.composition_start(organization=organization, user=request.user)
    return redirect(draft)


def _composition(request, pk: int, permission: str = VIEW) -> CommitteeComposition:
    compositions = CommitteeComposition.objects.select_related("organization")
    return get_object_for_user(compositions, request.user, permission=permission, pk=pk)


def composition_detail(request, pk: int):
    composition = _composition(request, pk)
    can_change = composition.is_draft and request.user.has_perm(CHANGE, composition)
    return render(
        request,
        "plans/committee/composition_detail.html",
        {
            "composition": composition,
            "members": services.members_sorted(list(members_of(composition))),
            "can_change": can_change,
            "member_form": MemberForm(organization=composition.organization)
            if can_change
            else None,
        },
    )


def _draft(request, pk: int) -> CommitteeComposition:
    composition = _composition(request, pk, CHANGE)
    if not composition.is_draft:
        raise PermissionDenied
    return composition


def composition_edit(request, pk: int):
    composition = _draft(request, pk)
    form = CompositionForm(request.POST or None, instance=composition)
    if request.method == "POST" and form.is_valid():
        services.composition_change(composition=form.save(commit=False))
        messages.success(request, _("The decision's details were saved."))
        return redirect(composition)
    return render(
        request, "plans/committee/composition_form.html", {"composition": composition, "form": form}
    )


def member_edit(request, pk: int):
    """Add a member to a draft (``pk``: the composition) or correct one (``pk``: the member)."""
    if request.resolver_match.url_name == "committee_member_add":
        composition, member = _draft(request, pk), None
    else:
        member = get_object_for_user(
            CommitteeMember.objects.select_related("composition__organization"),
            request.user,
            permission=CHANGE,
            pk=pk,
        )
        composition = _draft(request, member.composition_id)
    form = MemberForm(request.POST or None, instance=member, organization=composition.organization)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.composition = composition
        try:
            services.member_save(member=saved)
        except services.CommitteeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The member was saved."))
            return redirect(composition)
    return render(
        request,
        "plans/committee/member_form.html",
        {"composition": composition, "member": member, "form": form},
    )


def member_remove_view(request, pk: int):
    member = get_object_for_user(
        CommitteeMember.objects.select_related("composition__organization"),
        request.user,
        permission=CHANGE,
        pk=pk,
    )
    composition = _draft(request, member.composition_id)
    if request.method == "POST":
        services.member_remove(member=member)
        messages.success(request, _("The member was removed from the draft."))
        return redirect(composition)
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Remove a member"),
            "text": _("Remove %(name)s from the draft composition?") % {"name": member.name},
            "button": _("Remove"),
            "style": "danger",
            "cancel_url": composition.get_absolute_url(),
        },
    )


def composition_issue_view(request, pk: int):
    """The decision was signed: the composition comes into force (a confirmation first)."""
    composition = _draft(request, pk)
    if request.method == "POST":
        try:
            services.composition_issue(composition=composition, user=request.user)
        except services.CommitteeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The composition is in force; the one before it is superseded."),
            )
        return redirect(composition)
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Issue the composition"),
            "text": _(
                "The decision %(number)s is signed: the composition comes into force from its "
                "date, the one in force is superseded and the event “steering committee "
                "changed” is recorded. This cannot be undone."
            )
            % {"number": composition.decision_number or "…"},
            "button": _("Issue"),
            "style": "primary",
            "cancel_url": composition.get_absolute_url(),
        },
    )


def composition_discard_view(request, pk: int):
    composition = _draft(request, pk)
    if request.method == "POST":
        services.composition_discard(composition=composition)
        messages.success(request, _("The draft composition was discarded."))
        return redirect("plans:committee")
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Discard the draft"),
            "text": _("Discard the draft composition and its members?"),
            "button": _("Discard"),
            "style": "danger",
            "cancel_url": composition.get_absolute_url(),
        },
    )


def composition_history(request, pk: int):
    composition = _composition(request, pk)
    trail = [(_("ISO steering committee"), reverse("plans:committee"))]
    return history_page(request, composition, history_entries(composition), trail=trail)
