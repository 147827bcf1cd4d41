"""The plan's life: create (blank or from last year), submit, approve or return, revise, close."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from isoplan.workflow import AUTHOR, Action, Workflow, WorkflowError
from plans.choices import PlanStatus, Responsibility, SigningAuthority
from plans.models import (
    Organization,
    Plan,
    PlanDuty,
    PlanTask,
    PlanTransition,
    TaskAssignment,
    WorkItem,
)
from plans.planning.chains import chains_link
from plans.planning.fulfilment import fulfilments_propose, propose
from plans.planning.selectors import schedule_gaps
from plans.planning.timing import parse_timing
from plans.planning.work_items import work_items_carry_over, work_items_sync
from plans.work.handoffs import new_work
from plans.work.services import items_lapse

from .year_shift import shift_years

DEFAULT_LEGAL_BASIS = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng "
    "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động của "
    "các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;"
)
# Plan texts whose years move with the plan; legal bases and recipients cite fixed documents.
SHIFTED_PLAN_FIELDS = [
    "title",
    "introduction",
    "purposes",
    "requirements",
    "scope",
    "implementation",
    "closing",
]
COPIED_PLAN_FIELDS = [
    *SHIFTED_PLAN_FIELDS,
    "symbol",
    "place",
    "legal_bases",
    "recipients",
    "signing_authority",
    "signer_title",
    "signer_deputy_title",
    "signer_name",
    "table_layout",
    "table_labels",
    "number_style",
    "headings",
]


class PlanWorkflowError(WorkflowError):
    """An action that the plan's status does not allow. The message is for the user."""


def default_title(organization: Organization, year: int) -> str:
    return (
        "Duy trì, cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO "
        f"9001:2015 vào hoạt động của {organization.name} năm {year}"
    )


def plan_for_copy(*, organization: Organization, year: int) -> Plan | None:
    """The plan of ``year`` to copy from: the version in force (approved or closed), else the
    latest version."""
    plans = Plan.objects.filter(organization=organization, year=year)
    in_force = plans.filter(status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED])
    return in_force.order_by("-version").first() or plans.order_by("-version").first()


@transaction.atomic
def plan_create(*, organization: Organization, year: int, copy_from: Plan | None = None) -> Plan:
    """A new draft plan for ``year``: blank with the usual defaults, or a copy of ``copy_from``
    with its dates and years moved to the new year."""
    if copy_from is not None:
        return _copy_plan(copy_from, year=year, version=1, revision_of=None)
    return Plan.objects.create(
        organization=organization,
        year=year,
        symbol=f"KH-{organization.document_symbol}",
        place=organization.place_name,
        title=default_title(organization, year),
        legal_bases=DEFAULT_LEGAL_BASIS,
        recipients="- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT.",
        signing_authority=SigningAuthority.NONE,
        signer_title="GIÁM ĐỐC",
    )


def _copy_plan(source: Plan, *, year: int, version: int, revision_of: Plan | None) -> Plan:
    by = year - source.year

    def moved(text: str) -> str:
        return shift_years(text, from_year=source.year, by=by) if by else text

    fields = {name: getattr(source, name) for name in COPIED_PLAN_FIELDS}
    for name in SHIFTED_PLAN_FIELDS:
        fields[name] = moved(fields[name])
    plan = Plan.objects.create(
        organization=source.organization,
        year=year,
        version=version,
        revision_of=revision_of,
        **fields,
    )
    _copy_contents(source, plan, moved, revision=revision_of is not None)
    chains_link(plan)  # a revision's links move to the revised tasks
    return plan


def _copy_contents(
    source: Plan,
    plan: Plan,
    moved,
    *,
    revision: bool,
    joined: bool = False,
    units: dict[int, int] | None = None,
) -> int:
    """Copy ``source``'s duties and tasks after what ``plan`` holds. A revision keeps each
    task's schedule and lineage (its work items move on); a new year reads the moved timing text
    afresh; a joint plan keeps the lineage too, with each unit mapped (``units``) to the merged
    agency's. Returns the number of tasks copied."""
    units = units or {}
    by = plan.year - source.year
    duty_start = plan.duties.aggregate(top=Max("order"))["top"] or 0
    PlanDuty.objects.bulk_create(
        PlanDuty(plan=plan, order=duty_start + d.order, unit=d.unit, duties=moved(d.duties))
        for d in source.duties.all()
    )
    start = plan.tasks.aggregate(top=Max("order"))["top"] or 0
    tasks = list(source.tasks.prefetch_related("assignments"))
    for task in tasks:
        timing_text = moved(task.timing_text)
        copy = PlanTask.objects.create(
            plan=plan,
            order=start + task.order,
            sub=task.sub,
            content=moved(task.content),
            responsibility_note=task.responsibility_note,
            support_note=task.support_note,
            timing_text=timing_text,
            output=moved(task.output),
            schedule=task.schedule if not by else parse_timing(timing_text, plan.year).to_dict(),
            schedule_manual=task.schedule_manual and not by,
            fulfilled_by=task.fulfilled_by
            if task.fulfilled_by_manual
            else propose(moved(task.content)),
            fulfilled_by_manual=task.fulfilled_by_manual,
            origin=task if revision or joined else None,
        )
        TaskAssignment.objects.bulk_create(
            TaskAssignment(
                task=copy,
                responsibility=a.responsibility,
                department_id=units.get(a.department_id, a.department_id),
                party=a.party,
                order=a.order,
            )
            for a in task.assignments.all()
        )
    return len(tasks)


@transaction.atomic
def plan_join(*, organization: Organization, year: int, joining: list[Plan], units) -> Plan:
    """The joint plan of agencies merged into ``organization``: a draft holding its own plan of
    the year (a new version of the one in force, or its draft) and then each merged agency's
    tasks, with their units mapped; approving it takes over their work items."""
    own = plan_for_copy(organization=organization, year=year)
    if own is None:
        plan = plan_create(organization=organization, year=year)
    elif own.status == PlanStatus.DRAFT:
        plan = own
    elif own.status == PlanStatus.APPROVED and _no_revision_under_way(own):
        plan = plan_start_revision(plan=own, user=None)
    else:  # submitted, or a revision under way: the latest version is completed
        plan = Plan.objects.filter(organization=organization, year=year).order_by("-version")[0]
    for other in joining:
        _copy_contents(other, plan, lambda text: text, revision=False, joined=True, units=units)
    chains_link(plan)
    return plan


# What another agency may take of a plan as a model (the province's templates,
# reports/province_templates/): its texts, duties and tasks; never its number, symbol, place,
# signer or departments, which are the agency's own.
MODEL_PLAN_FIELDS = [f for f in COPIED_PLAN_FIELDS if f not in {"symbol", "place", "signer_name"}]


def plan_model(plan: Plan) -> dict[str, Any]:
    """The plan as plain data for other agencies. A task's parties (leadership, the ISO
    secretary, all departments...) exist in every agency and stay; a department of this agency
    does not: its name goes into the responsibility text as written, for the agency's secretary
    to choose its own unit after copying."""
    tasks = []
    for task in plan.tasks.prefetch_related("assignments__department"):
        leads, supports = task.leads, task.supports
        tasks.append(
            {
                "order": task.order,
                "sub": task.sub,
                "content": task.content,
                "responsibility_note": task.responsibility_note or _with_departments(leads),
                "support_note": task.support_note or _with_departments(supports),
                "timing_text": task.timing_text,
                "output": task.output,
                "leads": [a.party for a in leads if a.party],
                "supports": [a.party for a in supports if a.party],
            }
        )
    return {
        "year": plan.year,
        "agency": plan.organization.name,
        "fields": {name: getattr(plan, name) for name in MODEL_PLAN_FIELDS},
        "duties": [{"unit": d.unit, "duties": d.duties} for d in plan.duties.all()],
        "tasks": tasks,
    }


def _with_departments(assignments: list[TaskAssignment]) -> str:
    """The units as printed, when one of them is a department; "" when all are parties."""
    if not any(a.department_id for a in assignments):
        return ""
    return ", ".join(a.label for a in assignments)


@transaction.atomic
def plan_create_from_model(*, organization: Organization, year: int, model: dict) -> Plan:
    """A new draft plan of ``year`` for the agency from another agency's model (``plan_model``):
    the years and dates moved as a copy to a new year moves them, the model agency's name
    replaced by this one's, the schedules read afresh; the symbol and place are the agency's.
    Refused when the agency already has a plan for that year."""
    Organization.objects.select_for_update().get(pk=organization.pk)  # one copy at a time
    if Plan.objects.filter(organization=organization, year=year).exists():
        raise PlanWorkflowError(
            _("%(agency)s already has a plan for %(year)s: open it, or choose another year.")
            % {"agency": organization.name, "year": year}
        )
    from_year, by, agency = model["year"], year - model["year"], model.get("agency", "")

    def moved(text: str) -> str:
        if agency and agency != organization.name:
            text = text.replace(agency, organization.name)
        return shift_years(text, from_year=from_year, by=by) if by else text

    fields = dict(model["fields"])
    for name in SHIFTED_PLAN_FIELDS:
        fields[name] = moved(fields.get(name, ""))
    plan = Plan.objects.create(
        organization=organization,
        year=year,
        symbol=f"KH-{organization.document_symbol}",
        place=organization.place_name,
        **{name: value for name, value in fields.items() if name in MODEL_PLAN_FIELDS},
    )
    PlanDuty.objects.bulk_create(
        PlanDuty(plan=plan, order=number, unit=d["unit"], duties=moved(d["duties"]))
        for number, d in enumerate(model["duties"])
    )
    for row in model["tasks"]:
        timing_text = moved(row["timing_text"])
        content = moved(row["content"])
        task = PlanTask.objects.create(
            plan=plan,
            order=row["order"],
            sub=row["sub"],
            content=content,
            responsibility_note=moved(row["responsibility_note"]),
            support_note=moved(row["support_note"]),
            timing_text=timing_text,
            output=moved(row["output"]),
            schedule=parse_timing(timing_text, year).to_dict(),
            fulfilled_by=propose(content),
        )
        TaskAssignment.objects.bulk_create(
            [
                TaskAssignment(task=task, responsibility=responsibility, party=party, order=n)
                for responsibility, key in (
                    (Responsibility.LEAD, "leads"),
                    (Responsibility.SUPPORT, "supports"),
                )
                for n, party in enumerate(row[key])
            ]
        )
    chains_link(plan)
    return plan


def _transition(plan: Plan, action: str, *, user: Any, comment: str = "") -> Plan:
    """Take one of PLAN_ACTIONS under the plan's row lock; two people acting at once are
    serialised, and the second one gets the error. The plan's log names the status it left."""

    def log(saved: Plan) -> None:
        PlanTransition.objects.create(
            plan=saved,
            from_status=saved.status,
            to_status=PLAN_ACTIONS[action].to_status,
            actor=user,
            comment=comment,
        )

    PLAN_ACTIONS.take(action, plan, user=user, check=log, reason=comment)
    plan.refresh_from_db()
    return plan


def plan_submit(*, plan: Plan, user: Any) -> Plan:
    if not plan.tasks.exists():
        raise PlanWorkflowError(_("Add at least one task before submitting the plan."))
    return _transition(plan, "submit", user=user)


def plan_approve(*, plan: Plan, user: Any) -> Plan:
    """Approve a submitted plan and create its work items. An approved revision replaces the
    version it revises and takes over its work items."""
    with transaction.atomic():
        _transition(plan, "approve", user=user)
        _ensure_scheduled(plan)
        fulfilments_propose(plan.tasks.all())
        chains_link(plan)  # a task timed from another's completion waits for that task
        if plan.revision_of_id:
            _transition(
                plan.revision_of,
                "supersede",
                user=user,
                comment=_("Replaced by version %(version)s.") % {"version": plan.version},
            )
            work_items_carry_over(revision=plan, replaced=plan.revision_of)
        elif plan.tasks.exclude(origin=None).exists():  # a joint plan's first version
            work_items_carry_over(revision=plan, replaced=None)
        else:
            work_items_sync(plan=plan)
        _supersede_joined(plan, user=user)
        new_work(
            plan,
            "approve",
            items=WorkItem.objects.open().filter(task__plan=plan).with_sources(),
            title=_("%(plan)s was approved: the work of your unit") % {"plan": plan},
            link=reverse("plans:unit_work"),
            user=user,
        )
    return plan


def _supersede_joined(plan: Plan, *, user: Any) -> None:
    """A joint plan approved replaces the merged agencies' plans of the year it joined."""
    joined = Plan.objects.filter(
        pk__in=plan.tasks.exclude(origin=None).values("origin__plan"),
        status=PlanStatus.APPROVED,
    ).exclude(organization=plan.organization)
    for other in joined:
        _transition(
            other,
            "supersede",
            user=user,
            comment=_("Replaced by the joint plan of %(agency)s.") % {"agency": plan.organization},
        )


def _ensure_scheduled(plan: Plan) -> None:
    """Nothing is approved while a task has neither a schedule nor an explicit "no deadline":
    its items would have no date and no reminder, and a date that does not exist would be
    signed."""
    gaps = schedule_gaps(plan)
    if gaps:
        raise PlanWorkflowError(
            ngettext(
                "Task %(numbers)s has no schedule: choose it by hand or confirm “no deadline” "
                "before approving the plan.",
                "Tasks %(numbers)s have no schedule: choose it by hand or confirm “no deadline” "
                "before approving the plan.",
                len(gaps),
            )
            % {"numbers": ", ".join(str(gap.task.order) for gap in gaps)}
        )


def plan_return(*, plan: Plan, user: Any, comment: str) -> Plan:
    if not comment.strip():
        raise PlanWorkflowError(_("Say why the plan is returned."))
    return _transition(plan, "return", user=user, comment=comment)


@transaction.atomic
def plan_close(*, plan: Plan, user: Any, today: datetime.date | None = None) -> Plan:
    """Close an approved plan at year end (from 1 December of its year). Its items still open
    stay as not done when the plan closed: out of the digests and the work page's current tabs,
    counted as not done in the year's figures."""
    today = today or timezone.localdate()
    if today < datetime.date(plan.year, 12, 1):
        raise PlanWorkflowError(
            _("A plan is closed at year end, from 01/12/%(year)s.") % {"year": plan.year}
        )
    plan = _transition(plan, "close", user=user)
    items_lapse(WorkItem.objects.filter(task__plan=plan), user=user)
    return plan


@transaction.atomic
def plan_start_revision(*, plan: Plan, user: Any) -> Plan:
    """A new draft version of an approved plan; the approved one stays in force meanwhile."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    PLAN_ACTIONS.ensure("revise", locked)
    open_revision = locked.revisions.exclude(status=PlanStatus.SUPERSEDED).first()
    if open_revision is not None:
        raise PlanWorkflowError(
            _("Version %(version)s of this plan is already being prepared.")
            % {"version": open_revision.version}
        )
    latest = Plan.objects.filter(organization=plan.organization, year=plan.year).order_by(
        "-version"
    )[0]
    return _copy_plan(locked, year=locked.year, version=latest.version + 1, revision_of=locked)


def _no_revision_under_way(plan: Plan) -> bool:
    return not plan.revisions.exclude(status=PlanStatus.SUPERSEDED).exists()


def _year_end(plan: Plan) -> bool:
    return timezone.localdate() >= datetime.date(plan.year, 12, 1)


PLAN_ACTIONS = Workflow(
    Action(
        "edit",
        permission="plans.change_plan",
        from_statuses=frozenset({PlanStatus.DRAFT}),
        label=gettext_lazy("Edit the document"),
    ),
    Action(
        "submit",
        permission="plans.change_plan",
        from_statuses=frozenset({PlanStatus.DRAFT}),
        to_status=PlanStatus.SUBMITTED,
        label=gettext_lazy("Submit for approval"),
        question=gettext_lazy(
            "Submit the plan for approval? It cannot be changed while it is reviewed."
        ),
        done=gettext_lazy("The plan was submitted to the leadership for approval."),
        service=plan_submit,
        tells="approve",
        announce=gettext_lazy("%(who)s submitted %(record)s for your approval."),
    ),
    Action(
        "approve",
        permission="plans.approve_plan",
        from_statuses=frozenset({PlanStatus.SUBMITTED}),
        to_status=PlanStatus.APPROVED,
        label=gettext_lazy("Approve"),
        question=gettext_lazy("Approve this plan? Once approved it is in force and locked."),
        done=gettext_lazy("The plan was approved."),
        style="success",
        service=plan_approve,
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s approved %(record)s."),
    ),
    Action(  # with a comment: a page of its own
        "return",
        permission="plans.approve_plan",
        from_statuses=frozenset({PlanStatus.SUBMITTED}),
        to_status=PlanStatus.DRAFT,
        label=gettext_lazy("Return with a comment"),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s returned %(record)s for changes."),
        done=gettext_lazy("The plan was returned to the ISO secretary."),
    ),
    Action(
        "revise",
        permission="plans.change_plan",
        from_statuses=frozenset({PlanStatus.APPROVED}),
        label=gettext_lazy("Start a revision"),
        question=gettext_lazy(
            "Start a revision? A new draft version is created; the approved plan stays in force "
            "until the revision is approved."
        ),
        done=gettext_lazy(
            "A new version was created as a draft; the approved plan stays in force."
        ),
        service=plan_start_revision,
        when=_no_revision_under_way,
        refused=gettext_lazy("Only an approved plan can be revised."),
    ),
    Action(
        "close",
        permission="plans.close_plan",
        from_statuses=frozenset({PlanStatus.APPROVED}),
        to_status=PlanStatus.CLOSED,
        label=gettext_lazy("Close the plan"),
        question=gettext_lazy(
            "Close the plan for the year? A closed plan can no longer be changed, and its work"
            " items still open are recorded as not done (no more reminders)."
        ),
        done=gettext_lazy("The plan was closed."),
        style="secondary",
        service=plan_close,
        when=_year_end,
    ),
    # Approving a revision puts it in force in place of the version it revises.
    Action(
        "supersede",
        permission=None,
        from_statuses=frozenset({PlanStatus.APPROVED}),
        to_status=PlanStatus.SUPERSEDED,
    ),
    record="plan",
    error=PlanWorkflowError,
    refused=gettext_lazy("This is not possible while the plan is “%(status)s”."),
)
