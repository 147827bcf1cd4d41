"""The sections of the inspection dossier, one per kind of record (see registry.py).

To add a kind of record: one ``register(Section(...))`` here, whose ``entries(organization,
year)`` yields an ``Entry`` per record of the year with its printouts (a function giving the PDF
bytes) and its evidence (stored files). Reads in bulk: a section's queries do not grow with its
records, except each printout's own when it is rendered.
"""

import datetime
from functools import partial

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from audits.improvement.models import ImprovementProposal
from audits.internal_audit.models import Audit
from audits.nonconformity.models import Nonconformity
from audits.review.choices import ReviewStatus
from audits.review.models import ManagementReview, SatisfactionSurvey
from audits.survey.models import Survey
from plans.choices import PlanStatus
from plans.committee.choices import CompositionStatus
from plans.committee.models import CommitteeComposition
from plans.documents.choices import EditionStatus
from plans.documents.models import DocumentEdition
from plans.documents.selectors import documents_in_force
from plans.models import Plan, WorkItem, WorkItemEvidence
from plans.objectives.models import ObjectiveSet
from plans.risks.models import Risk
from plans.training.models import AuditorCertificate, Onboarding, Training

from ..annual_views import annual_report_body
from ..committee import committee_pdf_body
from ..declaration_views import declaration_pdf_body
from ..documents import document_list_pdf_body
from ..internal_audit import audit_printout
from ..models import AnnualReport, ConformityDeclaration
from ..objectives import objective_report_file
from ..planning import plan_pdf_body
from ..review import review_printout
from ..risks import risk_register_pdf_body
from ..survey import survey_report_body
from .registry import Entry, Printout, Section, register

DONE_PLAN = (PlanStatus.APPROVED, PlanStatus.CLOSED, PlanStatus.SUPERSEDED)


def _evidence_by(path: str, ids) -> dict[int, list]:
    """The evidence of the work items whose ``path`` is one of ``ids``, grouped by it: one
    query."""
    grouped: dict[int, list] = {}
    rows = (
        WorkItemEvidence.objects.filter(**{f"item__{path}__in": list(ids)})
        .annotate(group=F(f"item__{path}"))
        .order_by("uploaded_at", "pk")
    )
    for stored in rows:
        grouped.setdefault(stored.group, []).append(stored)
    return grouped


def _day(day: datetime.date | None) -> str:
    return f"{day:%Y%m%d}" if day else ""


# --- declaration of conformity (4.3: the scope declared) -------------------------------------
def declarations(organization, year: int):
    """Those signed in the year, or else the one in force at its start."""
    signed = ConformityDeclaration.objects.filter(organization=organization)
    rows = list(signed.filter(signed_on__year=year).order_by("signed_on", "pk"))
    if not rows:
        rows = list(signed.filter(signed_on__lt=datetime.date(year, 1, 1))[:1])
    for declaration in rows:
        stem = f"QD-CBHTQLCL-{_day(declaration.signed_on)}"
        yield Entry(
            f"Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015 số {declaration.number}",
            declaration.signed_on,
            [
                Printout(f"{stem}.pdf", partial(declaration_pdf_body, declaration, "decision")),
                Printout(
                    f"{stem}-Ban-cong-bo.pdf",
                    partial(declaration_pdf_body, declaration, "statement"),
                ),
            ],
        )


register(Section("declaration", _("Declaration of conformity"), "4.3", "declaration", declarations))


# --- the plan and the evidence of its tasks (6.2) --------------------------------------------
def plans(organization, year: int):
    rows = list(
        Plan.objects.filter(organization=organization, year=year, status__in=DONE_PLAN)
        .select_related("organization")
        .order_by("version")
    )
    evidence = _evidence_by("task__plan", [plan.pk for plan in rows])
    for plan in rows:
        yield Entry(
            f"{plan} – {plan.get_status_display()}",
            plan.issued_on,
            [Printout(f"KH-{year}-v{plan.version}.pdf", lambda plan=plan: plan_pdf_body(plan))],
            evidence.get(plan.pk, []),
        )


register(
    Section(
        "plan", _("Plan for maintaining and improving the quality system"), "6.2", "system", plans
    )
)


# --- quality objectives and their results (6.2, 9.1) -----------------------------------------
def objectives(organization, year: int):
    rows = list(
        ObjectiveSet.objects.filter(organization=organization, year=year)
        .exclude(status=PlanStatus.DRAFT)
        .select_related("organization", "department")
        .order_by("department__name", "pk")
    )
    evidence = _evidence_by("objective__objective_set", [s.pk for s in rows])
    for objective_set in rows:
        owner = objective_set.department.name if objective_set.department_id else ""
        name = f"BC-MTCL-{year}{'-' + owner if owner else ''}.pdf"
        yield Entry(
            str(objective_set),
            None,
            [Printout(name, lambda s=objective_set: objective_report_file(s, "pdf"))],
            evidence.get(objective_set.pk, []),
        )


register(
    Section("objectives", _("Quality objectives and their results"), "6.2", "system", objectives)
)


# --- risks and opportunities (6.1) -----------------------------------------------------------
def risks(organization, year: int):
    rows = Risk.objects.filter(organization=organization, year=year)
    if not rows.exists():
        return
    evidence = _evidence_by("risk_action__risk", rows.values_list("pk", flat=True))
    yield Entry(
        f"Sổ đăng ký rủi ro và cơ hội năm {year}",
        None,
        [Printout(f"RR-{year}.pdf", lambda: risk_register_pdf_body(organization, year))],
        [stored for files in evidence.values() for stored in files],
    )


register(Section("risks", _("Risks and opportunities"), "6.1", "system", risks))


# --- documented information (7.5) ------------------------------------------------------------
def document_list(organization, year: int):
    if not documents_in_force(organization).exists():
        return
    yield Entry(
        "Danh mục tài liệu HTQLCL đang áp dụng",
        None,
        [Printout("Danh mục tài liệu.pdf", lambda: document_list_pdf_body(organization))],
    )


def editions(organization, year: int):
    rows = (
        DocumentEdition.objects.filter(
            document__organization=organization,
            issued_on__year=year,
            status__in=(EditionStatus.APPROVED, EditionStatus.SUPERSEDED),
        )
        .select_related("document")
        .prefetch_related("files")
        .order_by("issued_on", "document__code", "number")
    )
    for edition in rows:
        yield Entry(
            f"{edition.document.code} {edition.document.title} – lần ban hành {edition.number}",
            edition.issued_on,
            evidence=list(edition.files.all()),
        )


register(
    Section("document_list", _("List of documents in force"), "7.5", "documents", document_list)
)
register(
    Section(
        "editions", _("Documents issued or revised in the year"), "7.5.3", "documents", editions
    )
)


# --- satisfaction surveys (9.1.2) ------------------------------------------------------------
def surveys(organization, year: int):
    """The results of the year (typed in, or written by a survey conducted here, whose report
    is printed), then the surveys of the year still collecting forms."""
    conducted = list(Survey.objects.filter(organization=organization, year=year).order_by("pk"))
    by_summary = {survey.summary_id: survey for survey in conducted if survey.summary_id}
    rows = SatisfactionSurvey.objects.filter(
        organization=organization, period_end__year=year
    ).order_by("period_end", "pk")
    for summary in rows:
        survey = by_summary.get(summary.pk)
        yield Entry(
            f"Khảo sát sự hài lòng: {summary}, {summary.responses} phiếu, "
            f"{summary.satisfied_percent}% hài lòng",
            summary.period_end,
            [_survey_printout(survey)] if survey else [],
        )
    for survey in conducted:
        if survey.summary_id is None:
            yield Entry(
                f"Khảo sát sự hài lòng: {survey.title} ({survey.get_status_display().lower()})",
                survey.period_end,
                [_survey_printout(survey)],
            )


def _survey_printout(survey) -> Printout:
    return Printout(f"BC-KSHL-{survey.pk}.pdf", partial(survey_report_body, survey, "pdf"))


register(Section("surveys", _("Satisfaction surveys"), "9.1.2", "evaluation", surveys))


# --- internal audits (9.2) -------------------------------------------------------------------
def audits(organization, year: int):
    rows = (
        Audit.objects.filter(organization=organization, year=year)
        .select_related("organization", "lead_auditor")
        .order_by("starts_on", "pk")
    )
    for audit in rows:
        stamp = _day(audit.starts_on)
        yield Entry(
            audit.title,
            audit.starts_on,
            [
                Printout(
                    f"TB-DGNB-{stamp}.pdf", lambda a=audit: audit_printout(a, "notice", "pdf")
                ),
                Printout(
                    f"BC-DGNB-{stamp}.pdf", lambda a=audit: audit_printout(a, "report", "pdf")
                ),
            ],
        )


register(Section("audits", _("Internal audits"), "9.2", "evaluation", audits))


# --- management reviews (9.3) ----------------------------------------------------------------
def reviews(organization, year: int):
    rows = list(
        ManagementReview.objects.filter(organization=organization, year=year)
        .select_related("organization", "chair", "minutes_secretary")
        .order_by("meeting_on", "pk")
    )
    evidence = _evidence_by("review_output__review", [review.pk for review in rows])
    for review in rows:
        stamp = _day(review.meeting_on)
        printouts = [
            Printout(
                f"TB-XXLD-{stamp}.pdf",
                lambda r=review: review_printout(r, part="notice", extension="pdf"),
            )
        ]
        if review.status != ReviewStatus.PLANNED:
            printouts.append(
                Printout(
                    f"BB-XXLD-{stamp}.pdf",
                    lambda r=review: review_printout(r, part="minutes", extension="pdf"),
                )
            )
        yield Entry(review.title, review.meeting_on, printouts, evidence.get(review.pk, []))


register(Section("reviews", _("Management reviews"), "9.3", "evaluation", reviews))


# --- nonconformities and corrective actions (10.2) -------------------------------------------
def nonconformities(organization, year: int):
    rows = list(
        Nonconformity.objects.filter(organization=organization, year=year)
        .select_related("department", "finding__session__audit__organization")
        .order_by("number")
    )
    evidence = _evidence_by("corrective_action__nonconformity", [nc.pk for nc in rows])
    for nc in rows:
        finding = getattr(nc, "finding", None)
        audit = finding.session.audit if finding else None
        printouts = []
        if audit is not None:
            # The audit's corrective-action report prints all its nonconformities: once.
            printouts.append(
                Printout(
                    f"BC-KPH-{_day(audit.starts_on)}.pdf",
                    lambda a=audit: audit_printout(a, "corrective", "pdf"),
                    key=f"corrective-{audit.pk}",
                )
            )
        yield Entry(
            f"{nc.code} ({nc.department.name}): {nc.description[:120]} – {nc.get_status_display()}",
            nc.found_on,
            printouts,
            evidence.get(nc.pk, []),
        )


register(
    Section(
        "nonconformities",
        _("Nonconformities and corrective actions"),
        "10.2",
        "improvement",
        nonconformities,
    )
)


# --- the annual report (to the province) -----------------------------------------------------
def annual_reports(organization, year: int):
    for report in AnnualReport.objects.filter(organization=organization, year=year).select_related(
        "organization"
    ):
        yield Entry(
            f"{report} – {report.get_status_display()}",
            report.submitted_on,
            [Printout(f"BC-HTQLCL-{year}.pdf", lambda r=report: annual_report_body(r, "pdf"))],
        )


register(
    Section(
        "annual_report",
        _("Annual report on the quality system"),
        "9.1.3",
        "reporting",
        annual_reports,
    )
)


# --- whatever work of the year has evidence and no section above took it -------------------
# --- the steering committee (5.3: roles, responsibilities and authorities) -------------------
def committee(organization, year: int):
    """The compositions decided in the year, or else the one in force at its start."""
    issued = CommitteeComposition.objects.filter(organization=organization).exclude(
        status=CompositionStatus.DRAFT
    )
    rows = list(issued.filter(decided_on__year=year).order_by("decided_on", "pk"))
    if not rows:
        rows = list(
            issued.filter(decided_on__lt=datetime.date(year, 1, 1)).order_by("-decided_on")[:1]
        )
    for composition in rows:
        yield Entry(
            f"Quyết định kiện toàn Ban Chỉ đạo ISO số {composition.decision_number}",
            composition.decided_on,
            [
                Printout(
                    f"QD-BCD-{_day(composition.decided_on)}.pdf",
                    partial(committee_pdf_body, composition),
                )
            ],
        )


register(Section("committee", _("ISO steering committee"), "5.3", "system", committee))


# --- competence and awareness (7.2, 7.3) -----------------------------------------------------
def trainings(organization, year: int):
    rows = (
        Training.objects.filter(organization=organization, held_on__year=year)
        .prefetch_related("files")
        .order_by("held_on", "pk")
    )
    for training in rows:
        yield Entry(f"Đào tạo: {training.title}", training.held_on, [], list(training.files.all()))
    guided = (
        Onboarding.objects.filter(organization=organization, guided_on__year=year)
        .select_related("person")
        .order_by("guided_on", "pk")
    )
    evidence = _evidence_by("onboarding__pk", [o.pk for o in guided])
    for onboarding in guided:
        yield Entry(
            f"Hướng dẫn HTQLCL cho {onboarding.person.get_full_name()}",
            onboarding.guided_on,
            [],
            evidence.get(onboarding.pk, []),
        )
    certificates = (
        AuditorCertificate.objects.filter(organization=organization, issued_on__year__lte=year)
        .exclude(expires_on__year__lt=year)
        .select_related("person")
        .order_by("issued_on", "pk")
    )
    for certificate in certificates:
        yield Entry(
            f"Chứng chỉ đánh giá viên nội bộ số {certificate.number} – "
            f"{certificate.person.get_full_name()}",
            certificate.issued_on,
            [],
            [certificate] if certificate.file else [],
        )


register(Section("trainings", _("Training and awareness"), "7.2", "system", trainings))


# --- improvement proposals (10.3) ------------------------------------------------------------
def proposals(organization, year: int):
    rows = (
        ImprovementProposal.objects.filter(organization=organization, year=year)
        .prefetch_related("attachments")
        .order_by("number")
    )
    actions = _evidence_by("improvement_action__proposal_id", [p.pk for p in rows])
    for proposal in rows:
        yield Entry(
            f"Đề xuất cải tiến {proposal.code}: {proposal.title} "
            f"({proposal.get_status_display().lower()})",
            proposal.proposed_on,
            [],
            [*proposal.attachments.all(), *actions.get(proposal.pk, [])],
        )


register(Section("proposals", _("Improvement proposals"), "10.3", "improvement", proposals))


def other_evidence(organization, year: int):
    """The builder keeps only the files no other section has put in the dossier."""
    items = (
        WorkItem.objects.filter(
            organization=organization, year=year, pk__in=WorkItemEvidence.objects.values("item")
        )
        .with_sources()
        .order_by("due_date", "pk")
    )
    items = list(items)
    evidence = _evidence_by("pk", [item.pk for item in items])
    for item in items:
        yield Entry(str(item), item.done_on, evidence=evidence.get(item.pk, []))


register(
    Section(
        "other_evidence",
        _("Evidence of other work done in the year"),
        "8.1",
        "system",
        other_evidence,
        leftovers=True,
    )
)
