"""The records of one agency's year for the benchmark, beside its plan (plans/bench.py): objective
measurements, the document register, external documents, risks, nonconformities with their
corrective actions, a management review with its decisions, plans waiting for approval and the
annual report — so that its dashboard, lists and report show every kind of work item.

Built with bulk inserts (items through ``item_build``, as the services build them); sizes are those
of a large agency, not of a province: these pages show one agency.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from audits.improvement.bench import build_proposals
from audits.models import CorrectiveAction, ManagementReview, Nonconformity, ReviewOutput
from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import CORRECTIVE_ACTION
from audits.review.choices import OutputKind, ReviewStatus
from audits.review.services import REVIEW_DECISION
from audits.survey.bench import build_survey
from plans.choices import PlanStatus
from plans.committee.models import CommitteeComposition, CommitteeMember
from plans.documents.choices import DocumentStatus
from plans.documents.services import DOCUMENT_REVIEW, DOCUMENT_UPDATE
from plans.models import Document, ExternalDocument, ObjectiveSet, Organization, Plan, WorkItem
from plans.objectives.services import measurement_items_sync
from plans.risks.choices import Treatment
from plans.risks.models import Risk, RiskAction
from plans.risks.services import RISK_ACTION
from plans.training.bench import build_trainings
from plans.work.calendar import load_calendar
from plans.work.services import item_build

from .models import AnnualReport

DOCUMENTS = 150
EXTERNAL_DOCUMENTS = 30
RISKS = 40
NONCONFORMITIES = 40
DECISIONS = 12
WAITING_PLANS = 5
WAITING_YEARS = range(2040, 2040 + WAITING_PLANS)  # years no other bench plan uses


@transaction.atomic
def build_records(
    *, organization: Organization, year: int, today: datetime.date, user, chair
) -> dict:
    """Every kind of record of ``year`` for ``organization``; ``user`` records them, ``chair``
    chairs the review."""
    units = list(organization.departments.order_by("order"))
    calendar = load_calendar()
    for objective_set in ObjectiveSet.objects.filter(organization=organization, year=year):
        measurement_items_sync(objective_set=objective_set)

    def items(kind: str, count: int, first_due: datetime.date, key: str) -> list[WorkItem]:
        built = [
            item_build(
                kind,
                None,
                organization_id=organization.pk,
                year=year,
                key=f"{key}-{n}",
                label=f"Hạn {n}",
                due_on=first_due + datetime.timedelta(days=7 * (n % 40)),
                department_id=units[n % len(units)].pk,
                calendar=calendar,
            )
            for n in range(count)
        ]
        for n, item in enumerate(built):
            if item.due_date < today and n % 3:
                item.status, item.done_on, item.completed_at = "done", item.due_date, _now(today)
        return WorkItem.objects.bulk_create(built)

    start = datetime.date(year, 1, 15)
    document_type = ContentType.objects.get_for_model(Document)
    reviews = items(DOCUMENT_REVIEW, DOCUMENTS, start, "review")
    documents = Document.objects.bulk_create(
        Document(
            organization=organization,
            code=f"QT-{n + 1:03d}",
            title=f"Quy trình giải quyết thủ tục hành chính số {n + 1}",
            department=units[n % len(units)],
            status=DocumentStatus.IN_FORCE,
            review_item=item,
        )
        for n, item in enumerate(reviews)
    )
    for document, item in zip(documents, reviews, strict=True):
        item.source_type, item.source_id = document_type, document.pk
    WorkItem.objects.bulk_update(reviews, ["source_type", "source_id"])

    external_type = ContentType.objects.get_for_model(ExternalDocument)
    externals = ExternalDocument.objects.bulk_create(
        ExternalDocument(
            organization=organization,
            number=f"{n + 1}/{year}/TT-BKHCN",
            issued_on=start,
            issuer="Bộ Khoa học và Công nghệ",
            title=f"Thông tư hướng dẫn số {n + 1}",
            effective_on=start,
            received_on=start,
            recorded_by=user,
        )
        for n in range(EXTERNAL_DOCUMENTS)
    )
    updates = items(DOCUMENT_UPDATE, EXTERNAL_DOCUMENTS, start, "update")
    for external, item in zip(externals, updates, strict=True):
        item.source_type, item.source_id = external_type, external.pk
        external.update_items.add(item)
    WorkItem.objects.bulk_update(updates, ["source_type", "source_id"])

    risks = Risk.objects.bulk_create(
        Risk(
            organization=organization,
            year=year,
            department=units[n % len(units)],
            process=f"Quy trình số {n + 1}",
            description=f"Rủi ro trễ hạn hồ sơ số {n + 1}",
            likelihood=1 + n % 5,
            impact=1 + n % 4,
            treatment=Treatment.REDUCE,
            recorded_by=user,
        )
        for n in range(RISKS)
    )
    RiskAction.objects.bulk_create(
        RiskAction(
            risk=risk,
            action=f"Biện pháp {n + 1}",
            department_id=item.department_id,
            due_on=item.due_date,
            work_item=item,
        )
        for n, (risk, item) in enumerate(
            zip(risks, items(RISK_ACTION, RISKS, start, "risk"), strict=True)
        )
    )

    nonconformities = Nonconformity.objects.bulk_create(
        Nonconformity(
            organization=organization,
            year=year,
            number=n + 1,
            source=NonconformitySource.INTERNAL_AUDIT,
            description=f"Hồ sơ số {n + 1} không có phiếu kiểm soát",
            clause="8.5.1",
            department=units[n % len(units)],
            found_on=start,
            recorded_by=user,
        )
        for n in range(NONCONFORMITIES)
    )
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(
            nonconformity=nc,
            action=f"Khắc phục {n + 1}",
            department_id=item.department_id,
            due_on=item.due_date,
            work_item=item,
        )
        for n, (nc, item) in enumerate(
            zip(
                nonconformities, items(CORRECTIVE_ACTION, NONCONFORMITIES, start, "nc"), strict=True
            )
        )
    )

    review = ManagementReview.objects.create(
        organization=organization,
        year=year,
        title=f"Họp xem xét của lãnh đạo năm {year}",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 6, 30),
        meeting_on=datetime.date(year, 7, 15),
        starts_at=datetime.time(8, 0),
        place="Phòng họp",
        participants="Lãnh đạo\nCác phòng",
        status=ReviewStatus.HELD,
        chair=chair,
    )
    ReviewOutput.objects.bulk_create(
        ReviewOutput(
            review=review,
            kind=OutputKind.IMPROVEMENT,
            decision=f"Quyết định {n + 1}",
            department_id=item.department_id,
            due_on=item.due_date,
            work_item=item,
        )
        for n, item in enumerate(
            items(REVIEW_DECISION, DECISIONS, datetime.date(year, 8, 1), "decision")
        )
    )

    Plan.objects.bulk_create(
        Plan(
            organization=organization,
            year=waiting,
            status=PlanStatus.SUBMITTED,
            symbol="KH-CHO",
            place="Thử nghiệm",
            title=f"Kế hoạch năm {waiting}",
        )
        for waiting in WAITING_YEARS
    )
    build_trainings(organization=organization, year=year, user=user)
    build_proposals(organization=organization, year=year, units=units, user=user, calendar=calendar)
    report = AnnualReport.objects.create(organization=organization, year=year)
    survey = build_survey(organization=organization, year=year, user=user)
    committee = CommitteeComposition.objects.create(
        organization=organization, status="in_force", decision_number="1/QĐ-BENCH", decided_on=today
    )
    CommitteeMember.objects.bulk_create(
        CommitteeMember(composition=committee, name=f"Thành viên {n}", order=n) for n in range(25)
    )
    return {"annual_report": report, "review": review, "survey": survey}


def _now(today: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(today, datetime.time(8, 0), tzinfo=datetime.UTC)
