"""The province coordinator's view of every agency, and agencies sending their annual report."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from reports.models import AnnualReport
from tests.factories import DepartmentFactory, OrganizationFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2023, 6, 15)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _agency(name, make_member, *, approved=True, done=0, open_=0):
    organization = OrganizationFactory(name=name, province="Đồng Tháp")
    unit = DepartmentFactory(organization=organization)
    secretary = make_member(Role.ISO_SECRETARY, org=organization)
    if approved:
        plan = PlanFactory(organization=organization, year=2023)
        for number in range(done + open_):
            add_task(
                plan,
                content=f"Việc {number}",
                timing="Trước ngày 15/03/2023",
                leads=[UnitRef(department_id=unit.pk)],
            )
        plan_submit(plan=plan, user=secretary)
        plan_approve(plan=plan, user=make_member(Role.DIRECTOR, org=organization))
        done_ids = WorkItem.objects.filter(organization=organization).values_list("pk", flat=True)
        WorkItem.objects.filter(pk__in=list(done_ids[:done])).update(status=WorkItemStatus.DONE)
    return organization, secretary


@pytest.fixture
def coordinator(make_member):
    home = OrganizationFactory(name="Sở Khoa học và Công nghệ", province="Đồng Tháp")
    return make_member(Role.PROVINCE_COORDINATOR, org=home)


def test_every_agency_of_the_province_and_only_those(client, coordinator, make_member):
    _agency("Sở Tư pháp", make_member, done=3, open_=1)
    _agency("Sở Y tế", make_member, approved=False)
    elsewhere = OrganizationFactory(name="Sở Tư pháp An Giang", province="An Giang")
    client.force_login(coordinator)
    response = client.get(reverse("home"), follow=True)
    rows = {row.organization.name: row for row in response.context["rows"]}
    assert elsewhere.name not in rows
    assert (rows["Sở Tư pháp"].plan_approved, rows["Sở Tư pháp"].progress) == (True, 75)
    assert rows["Sở Tư pháp"].overdue == 1
    assert rows["Sở Y tế"].plan_approved is False
    assert "Sở Y tế" in response.content.decode()
    by_overdue = client.get(reverse("reports:province"), {"sap-xep": "qua-han"}).context["rows"]
    assert by_overdue[0].organization.name == "Sở Tư pháp"


def test_an_agency_sends_its_report_and_the_coordinator_sees_who_has_not(
    client, coordinator, make_member
):
    justice, secretary = _agency("Sở Tư pháp", make_member, done=1)
    _agency("Sở Y tế", make_member, done=1)
    report = AnnualReport.objects.create(organization=justice, year=2023)
    client.force_login(secretary)
    submit = reverse("reports:annual_report_submit", args=[report.pk])
    client.post(submit)  # a draft cannot be sent
    report.refresh_from_db()
    assert report.submitted_on is None
    report.status = "approved"
    report.save()
    client.post(submit)
    report.refresh_from_db()
    assert report.submitted_on == TODAY
    client.force_login(coordinator)
    response = client.get(reverse("reports:province"))
    not_submitted = response.context["not_submitted"]  # the agencies named in the notice
    assert not_submitted == ["Sở Khoa học và Công nghệ", "Sở Y tế"]
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:province"), {"xlsx": 1}).content)
    )
    values = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert any(row[0] == "Sở Tư pháp" and row[-1] == "15/06/2023" for row in values)


def test_only_the_coordinator_sees_the_province(client, make_member, organization):
    client.force_login(make_member(Role.DIRECTOR))
    assert client.get(reverse("reports:province")).status_code == 403


def test_the_province_view_does_not_grow_in_queries(
    client, coordinator, make_member, django_assert_max_num_queries
):
    _agency("Sở Tư pháp", make_member, done=1)
    client.force_login(coordinator)
    with django_assert_max_num_queries(30) as captured:
        client.get(reverse("reports:province"))
    for number in range(6):
        _agency(f"Sở số {number}", make_member, done=2, open_=1)
    with django_assert_max_num_queries(len(captured)):
        assert len(client.get(reverse("reports:province")).context["rows"]) == 8


def test_the_year_shown_first_has_plans_in_force(client, coordinator, make_member):
    justice, _secretary = _agency("Sở Tư pháp", make_member, done=1)
    justice.plans.update(year=2022)
    client.force_login(coordinator)
    assert client.get(reverse("reports:province")).context["year"] == 2022


def _sent(organization, year=2023):
    return AnnualReport.objects.create(
        organization=organization, year=year, status="approved", submitted_on=TODAY
    )


def test_the_coordinator_opens_each_agency_read_only(client, coordinator, make_member):
    justice, _secretary = _agency("Sở Tư pháp", make_member, done=3, open_=1)
    report = _sent(justice)
    client.force_login(coordinator)
    table = client.get(reverse("reports:province")).content.decode()
    page = reverse("reports:province_agency", args=[justice.pk])
    assert page in table  # the rows are links
    assert reverse("reports:province_report", args=[report.pk]) in table
    response = client.get(page)
    assert response.status_code == 200
    view = response.context["view"]
    assert (view.plan.organization, view.row.progress) == (justice, 75)
    assert view.reports == [report]
    main = response.content.decode().split("<main")[1].split("</main>")[0]
    assert "Việc 0" in main  # the plan's tasks
    assert 'method="post"' not in main  # nothing to write
    # The report it sent, and its PDF.
    response = client.get(reverse("reports:province_report", args=[report.pk]))
    assert response.status_code == 200
    assert response.context["facts"].plan == view.plan
    pdf = client.get(reverse("reports:province_report_pdf", args=[report.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_a_report_not_sent_stays_the_agencys(client, coordinator, make_member):
    justice, _secretary = _agency("Sở Tư pháp", make_member, done=1)
    draft = AnnualReport.objects.create(organization=justice, year=2023)
    client.force_login(coordinator)
    assert client.get(reverse("reports:province_report", args=[draft.pk])).status_code == 403
    # and the agency's own pages stay its own (not found for the coordinator)
    assert client.get(reverse("reports:annual_report_detail", args=[draft.pk])).status_code == 404


def test_only_the_agencies_of_the_coordinators_province(client, coordinator, make_member):
    elsewhere = OrganizationFactory(name="Sở Tư pháp An Giang", province="An Giang")
    report = _sent(elsewhere)
    no_province = OrganizationFactory(name="Sở không tỉnh", province="")
    client.force_login(coordinator)
    for organization in (elsewhere, no_province):
        url = reverse("reports:province_agency", args=[organization.pk])
        assert client.get(url).status_code == 403
    assert client.get(reverse("reports:province_report", args=[report.pk])).status_code == 403
    # another role of the same province reads nothing of the other agencies
    justice, secretary = _agency("Sở Tư pháp", make_member, done=1)
    client.force_login(secretary)
    other = OrganizationFactory(name="Sở Y tế", province="Đồng Tháp")
    assert client.get(reverse("reports:province_agency", args=[other.pk])).status_code == 403
    assert client.get(reverse("reports:province_agency", args=[justice.pk])).status_code == 403
