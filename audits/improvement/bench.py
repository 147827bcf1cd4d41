"""The improvement proposals of one agency's year for the benchmark (reports/bench.py): a
register of a large agency, every state, the accepted ones with an improvement action each
(a work item of its unit, built as the service builds it)."""

from __future__ import annotations

import datetime

from plans.work.models import WorkItem
from plans.work.services import item_build

from .choices import ACCEPTED_STATUSES, ProposalStatus
from .models import ImprovementAction, ImprovementProposal
from .services import IMPROVEMENT_ACTION

PROPOSALS = 80
STATES = [  # in turn
    ProposalStatus.SUBMITTED,
    ProposalStatus.ACCEPTED,
    ProposalStatus.IMPLEMENTED,
    ProposalStatus.ACCEPTED,
    ProposalStatus.DECLINED,
]


def build_proposals(*, organization, year: int, units: list, user, calendar) -> None:
    start = datetime.date(year, 1, 10)
    proposals = ImprovementProposal.objects.bulk_create(
        ImprovementProposal(
            organization=organization,
            year=year,
            number=n + 1,
            department=units[n % len(units)],
            title=f"Đề xuất cải tiến quy trình số {n + 1}",
            problem="Hồ sơ phải bổ sung nhiều lần",
            description="Bổ sung hướng dẫn mẫu",
            benefit="Giảm hồ sơ trả lại",
            proposed_by=user,
            proposed_on=start + datetime.timedelta(days=n % 200),
            status=STATES[n % len(STATES)],
            decision_note="Trùng quy định" if n % len(STATES) == STATES.index("declined") else "",
        )
        for n in range(PROPOSALS)
    )
    accepted = [p for p in proposals if p.status in ACCEPTED_STATUSES]
    built = [
        item_build(
            IMPROVEMENT_ACTION,
            None,
            organization_id=organization.pk,
            year=year,
            key=f"ct-{p.pk}-1",
            label=f"Hành động cải tiến {p.code}",
            due_on=p.proposed_on + datetime.timedelta(days=60),
            department_id=p.department_id,
            calendar=calendar,
        )
        for p in accepted
    ]
    for p, item in zip(accepted, built, strict=True):
        if p.status == ProposalStatus.IMPLEMENTED:  # its action is done
            item.status, item.done_on = "done", p.proposed_on + datetime.timedelta(days=30)
    items = WorkItem.objects.bulk_create(built)
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            proposal=p,
            action=f"Thực hiện {p.code}",
            department_id=p.department_id,
            due_on=item.due_date,
            work_item=item,
        )
        for p, item in zip(accepted, items, strict=True)
    )
