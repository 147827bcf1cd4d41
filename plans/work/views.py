"""Công việc của đơn vị: each unit's work items from all plans; closing them with evidence."""

import datetime
from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from isoplan.uploads import download
from plans.choices import LEADERSHIP_ROLES, Role, TaskParty, WorkItemStatus
from plans.organizations.access import (
    departments_without_head,
    get_object_for_user,
    has_role,
    headed_department_ids,
    memberships_of,
)
from plans.work import kinds
from plans.work.approvals import waiting_for
from plans.work.forms import EventForm, WorkItemCompleteForm
from plans.work.kinds import SupportQuery
from plans.work.models import (
    Event,
    WorkItem,
    WorkItemEvidence,
    is_due_soon,
    is_open,
    is_overdue,
    work_years,
)
from plans.work.responsibility import why_read_only
from plans.work.services import (
    WorkItemError,
    can_reopen,
    event_record,
    work_item_complete,
    work_item_reopen,
)

SOON_DAYS = 14
ALL_YEARS = "all"  # the year filter that shows every year (by default: the plans in force)
HEADLESS = "headless"  # the unit filter of the units without a head (the secretary's)
GROUPS = [
    ("overdue", gettext_lazy("Overdue")),
    ("soon", gettext_lazy("Due within 14 days")),
    ("later", gettext_lazy("Later")),
    ("undated", gettext_lazy("No deadline yet")),
    ("done", gettext_lazy("Done")),
]


def _group_filters(today: datetime.date) -> dict[str, Q]:
    soon = today + datetime.timedelta(days=SOON_DAYS)
    return {
        "overdue": is_overdue(today),
        "soon": is_due_soon(today, SOON_DAYS),
        "later": is_open() & Q(due_date__gt=soon),
        "undated": is_open() & Q(due_date__isnull=True),
        "done": ~is_open(),
    }


def _sees_every_unit(user, organization) -> bool:
    return has_role(user, organization, {Role.ISO_SECRETARY, *LEADERSHIP_ROLES})


def _visible_items(user, organization):
    """Everyone sees their own units' items; the secretary and the leadership see all."""
    # Only approved plans and objectives have work items (made on approval): no join needed.
    items = WorkItem.objects.filter(organization=organization)
    if _sees_every_unit(user, organization):
        return items
    return items.filter(department_id__in=_own_departments(user, organization))


def _unit_choices(user, organization) -> list[tuple[str, str]]:
    if _sees_every_unit(user, organization):
        departments = organization.departments.filter(is_active=True).order_by("order", "name")
        parties = [(f"p:{v}", label) for v, label in TaskParty.choices if v != "all_departments"]
        return [
            ("", _("All units")),
            (HEADLESS, _("Units without a head (the ISO secretary's)")),
            *parties,
            *((f"d:{d.pk}", d.name) for d in departments),
        ]
    seen = {}
    for m in memberships_of(user):
        if m.organization_id == organization.pk and m.department_id:
            seen[f"d:{m.department_id}"] = m.department.name
    return [("", _("All my units")), *seen.items()]


def _own_departments(user, organization) -> set[int]:
    return headed_department_ids(user, organization) | {
        m.department_id
        for m in memberships_of(user)
        if m.organization_id == organization.pk and m.department_id
    }


def _support_units(user, organization, unit: str) -> tuple[int, ...]:
    """The units whose supported work the page lists: the chosen unit, or the person's own units
    (the secretary and the leadership choose one: all units support something)."""
    if unit.startswith("d:") and unit[2:].isdigit():
        chosen = int(unit[2:])
        if _sees_every_unit(user, organization) or chosen in _own_departments(user, organization):
            return (chosen,)
        return ()
    if unit or _sees_every_unit(user, organization):
        return ()
    return tuple(sorted(_own_departments(user, organization)))


def _years(organization, today: datetime.date) -> tuple[list[int], int]:
    """The years the agency has work in (whatever its kinds), and the first year the page shows
    by default: the year of the plan in force (the latest year up to this one whose plan was
    approved, i.e. has items), else the latest year up to this one with any work, else this
    year. Two small reads: the years from the tally, the plan's year from the items' index."""
    years = work_years(organization.pk)
    in_force = (
        WorkItem.objects.filter(organization=organization, year__lte=today.year, task__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    latest = next((year for year in years if year <= today.year), None)
    return years, in_force or latest or today.year


def unit_work(request):
    organization = request.organization
    if organization is None:
        raise Http404
    today = timezone.localdate()
    items = _visible_items(request.user, organization)
    unit = request.GET.get("unit", "")
    if unit.startswith("d:") and unit[2:].isdigit():
        items = items.filter(department_id=int(unit[2:]))
    elif unit.startswith("p:"):
        items = items.filter(department__isnull=True, party=unit[2:])
    elif unit == HEADLESS:
        items = items.filter(department__in=departments_without_head([organization.pk]))
    # By default the plans in force (and other work from their year on); older years on request.
    years, since = _years(organization, today)
    year = request.GET.get("year", "")
    support = SupportQuery(organization.pk, _support_units(request.user, organization, unit))
    if year.isdigit():
        items = items.filter(year=int(year))
        support = replace(support, year=int(year))
    elif year != ALL_YEARS:
        year = ""
        items = items.filter(year__gte=since)
        support = replace(support, since=since)
    query = request.GET.get("q", "").strip()
    if query:
        items = items.search(query, organization.pk)  # by its own title, whatever its kind
        support = replace(support, text=query)

    filters = _group_filters(today)
    counts = items.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})
    group = request.GET.get("group") or next((k for k, _l in GROUPS if counts[k]), "overdue")
    if group not in filters:
        group = "overdue"
    listed = items.filter(filters[group]).order_by(
        "-completed_at" if group == "done" else "due_date", "pk"
    )
    paginator = Paginator(listed.values_list("pk", flat=True), 30)
    paginator.count = counts[group]  # counted above already: no second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = (
        WorkItem.objects.with_sources()
        .with_details()
        .annotate(has_evidence=Exists(WorkItemEvidence.objects.filter(item=OuterRef("pk"))))
        .in_order(list(page.object_list))
    )
    filters_query = urlencode({"unit": unit, "year": year, "q": query})  # kept by tabs and pages
    headless = set()
    if _sees_every_unit(request.user, organization):
        headless = set(departments_without_head([organization.pk]).values_list("pk", flat=True))
    return render(
        request,
        "plans/work/unit_work.html",
        {
            "groups": [(key, label, counts[key]) for key, label in GROUPS],
            "group": group,
            "page": page,
            "today": today,
            # Overdue past the organization's second threshold: the row is red.
            "critical_before": today - datetime.timedelta(days=organization.critical_days),
            "units": _unit_choices(request.user, organization),
            "unit": unit,
            "years": years,
            "year": year,
            "since": since,
            "all_years": ALL_YEARS,
            "older_years_query": urlencode(
                {"group": group, "unit": unit, "year": ALL_YEARS, "q": query}
            ),
            "query": query,
            "filters_query": filters_query,
            "page_query": f"group={group}&{filters_query}&",
            # Links built from a prefix: reverse() once, not per row.
            "item_url": reverse("plans:unit_work"),
            "supported": kinds.supported(support),
            "headless": headless,
        },
    )


def _item_for(request, pk: int) -> WorkItem:
    item = get_object_for_user(
        WorkItem.objects.with_sources().with_details().select_related("completed_by"),
        request.user,
        pk=pk,
    )
    if not _visible_items(request.user, item.organization).filter(pk=pk).exists():
        raise Http404  # another unit's item: as if it did not exist
    return item


def work_item_detail(request, pk: int):
    item = _item_for(request, pk)
    # Some kinds are closed on their record's page (an objective's result, a document's review).
    record_step = item.kind_spec.closed_on_record
    can_complete = (
        item.is_open
        and record_step is None
        and request.user.has_perm("plans.complete_workitem", item)
    )
    form = WorkItemCompleteForm(
        request.POST or None, request.FILES or None, initial={"done_on": timezone.localdate()}
    )
    if request.method == "POST":
        if not can_complete:
            raise PermissionDenied
        if form.is_valid():
            try:
                work_item_complete(
                    item=item,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    files=form.cleaned_data["files"],
                    done_on=form.cleaned_data["done_on"],
                )
            except WorkItemError as error:
                form.add_error(None, str(error))  # shown with what they typed
            else:
                messages.success(request, _("The item was marked done."))
                return redirect("plans:work_item_detail", pk=item.pk)
    is_secretary = has_role(request.user, item.organization_id, {Role.ISO_SECRETARY})
    return render(
        request,
        "plans/work/work_item_detail.html",
        {
            "item": item,
            "record_step": record_step,
            "record_step_url": record_step.url(item) if record_step else "",
            "form": form,
            "can_complete": can_complete,
            "read_only_because": why_read_only(request.user, item) if record_step is None else "",
            "can_reopen": request.user.has_perm("plans.reopen_workitem", item)
            and can_reopen(item, request.user, is_secretary=is_secretary),
            "evidence": item.evidence.select_related("uploaded_by"),
            "reopenings": item.history.exclude(history_change_reason=None)
            .exclude(history_change_reason="")
            .filter(status=WorkItemStatus.IN_PROGRESS)
            .select_related("history_user"),
            "today": timezone.localdate(),
        },
    )


@require_POST
def work_item_reopen_view(request, pk: int):
    item = _item_for(request, pk)
    if not request.user.has_perm("plans.reopen_workitem", item):
        raise PermissionDenied
    is_secretary = has_role(request.user, item.organization_id, {Role.ISO_SECRETARY})
    try:
        work_item_reopen(
            item=item,
            user=request.user,
            is_secretary=is_secretary,
            reason=request.POST.get("reason", ""),
        )
    except WorkItemError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The item was reopened."))
    return redirect("plans:work_item_detail", pk=item.pk)


def evidence_download(request, pk: int):
    """Evidence is served only to those who may see its item (never from a public folder)."""
    evidence = get_object_for_user(
        WorkItemEvidence.objects.select_related("item"), request.user, pk=pk
    )
    _item_for(request, evidence.item_id)
    return download(request, evidence)


def event_list(request):
    organization = request.organization
    if organization is None or not request.user.has_perm("plans.view_event", organization):
        raise PermissionDenied
    can_record = request.user.has_perm("plans.add_event", organization)
    form = EventForm(request.POST or None, organization=organization)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            event = event_record(
                organization=organization,
                kind=form.cleaned_data["kind"],
                occurred_on=form.cleaned_data["occurred_on"],
                description=form.event_description,
                task=form.cleaned_data["task"],
                user=request.user,
            )
            dated = event.work_items.count()
            messages.success(
                request,
                _("The event was recorded; %(count)s waiting item(s) now have a due date.")
                % {"count": dated},
            )
            return redirect("plans:event_list")
    events = Paginator(
        Event.objects.filter(organization=organization)
        .select_related("recorded_by", "task")
        .annotate(item_count=Count("work_items"))
        .order_by("-occurred_on", "-pk"),
        30,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/work/event_list.html",
        {"form": form, "events": events, "can_record": can_record},
    )


def waiting_list(request):
    """Everything waiting for this person's decision, oldest first ("Chờ bạn phê duyệt")."""
    rows = waiting_for(request.user, request.organization, request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "plans/work/waiting_list.html", {"page": page})
