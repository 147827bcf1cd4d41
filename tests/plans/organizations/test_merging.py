"""Merging agencies (sáp nhập): the preview's counts are what the merge does, everything alive
moves to the merged agency's units, the current year gets a joint draft plan whose approval takes
over the work, and each agency's past plan still prints under the name it had."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext as _
from pypdf import PdfReader

from audits.models import Nonconformity
from audits.nonconformity.choices import NonconformityStatus
from plans.choices import PlanStatus, Role, WorkItemStatus
from plans.models import (
    AgencyMerge,
    Department,
    Document,
    Membership,
    Organization,
    Plan,
    WorkItem,
)
from plans.organizations.merging import MergeContext, MergeError, merge, preview
from plans.planning.services.plan import plan_approve, plan_submit
from reports.planning import plan_pdf_body
from tests.factories import DepartmentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 3, 3, 0, tzinfo=datetime.UTC)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def demo():
    with time_machine.travel(TODAY, tick=False):
        call_command("load_demo", stdout=io.StringIO())
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    environment = Organization.objects.get(document_symbol="STNMT")
    return labour, environment


def test_two_demo_agencies_merge_as_the_preview_said(demo, client):
    labour, environment = demo
    labour_open = WorkItem.objects.open().filter(organization=labour).count()
    environment_open = WorkItem.objects.open().filter(organization=environment).count()
    labour_units = list(labour.departments.values_list("name", flat=True))
    # The demo's environment plan of its seed year waits for approval: signed here, closed.
    environment_past = Plan.objects.filter(organization=environment, year__lt=2026).earliest("year")
    Plan.objects.filter(pk=environment_past.pk).update(
        status=PlanStatus.CLOSED, issued_on=datetime.date(environment_past.year, 1, 15)
    )
    with time_machine.travel(TODAY, tick=False):
        # The environment agency takes the labour agency in and is renamed (as Sở Nông nghiệp
        # và Môi trường took Sở TN&MT in 2025).
        environment.name = "Sở Nông nghiệp và Môi trường"
        environment.header_name = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
        environment.document_symbol = "SNNMT"
        environment.save()
        ctx = MergeContext(target=environment, sources=[labour])
        seen = preview(ctx)
        record = merge(MergeContext(target=environment, sources=[labour]))

    counts = seen.counts()
    assert record.counts == counts  # every line of the preview is what happened
    assert counts["units_new"] + counts["units_joined"] == len(labour_units)
    assert counts["work"] == labour_open > 0
    assert counts["roles"] == record.counts["roles"] > 0
    assert counts["documents"] > 0
    assert counts["plan_tasks"] > 0

    labour.refresh_from_db()
    assert (labour.is_active, labour.merged_into) == (False, environment)
    assert not Membership.objects.filter(organization=labour).exists()
    assert Membership.objects.filter(organization=environment, user__username="thuky").exists()
    # Open work is the merged agency's, in units of the merged agency.
    assert not WorkItem.objects.open().filter(organization=labour).exists()
    moved = WorkItem.objects.open().filter(organization=environment)
    assert moved.count() == environment_open + labour_open - _ended(environment, labour)
    assert not moved.exclude(department=None).exclude(department__organization=environment)
    assert set(labour_units) <= set(environment.departments.values_list("name", flat=True))
    # The registers are one: a code both used keeps the former agency's symbol.
    assert not Document.objects.filter(organization=labour).exists()
    codes = list(Document.objects.filter(organization=environment).values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    # Open nonconformities are renumbered in the merged agency; closed ones stay.
    assert not Nonconformity.objects.filter(organization=labour).exclude(
        status=NonconformityStatus.CLOSED
    )

    # The joint plan: a draft of the merged agency holding both plans' tasks.
    joint = record.joint_plan
    assert joint.organization == environment
    assert joint.status == PlanStatus.DRAFT
    joined = joint.tasks.exclude(origin=None).filter(origin__plan__organization=labour)
    assert joined.count() == counts["plan_tasks"]
    assert not joint.tasks.filter(assignments__department__organization=labour).exists()

    # Closed years stay as they were, under the names they had.
    labour_2022 = Plan.objects.get(organization=labour, year=2022)
    environment_2022 = Plan.objects.get(pk=environment_past.pk)
    labour_text = _text(plan_pdf_body(labour_2022))
    assert "SỞ LAO ĐỘNG – TB&XH" in labour_text
    assert "NÔNG NGHIỆP" not in labour_text
    environment_text = _text(plan_pdf_body(environment_2022))
    assert "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in environment_text
    assert "NÔNG NGHIỆP" not in environment_text
    # The province coordinator still opens the former agency's past years, from the merged one.
    client.post(reverse("login"), {"username": "dieuphoi", "password": "isoplan-demo"})
    page = client.get(reverse("reports:province_agency", args=[environment.pk]))
    assert page.context["merged_agencies"] == [labour]
    past = client.get(reverse("reports:province_agency", args=[labour.pk]), {"nam": 2022})
    assert past.status_code == 200
    assert past.context["view"].row.plan_approved


def _ended(environment, labour) -> int:
    """Items of the labour agency's records that stay behind (its audit of the year...)."""
    return WorkItem.objects.filter(
        organization=labour, status=WorkItemStatus.NOT_APPLICABLE
    ).count()


def test_approving_the_joint_plan_takes_over_the_merged_agencys_work(demo):
    labour, environment = demo
    director = Membership.objects.filter(organization=environment, role=Role.DIRECTOR).first()
    with time_machine.travel(TODAY, tick=False):
        record = merge(MergeContext(target=environment, sources=[labour]))
        joint = record.joint_plan
        labour_plan = Plan.objects.get(organization=labour, year=2026, status=PlanStatus.APPROVED)
        plan_submit(plan=joint, user=director.user)
        plan_approve(plan=joint, user=director.user)
    labour_plan.refresh_from_db()
    assert labour_plan.status == PlanStatus.SUPERSEDED
    # Every item of the labour plan's tasks is now on the joint plan, the merged agency's.
    assert not WorkItem.objects.filter(task__plan=labour_plan).exists()
    assert WorkItem.objects.filter(task__plan=joint, task__origin__plan=labour_plan).exists()
    assert not WorkItem.objects.filter(task__plan=joint).exclude(organization=environment)


def test_a_new_agency_from_two_and_units_mapped_by_hand():
    first, second = OrganizationFactory(), OrganizationFactory()
    office_1 = DepartmentFactory(organization=first, name="Văn phòng")
    office_2 = DepartmentFactory(organization=second, name="Văn phòng")
    legal = DepartmentFactory(organization=second, name="Phòng Pháp chế")
    target = Organization(name="Sở Mới", document_symbol="SM", place_name="Đồng Tháp")
    ctx = MergeContext(target=target, sources=[first, second])
    seen = preview(ctx)
    assert seen.counts()["units_new"] == 2  # the two offices become one
    record = merge(MergeContext(target=target, sources=[first, second]))
    assert record.counts == seen.counts()
    assert target.pk
    assert set(target.departments.values_list("name", flat=True)) == {
        "Văn phòng",
        "Phòng Pháp chế",
    }
    assert record.units[str(office_1.pk)] == record.units[str(office_2.pk)]
    assert Department.objects.get(pk=legal.pk).is_active is False

    # A unit can only go to a unit of the merged agency; nothing merges twice.
    third = OrganizationFactory()
    with pytest.raises(MergeError):
        preview(MergeContext(target=third, sources=[first]))
    with pytest.raises(MergeError):
        preview(
            MergeContext(
                target=third,
                sources=[OrganizationFactory()],
                units={DepartmentFactory().pk: DepartmentFactory().pk},
            )
        )
    assert AgencyMerge.objects.count() == 1


def test_the_administrator_previews_then_merges_from_the_admin(admin_client):
    first, second = OrganizationFactory(name="Sở A"), OrganizationFactory(name="Sở B")
    unit = DepartmentFactory(organization=second, name="Phòng Pháp chế")
    kept = DepartmentFactory(organization=first, name="Văn phòng")
    changelist = reverse("admin:plans_organization_changelist")
    response = admin_client.post(
        changelist,
        {"action": "merge_agencies", "_selected_action": [first.pk, second.pk]},
    )
    page = response.url
    assert page.startswith(reverse("admin:plans_organization_merge") + "?ids=")
    assert set(page.split("=")[1].split(",")) == {str(first.pk), str(second.pk)}
    choices = {
        "target": str(first.pk),
        "name": "Sở A và B",
        "document_symbol": "SAB",
        f"unit_{unit.pk}": str(kept.pk),
    }
    # A new agency needs a name and a symbol: the page says so and keeps what was typed.
    refused = admin_client.post(page, {**choices, "target": "new", "document_symbol": ""})
    assert refused.context["form"].non_field_errors() == [
        str(_("A new agency needs a name and a document symbol."))
    ]
    assert 'value="Sở A và B"' in refused.content.decode()

    shown = admin_client.post(page, choices)
    assert shown.status_code == 200
    lines = shown.context["preview"].counts()
    assert (lines["units_new"], lines["units_joined"]) == (0, 1)
    assert Organization.objects.get(pk=second.pk).is_active  # nothing happened yet

    done = admin_client.post(page, {"confirmed": shown.context["confirmed"]})
    assert done.url == reverse("admin:plans_organization_change", args=[first.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.name == "Sở A và B"
    assert first.former_names.get().name == "Sở A"
    assert second.merged_into == first
    assert AgencyMerge.objects.get().counts == lines
    # The merge stays in the administration, read only.
    assert admin_client.get(reverse("admin:plans_agencymerge_changelist")).status_code == 200
    record = AgencyMerge.objects.get()
    shown = admin_client.get(reverse("admin:plans_agencymerge_change", args=[record.pk]))
    assert "Sở B" in shown.content.decode()
