"""The world the permission matrix runs in: the demo agencies, plus what the demo lacks.

Built once per module (the demo takes seconds) and committed; each test then runs in a
transaction that is rolled back, so a POST by one role never changes what the next one sees.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from audits.improvement.services import proposal_submit
from audits.internal_audit.services import finding_record
from audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    CorrectiveAction,
    ManagementReview,
    Nonconformity,
    Survey,
    TemplateQuestion,
)
from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import (
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_register,
    nonconformity_start_actions,
    nonconformity_verify,
)
from plans.choices import Role
from plans.committee.selectors import composition_in_force
from plans.committee.services import composition_start
from plans.models import (
    Department,
    Document,
    DocumentEdition,
    DocumentFile,
    ExternalDocument,
    Membership,
    Notification,
    ObjectiveSet,
    Organization,
    Plan,
    TaskImport,
    User,
    WorkItem,
    WorkItemEvidence,
)
from plans.objectives.services import periods
from plans.planning.services.plan import plan_create, plan_submit
from plans.risks.models import ContextEntry
from plans.risks.services import risk_record
from plans.work.services import work_item_complete
from reports.models import (
    AnnualReport,
    ConformityDeclaration,
    DossierBuild,
    DossierStatus,
    ProvinceTemplate,
)

# The people of the matrix: role → user name (None: not logged in).
ROLES = {
    "anonymous": None,
    "staff": "nhanvien",
    "head_a": "truongphong",  # heads the unit that owns the sample work item
    "head_b": "truongphong.b",  # heads another unit of the same agency
    "auditor": "danhgia",
    "secretary": "thuky",
    "director": "giamdoc",
    "admin": "quantri",
    "outsider": "thuky.tnmt",  # the ISO secretary of another agency
    "coordinator": "dieuphoi",  # the province coordinator (member of a third agency)
}


@dataclass
class World:
    ids: dict[str, int | str]


def build_world() -> World:
    call_command("flush", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)
    # The demo's seed years (2022): its current year has a plan, audit, objectives of its own.
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    head_a = User.objects.get(username="truongphong")
    unit_a = Membership.objects.get(user=head_a, role=Role.DEPARTMENT_HEAD).department
    unit_b = Department.objects.filter(organization=labour).exclude(pk=unit_a.pk).first()
    head_b = User.objects.create_user("truongphong.b", password="x", full_name="Trưởng phòng B")
    Membership.objects.create(
        user=head_b, organization=labour, role=Role.DEPARTMENT_HEAD, department=unit_b
    )
    thuky = User.objects.get(username="thuky")
    plan = Plan.objects.get(organization=labour, year=2022)
    draft = plan_create(organization=labour, year=2023, copy_from=plan)
    submitted = plan_submit(
        plan=plan_create(organization=labour, year=2024, copy_from=plan), user=thuky
    )
    item = WorkItem.objects.filter(organization=labour, department=unit_a).first()
    evidence = WorkItemEvidence(item=item, original_name="bien-ban.pdf", size=9, uploaded_by=head_a)
    evidence.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    objectives = ObjectiveSet.objects.get(organization=labour, year=2022)
    objective = objectives.objectives.first()
    audit = Audit.objects.get(organization=labour, year=2022)
    review = ManagementReview.objects.get(organization=labour)
    # The demo approved its 2022 audit report and minutes in 2022; here they wait for the
    # director again, so that the pages that change or approve them can be reached.
    Audit.objects.filter(pk=audit.pk).update(status="finished", approved_by=None, approved_at=None)
    ManagementReview.objects.filter(pk=review.pk).update(
        status="held", approved_by=None, approved_at=None
    )
    notification = Notification.objects.create(
        user=User.objects.get(username="nhanvien"), title="Nhắc việc", body="Sắp đến hạn."
    )
    report = AnnualReport.objects.create(organization=labour, year=2023)
    # The demo's 2022 report, sent to the province: the coordinator reads it
    # (reports.view_sent_annualreport).
    sent_report = AnnualReport.objects.get(organization=labour, year=2022)
    assert sent_report.submitted_on is not None
    task_import = _pasted_import(thuky, draft)
    document = Document.objects.get(organization=labour, code="QT-05")
    edition_in_review = DocumentEdition.objects.get(
        document__organization=labour, document__code="QT-07"
    )
    risk = risk_record(
        organization=labour,
        user=head_a,
        year=2022,
        department=unit_a,
        kind="risk",
        process="Giải quyết chế độ người có công",
        description="Hồ sơ trễ hạn do thiếu giấy tờ",
        likelihood=3,
        impact=4,
        treatment="reduce",
    )
    world = World(
        ids={
            "organization": labour.pk,
            "plan": plan.pk,
            "draft_plan": draft.pk,
            "submitted_plan": submitted.pk,
            "task": draft.tasks.first().pk,
            "unit_a": unit_a.pk,
            "work_item": item.pk,
            "evidence": evidence.pk,
            "objective_set": objectives.pk,
            "objective": objective.pk,
            "period": periods(objective.frequency, objectives.year)[0].key,
            "audit": audit.pk,
            "audit_programme": AuditProgramme.objects.get(organization=labour, year=2022).pk,
            "session": AuditSession.objects.filter(audit=audit).first().pk,
            "nonconformity": Nonconformity.objects.get(organization=labour, year=2022).pk,
            "corrective_action": CorrectiveAction.objects.get(nonconformity__year=2022).pk,
            "review": review.pk,
            "notification": notification.pk,
            "annual_report": report.pk,
            "sent_annual_report": sent_report.pk,
            "review_action": "hold",
            "task_import": task_import.pk,
            "document": document.pk,
            "edition": edition_in_review.pk,
            "document_file": DocumentFile.objects.filter(edition=document.current_edition)
            .first()
            .pk,
            "external": ExternalDocument.objects.get(organization=labour).pk,
            "year": 2022,
            "context_kind": "internal",
            "context_entry": ContextEntry.objects.filter(organization=labour).first().pk,
            "risk": risk.pk,
            "person_token": head_a.calendar_token,
            "unit_token": unit_a.calendar_token,
            # a password-reset link as mailed to the head of unit A
            "reset_uid": urlsafe_base64_encode(force_bytes(head_a.pk)),
            "reset_token": default_token_generator.make_token(head_a),
        }
    )
    # Added after the ids above are read: they pick the demo's audit and nonconformity.
    world.ids.update(_audit_under_way(labour, unit_a, thuky))
    world.ids["closed_nonconformity"] = _closed_nonconformity(labour, unit_a, thuky).pk
    world.ids["dossier"] = _dossier(labour, thuky).pk
    # The demo's survey of the current year, collecting, with its questionnaire and forms.
    survey = Survey.objects.get(organization=labour)
    world.ids |= {
        "survey": survey.pk,
        "survey_key": survey.public_key,
        "survey_question": survey.questions.first().pk,
        # a form typed in from paper at the desk by the staff member
        "survey_response": survey.responses.filter(entered_by__username="nhanvien").first().pk,
        "template_question": TemplateQuestion.objects.filter(organization=labour).first().pk,
        "survey_action": "close",
    }
    world.ids.update(_committee_and_declaration(labour, thuky))
    world.ids.update(_training(labour, unit_a, head_a))
    world.ids.update(_proposal(labour, unit_a))
    # The demo's question bank, published by the province's coordinator.
    world.ids["province_template"] = ProvinceTemplate.objects.get(province=labour.province).pk
    return world


def _dossier(organization: Organization, secretary: User) -> DossierBuild:
    """A dossier built (its files stand in for the real ones: the matrix downloads them)."""
    build = DossierBuild(
        organization=organization,
        year=2022,
        requested_by=secretary,
        requested_at=timezone.now(),
        status=DossierStatus.READY,
    )
    build.archive.save("ho-so.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
    build.combined.save("ho-so.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return build


def _committee_and_declaration(organization: Organization, secretary: User) -> dict:
    """The demo's committee in force, a draft re-forming it, and the demo's declaration."""
    in_force = composition_in_force(organization)
    draft = composition_start(organization=organization, user=secretary)
    return {
        "committee": in_force.pk,
        "committee_draft": draft.pk,
        "committee_member": draft.members.first().pk,
        "declaration": ConformityDeclaration.objects.get(organization=organization).pk,
    }


def _training(organization: Organization, unit: Department, head: User) -> dict:
    """The demo's training of unit A (with a file), its newcomer to guide, the auditor's
    certificate (with its scan)."""
    from plans.training.models import AuditorCertificate, Onboarding, Training

    training = Training.objects.get(organization=organization, department=unit)
    stored = training.files.model(
        training=training, original_name="diem-danh.pdf", size=9, uploaded_by=head
    )
    stored.file.save("diem-danh.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    certificate = AuditorCertificate.objects.get(person__username="danhgia")
    certificate.original_name = "chung-chi.pdf"
    certificate.file.save("chung-chi.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {
        "training": training.pk,
        "training_file": stored.pk,
        "staff_person": User.objects.get(username="nhanvien").pk,
        "onboarding": Onboarding.objects.get(
            organization=organization, department=unit, guided_on__isnull=True
        ).pk,
        "certificate": certificate.pk,
    }


def _proposal(organization: Organization, unit: Department) -> dict:
    """An improvement proposal of the staff member of unit A, with a file, waiting for the
    secretary's decision."""
    proposal = proposal_submit(
        organization=organization,
        user=User.objects.get(username="nhanvien"),
        department=unit,
        title="Nhắc hạn hồ sơ trên phần mềm một cửa",
        problem="Hồ sơ trả trễ vì quên hạn",
        description="Bật nhắc việc",
        benefit="Không còn hồ sơ trễ",
        files=[SimpleUploadedFile("de-xuat.pdf", b"%PDF-1.4\n")],
    )
    return {"proposal": proposal.pk, "proposal_attachment": proposal.attachments.get().pk}


def _audit_under_way(organization: Organization, unit: Department, secretary: User) -> dict:
    """An audit in progress: the auditor audits unit A and has recorded a conforming line."""
    auditor = User.objects.get(username="danhgia")
    audit = Audit.objects.create(
        organization=organization,
        year=2023,
        title="Đánh giá nội bộ năm 2023",
        lead_auditor=auditor,
        starts_on=datetime.date(2023, 9, 11),
        ends_on=datetime.date(2023, 9, 15),
    )
    audit.units.set([unit])
    audit.team.set([secretary])
    session = AuditSession.objects.create(
        audit=audit,
        department=unit,
        date=datetime.date(2023, 9, 12),
        starts_at=datetime.time(8),
        ends_at=datetime.time(10),
    )
    session.auditors.set([auditor])
    finding = finding_record(
        session=session,
        clause="7.5",
        question="Danh mục hồ sơ có được cập nhật?",
        result="conforming",
        evidence="Cập nhật tháng 8/2023",
        user=auditor,
    )
    return {"open_audit": audit.pk, "open_session": session.pk, "finding": finding.pk}


def _closed_nonconformity(organization: Organization, unit: Department, secretary: User):
    """A nonconformity whose actions were verified effective: it can be reopened."""
    nonconformity = nonconformity_register(
        organization=organization,
        user=secretary,
        source=NonconformitySource.COMPLAINT,
        severity="minor",
        department=unit,
        found_on=datetime.date(2022, 6, 1),
        description="Công dân phản ánh chậm trả kết quả",
    )
    nonconformity_analyse(
        nonconformity=nonconformity,
        correction="Trả kết quả ngay",
        root_cause="Thiếu người trực một cửa",
        user=secretary,
    )
    action = corrective_action_add(
        nonconformity=nonconformity,
        action="Bố trí người trực thay",
        department=unit,
        due_on=datetime.date(2022, 7, 1),
        user=secretary,
    )
    nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    work_item_complete(item=action.work_item, user=secretary, done_on=datetime.date(2022, 6, 20))
    return nonconformity_verify(
        nonconformity=nonconformity,
        effective=True,
        note="Kiểm tra sổ theo dõi tháng 7: không còn trễ",
        user=secretary,
        today=datetime.date(2022, 8, 1),
    )


def _pasted_import(user: User, plan: Plan) -> TaskImport:
    """An import waiting in preview, made the way the secretary makes one: rows pasted."""
    client = Client()
    client.force_login(user)
    pasted = "TT\tNội dung\tĐơn vị thực hiện\tThời gian\n1\tRà soát quy trình\tVăn phòng Sở\tQuý I"
    client.post(reverse("plans:task_import_start", args=[plan.pk]), {"pasted": pasted})
    return TaskImport.objects.get(plan=plan)
