"""The inspection dossier (reports/dossier/): every record of the year indexed, printed and
with its evidence in the ZIP; built in the background with progress; a failure shown and
retried; one build at a time; downloads only for the agency's secretary and leaders."""

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from audits.improvement.models import ImprovementAttachment, ImprovementProposal
from audits.internal_audit.models import Audit
from audits.nonconformity.models import Nonconformity
from audits.review.models import ManagementReview, SatisfactionSurvey
from audits.survey.models import Survey
from plans.choices import PlanStatus, Role
from plans.committee.models import CommitteeComposition
from plans.documents.choices import EditionStatus
from plans.models import (
    DocumentEdition,
    DocumentFile,
    ObjectiveSet,
    Organization,
    Plan,
    WorkItem,
    WorkItemEvidence,
)
from plans.planning.services.plan import plan_approve, plan_submit
from plans.risks.models import Risk
from plans.training.models import AuditorCertificate, Onboarding, Training, TrainingFile
from plans.work.services import work_item_complete
from reports.dossier import registry
from reports.dossier.build import clean
from reports.dossier.registry import Entry, Printout, Section
from reports.dossier.services import DossierBusyError, build_now, dossier_build, dossier_request
from reports.models import AnnualReport, ConformityDeclaration, DossierBuild, DossierStatus
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db


def _squash(text: str) -> str:
    """Text as the index's table wraps it: compared without any white space."""
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    return _squash("".join(page.extract_text() for page in PdfReader(path).pages))


def _expected_titles(organization, year: int) -> list[str]:
    """What identifies each record of the year in the index, read here from the models (not
    from the sections), so that a section forgetting a record fails."""
    titles = [
        f"Kế hoạch năm {year}"
        for _plan in Plan.objects.filter(
            organization=organization,
            year=year,
            status__in=(PlanStatus.APPROVED, PlanStatus.CLOSED, PlanStatus.SUPERSEDED),
        )
    ]
    titles += [
        f"Mục tiêu chất lượng năm {year}"
        for _set in ObjectiveSet.objects.filter(organization=organization, year=year).exclude(
            status=PlanStatus.DRAFT
        )
    ]
    titles += [audit.title for audit in Audit.objects.filter(organization=organization, year=year)]
    titles += [
        review.title
        for review in ManagementReview.objects.filter(organization=organization, year=year)
    ]
    titles += [nc.code for nc in Nonconformity.objects.filter(organization=organization, year=year)]
    titles += [
        f"{edition.document.code} {edition.document.title} – lần ban hành {edition.number}"
        for edition in DocumentEdition.objects.filter(
            document__organization=organization,
            issued_on__year=year,
            status__in=(EditionStatus.APPROVED, EditionStatus.SUPERSEDED),
        ).select_related("document")
    ]
    titles += [
        f"{survey.responses} phiếu"
        for survey in SatisfactionSurvey.objects.filter(
            organization=organization, period_end__year=year
        )
    ]
    titles += [
        f"Báo cáo kết quả duy trì, cải tiến HTQLCL năm {year}"
        for _report in AnnualReport.objects.filter(organization=organization, year=year)
    ]
    if Risk.objects.filter(organization=organization, year=year).exists():
        titles.append(f"Sổ đăng ký rủi ro và cơ hội năm {year}")
    titles += [
        declaration.number
        for declaration in ConformityDeclaration.objects.filter(
            organization=organization, signed_on__year=year
        )
    ]
    titles += [
        composition.decision_number
        for composition in CommitteeComposition.objects.filter(
            organization=organization, decided_on__year=year
        )
    ]
    titles += [
        training.title
        for training in Training.objects.filter(organization=organization, held_on__year=year)
    ]
    titles += [
        onboarding.person.get_full_name()
        for onboarding in Onboarding.objects.filter(organization=organization, guided_on__year=year)
    ]
    titles += [
        certificate.number
        for certificate in AuditorCertificate.objects.filter(
            organization=organization, issued_on__year__lte=year
        ).exclude(expires_on__year__lt=year)
    ]
    titles += [
        proposal.code
        for proposal in ImprovementProposal.objects.filter(organization=organization, year=year)
    ]
    titles += [
        survey.title
        for survey in Survey.objects.filter(organization=organization, year=year, summary=None)
    ]
    return titles


def _evidence_names(organization, year: int) -> list[str]:
    names = list(
        WorkItemEvidence.objects.filter(
            item__organization=organization, item__year=year
        ).values_list("original_name", flat=True)
    )
    names += DocumentFile.objects.filter(
        edition__document__organization=organization,
        edition__issued_on__year=year,
        edition__status__in=(EditionStatus.APPROVED, EditionStatus.SUPERSEDED),
    ).values_list("original_name", flat=True)
    names += TrainingFile.objects.filter(
        training__organization=organization, training__held_on__year=year
    ).values_list("original_name", flat=True)
    names += (
        AuditorCertificate.objects.filter(organization=organization, issued_on__year__lte=year)
        .exclude(expires_on__year__lt=year)
        .exclude(file="")
        .values_list("original_name", flat=True)
    )
    names += ImprovementAttachment.objects.filter(
        proposal__organization=organization, proposal__year=year
    ).values_list("original_name", flat=True)
    return names


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_demo_years_dossiers_index_every_record_and_hold_its_files(media, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    for year in (2022, timezone.localdate().year):
        expected = _expected_titles(labour, year)
        evidence = _evidence_names(labour, year)
        # The demo has plan, objectives, an audit each year; 2022 all the rest; the current
        # year the evidence of work done.
        assert len(expected) >= 3
        archive = build_now(labour, year, tmp_path / str(year))

        members = zipfile.ZipFile(archive).namelist()
        root = f"Hồ sơ kiểm tra HTQLCL năm {year} - SLĐTBXH/"
        assert all(name.startswith(root) for name in members)
        index = archive.parent / "index.pdf"
        assert f"{root}00 Mục lục hồ sơ.pdf" in members
        assert f"{root}00 Toàn bộ bản in (một tệp).pdf" in members
        text = _pdf_text(index)
        missing = [title for title in expected if _squash(title) not in text]
        assert missing == [], f"{year}: not in the index: {missing}"

        # Every evidence file is in the ZIP (a second file of one name gets " (2)"), and the
        # index gives the path of every file.
        files = [name for name in members if "/" in name[len(root) :]]
        stems = {clean(name, 120).rsplit(".", 1)[0] for name in evidence}
        for stem in stems:
            assert any(stem in member for member in files), f"{year}: {stem} not in the ZIP"
        assert len([m for m in files if any(stem in m for stem in stems)]) == len(evidence)
        for member in files:
            assert _squash(member[len(root) :]) in text, f"{member} not in the index"

        # The combined PDF: the index, then every printout once, as the index numbers pages.
        printouts = [m for m in files if not any(stem in m for stem in stems)]
        assert printouts, "every demo year has printouts"
        combined = PdfReader(archive.parent / "combined.pdf")
        with zipfile.ZipFile(archive) as zipped:
            printed = sum(len(PdfReader(io.BytesIO(zipped.read(m))).pages) for m in printouts)
        assert len(combined.pages) == len(PdfReader(index).pages) + printed
        plan = re.search(rf"Kếhoạchnăm{year}–Đãphêduyệt(?:\d\d/\d\d/\d{{4}})?(\d+)", text)
        assert plan, "the plan's pages are in the index"
        assert "KẾHOẠCH" in _squash(combined.pages[int(plan.group(1)) - 1].extract_text())


# --- a small agency for the rest: an approved plan, one task done with a file -----------------
@pytest.fixture
def agency(media, organization, department, make_member):
    secretary = make_member(Role.ISO_SECRETARY, username="thuky")
    director = make_member(Role.DIRECTOR, username="giamdoc")
    head = make_member(Role.DEPARTMENT_HEAD, department=department, username="truongphong")
    plan = PlanFactory(organization=organization, year=2022)
    add_task(plan, timing="Tháng 03/2022", leads=_leads(department))
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    item = WorkItem.objects.get(task__plan=plan)
    work_item_complete(
        item=item,
        user=head,
        files=[ContentFile(b"%PDF-1.4\n%%EOF\n", name="Biên bản họp.pdf")],
        done_on=timezone.datetime(2022, 3, 20).date(),
    )
    return {"secretary": secretary, "director": director, "head": head, "plan": plan}


def _leads(department):
    from plans.planning.services.task import UnitRef

    return [UnitRef(department_id=department.pk)]


def _blank_pdf() -> bytes:
    pdf, out = PdfWriter(), io.BytesIO()
    pdf.add_blank_page(595, 842)
    pdf.write(out)
    return out.getvalue()


def _client(client, user):
    client.force_login(user)
    return client


def test_a_small_agency_dossier_has_the_plan_and_the_file_of_its_task(agency, organization):
    evidence = WorkItemEvidence.objects.get()
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    assert dossier_build(build_id=build.pk) == "ready"
    build.refresh_from_db()
    assert build.status == DossierStatus.READY
    assert build.records == 1
    assert build.done == build.total > 3
    with build.archive.open("rb") as archive:
        members = zipfile.ZipFile(archive).namelist()
    plan_folder = "01 6.2 Kế hoạch duy trì, cải tiến HTQLCL"
    assert any(m.endswith(f"{plan_folder}/01 KH-2022-v1.pdf") for m in members)
    assert any(m.endswith(f"{plan_folder}/01 Minh chứng/{evidence.original_name}") for m in members)
    with build.combined.open("rb") as combined:
        assert len(PdfReader(combined).pages) == build.pages


def test_progress_is_saved_while_the_dossier_is_built(agency, organization, monkeypatch):
    seen = []

    def look():
        seen.append(DossierBuild.objects.values("status", "done", "total", "step").get())
        return _blank_pdf()

    section = Section(
        "probe",
        "Thăm dò",
        "9.9",
        "reporting",
        lambda organization, year: [Entry("Bản in thăm dò", None, [Printout("x.pdf", look)])],
    )
    monkeypatch.setitem(registry._SECTIONS, "probe", section)
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    dossier_build(build_id=build.pk)
    [during] = seen
    assert during["status"] == DossierStatus.BUILDING
    assert 0 < during["done"] < during["total"]
    assert during["step"] == "Đang in: Bản in thăm dò"
    build.refresh_from_db()
    assert (build.status, build.done, build.total) == ("ready", during["total"], during["total"])


def test_a_failure_is_shown_with_its_message_and_can_be_retried(
    agency, organization, client, monkeypatch
):
    def broken():
        raise RuntimeError("máy in hỏng")

    section = Section(
        "broken",
        "Hỏng",
        "9.9",
        "reporting",
        lambda organization, year: [Entry("Hỏng", None, [Printout("x.pdf", broken)])],
    )
    monkeypatch.setitem(registry._SECTIONS, "broken", section)
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    assert dossier_build(build_id=build.pk) == "failed"
    build.refresh_from_db()
    assert build.status == DossierStatus.FAILED
    assert build.archive.name == ""
    page = _client(client, agency["secretary"]).get(
        reverse("reports:dossier_detail", args=[build.pk])
    )
    assert "Không lập được hồ sơ" in page.content.decode()
    assert "RuntimeError: máy in hỏng" in page.content.decode()
    # nothing to download yet
    assert client.get(reverse("reports:dossier_zip", args=[build.pk])).status_code == 404

    monkeypatch.delitem(registry._SECTIONS, "broken")
    retry = reverse("reports:dossier_rebuild", args=[build.pk])
    assert client.get(retry).status_code == 200  # the confirmation
    response = client.post(retry)
    assert response.status_code == 302
    build.refresh_from_db()
    assert build.status == DossierStatus.QUEUED
    assert build.error == ""
    assert dossier_build(build_id=build.pk) == "ready"
    download = client.get(reverse("reports:dossier_zip", args=[build.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()


def test_one_build_at_a_time_per_agency_and_year(agency, organization, client):
    dossier_request(organization=organization, year=2022, user=agency["secretary"])
    with pytest.raises(DossierBusyError):
        dossier_request(organization=organization, year=2022, user=agency["director"])
    # the form says so next to the year, keeping what was typed
    page = _client(client, agency["director"]).post(
        reverse("reports:dossier_list"), {"year": "2022"}
    )
    assert page.status_code == 200
    assert "Hồ sơ của năm này đang được lập." in page.content.decode()
    assert 'value="2022"' in page.content.decode()
    # another year is another build
    dossier_request(organization=organization, year=2021, user=agency["secretary"])
    assert DossierBuild.objects.count() == 2


def test_rebuilding_replaces_the_old_files_after_a_confirmation(agency, organization, client):
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    dossier_build(build_id=build.pk)
    build.refresh_from_db()
    old = Path(build.archive.path), Path(build.combined.path)
    assert all(path.exists() for path in old)
    # the list's form, for a year already built, asks first
    response = _client(client, agency["secretary"]).post(
        reverse("reports:dossier_list"), {"year": "2022"}
    )
    assert response["Location"] == reverse("reports:dossier_rebuild", args=[build.pk])
    assert DossierBuild.objects.get().status == DossierStatus.READY
    confirm = client.get(response["Location"])
    assert "Lập lại hồ sơ năm 2022?" in confirm.content.decode()
    time.sleep(1.1)  # the new files are named by the second
    client.post(response["Location"])
    assert dossier_build(build_id=build.pk) == "ready"
    build.refresh_from_db()
    assert Path(build.archive.path).exists()
    assert Path(build.archive.path) not in old
    assert not any(path.exists() for path in old)


def test_the_pages_show_progress_and_poll_only_while_it_runs(agency, organization, client):
    _client(client, agency["secretary"])
    response = client.post(reverse("reports:dossier_list"), {"year": "2022"})
    build = DossierBuild.objects.get()
    assert response["Location"] == reverse("reports:dossier_detail", args=[build.pk])
    DossierBuild.objects.filter(pk=build.pk).update(
        status=DossierStatus.BUILDING, done=3, total=12, step="Đang in: Kế hoạch năm 2022"
    )
    page = client.get(reverse("reports:dossier_detail", args=[build.pk])).content.decode()
    progress = reverse("reports:dossier_progress", args=[build.pk])
    assert f'hx-get="{progress}"' in page
    assert 'hx-trigger="every 2s"' in page
    assert '<progress class="w-100" max="12" value="3"' in page
    assert "Đã xong 3/12 bước (25%): Đang in: Kế hoạch năm 2022" in page
    # the worker finishes it:
    DossierBuild.objects.filter(pk=build.pk).update(status=DossierStatus.READY, done=12)
    fragment = client.get(progress).content.decode()
    assert "hx-trigger" not in fragment  # finished: the polling stops
    assert reverse("reports:dossier_zip", args=[build.pk]) in fragment


def test_the_list_page_reads_a_fixed_number_of_queries(agency, organization, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(years):
        for year in years:
            DossierBuild.objects.create(
                organization=organization,
                year=year,
                requested_by=agency["secretary"],
                requested_at=timezone.now(),
                status=DossierStatus.READY,
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("reports:dossier_list"))
        assert page.status_code == 200
        return len(captured)

    _client(client, agency["secretary"])
    add([2030])
    few = queries()
    add(range(2005, 2030))
    assert queries() == few <= 15
    page = client.get(reverse("reports:dossier_list"))
    assert page.context["page"].paginator.num_pages == 2
    assert client.get(reverse("reports:dossier_list") + "?page=2").status_code == 200


def test_another_agencys_dossier_is_not_found(agency, organization, other_organization, client):
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    from tests.factories import MembershipFactory, UserFactory

    outsider = UserFactory(username="thuky.khac")
    MembershipFactory(user=outsider, organization=other_organization, role=Role.ISO_SECRETARY)
    _client(client, outsider)
    for name in ("dossier_detail", "dossier_progress", "dossier_rebuild", "dossier_zip"):
        assert client.get(reverse(f"reports:{name}", args=[build.pk])).status_code == 404


def test_staff_and_heads_may_neither_build_nor_download(agency, organization, client, make_member):
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    dossier_build(build_id=build.pk)
    for user in (agency["head"], make_member(Role.STAFF, username="nhanvien")):
        _client(client, user)
        assert client.get(reverse("reports:dossier_list")).status_code == 403
        assert client.post(reverse("reports:dossier_list"), {"year": "2022"}).status_code == 403
        assert client.get(reverse("reports:dossier_zip", args=[build.pk])).status_code == 403
    assert DossierBuild.objects.get().status == DossierStatus.READY


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_dossier_asked_for_on_the_page(agency, organization, client):
    """The button's task, through the real broker (Redis in CI), run by a real worker thread."""
    from celery.contrib.testing.worker import start_worker

    from isoplan.celery import app

    _client(client, agency["director"])
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        response = client.post(reverse("reports:dossier_list"), {"year": "2022"})
        assert response.status_code == 302
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            build = DossierBuild.objects.get()
            if build.status in (DossierStatus.READY, DossierStatus.FAILED):
                break
            time.sleep(0.3)
    assert (build.status, build.error) == (DossierStatus.READY, "")
    assert build.requested_by == agency["director"]
    download = client.get(reverse("reports:dossier_pdf", args=[build.pk]))
    assert download.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(pdf.pages) == build.pages


def test_a_build_whose_worker_was_lost_may_be_asked_for_again(agency, organization):
    build = dossier_request(organization=organization, year=2022, user=agency["secretary"])
    DossierBuild.objects.filter(pk=build.pk).update(
        status=DossierStatus.BUILDING, requested_at=timezone.now() - timezone.timedelta(hours=3)
    )
    again = dossier_request(organization=organization, year=2022, user=agency["director"])
    assert again.pk == build.pk
    assert again.status == DossierStatus.QUEUED
    assert again.requested_by == agency["director"]


def test_an_evidence_file_gone_from_the_disk_is_named_in_the_index_not_a_failure(
    agency, organization, tmp_path
):
    evidence = WorkItemEvidence.objects.get()
    Path(evidence.file.path).unlink()
    archive = build_now(organization, 2022, tmp_path / "out")
    members = zipfile.ZipFile(archive).namelist()
    assert not any(evidence.original_name in member for member in members)
    text = _pdf_text(archive.parent / "index.pdf")
    assert _squash(f"{evidence.original_name} (thiếu tệp trên máy chủ)") in text
