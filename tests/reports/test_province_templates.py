"""The province's templates: the coordinator publishes a model plan, a question bank and a model
document list; the ISO secretary of an agency of the province copies each into the agency."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from audits.models import QuestionTemplate
from plans.choices import PlanStatus, Role
from plans.documents.choices import DocumentKind, DocumentStatus
from plans.models import Document, Plan
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.planning.timing import parse_timing
from reports.models import ProvinceTemplate, TemplateCopy, TemplateKind
from reports.province_templates import services
from tests.factories import DepartmentFactory, OrganizationFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2023, 6, 15)
JUSTICE = "Sở Tư pháp"
QUESTIONS = "7.5.3 | Tài liệu có được kiểm soát trước khi ban hành không?\n\n9.2 | Chương trình đánh giá nội bộ năm có được phê duyệt không?\n"  # noqa: E501
DOCUMENTS = "QT-01 | Quy trình kiểm soát tài liệu\nBM-QT01-01 | Danh mục tài liệu nội bộ\nHD-01 | Hướng dẫn soạn thảo | Hướng dẫn\n"  # noqa: E501


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def province(make_member):
    """Đồng Tháp: the coordinator (in Sở KH&CN), Sở Tư pháp with an approved 2023 plan, Sở Y tế
    that copies; and An Giang's coordinator."""
    home = OrganizationFactory(name="Sở Khoa học và Công nghệ", province="Đồng Tháp")
    justice = OrganizationFactory(name=JUSTICE, province="Đồng Tháp", document_symbol="STP")
    unit = DepartmentFactory(organization=justice, name="Văn phòng Sở")
    plan = PlanFactory(
        organization=justice,
        year=2023,
        title=f"Duy trì HTQLCL theo TCVN ISO 9001:2015 vào hoạt động của {JUSTICE} năm 2023",
    )
    add_task(plan, content="Rà soát tài liệu năm 2023", timing="Trước ngày 15/03/2023")
    add_task(
        plan,
        content="Đánh giá nội bộ",
        timing="Tháng 10/2023",
        leads=[UnitRef(department_id=unit.pk)],
        supports=[UnitRef(party="iso_secretary")],
    )
    justice_secretary = make_member(Role.ISO_SECRETARY, org=justice)
    plan_submit(plan=plan, user=justice_secretary)
    plan_approve(plan=plan, user=make_member(Role.DIRECTOR, org=justice))
    health = OrganizationFactory(name="Sở Y tế", province="Đồng Tháp", document_symbol="SYT")
    elsewhere = OrganizationFactory(name="Sở Y tế An Giang", province="An Giang")
    return {
        "coordinator": make_member(Role.PROVINCE_COORDINATOR, org=home),
        "plan": plan,
        "health": health,
        "health_unit": DepartmentFactory(organization=health, name="Văn phòng Sở Y tế"),
        "secretary": make_member(Role.ISO_SECRETARY, org=health),
        "staff": make_member(Role.STAFF, org=health),
        "other_coordinator": make_member(Role.PROVINCE_COORDINATOR, org=elsewhere),
        "other_secretary": make_member(Role.ISO_SECRETARY, org=elsewhere),
    }


def _published(province, kind, **fields):
    template = services.template_create(
        province="Đồng Tháp",
        kind=kind,
        title=f"Mẫu {kind}",
        user=province["coordinator"],
        **fields,
    )
    return services.template_publish(template=template, user=province["coordinator"])


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_coordinator_publishes_a_model_plan_of_an_agency(client, province):
    client.force_login(province["coordinator"])
    create = reverse("reports:province_template_create")
    assert province["plan"] in client.get(create).context["form"].fields["plan"].queryset
    response = client.post(
        create,
        {"kind": TemplateKind.MODEL_PLAN, "title": "Kế hoạch mẫu", "plan": province["plan"].pk},
    )
    template = ProvinceTemplate.objects.get()
    assert response.url == reverse("reports:province_template", args=[template.pk])
    assert (template.province, template.published_on) == ("Đồng Tháp", None)
    tasks = list(template.tasks.all())
    assert [t.content for t in tasks] == ["Rà soát tài liệu năm 2023", "Đánh giá nội bộ"]
    # A party stays; the agency's department is kept as the responsibility as written.
    assert (tasks[0].leads, tasks[0].responsibility_note) == (["iso_secretary"], "")
    assert (tasks[1].leads, tasks[1].responsibility_note) == ([], "Văn phòng Sở")
    assert tasks[1].supports == ["iso_secretary"]
    # Not seen by the agencies before it is published.
    client.force_login(province["secretary"])
    assert not client.get(reverse("reports:agency_templates")).context["templates"]
    client.force_login(province["coordinator"])
    client.post(reverse("reports:province_template_publish", args=[template.pk]))
    template.refresh_from_db()
    assert (template.published_on, template.published_by) == (TODAY, province["coordinator"])
    client.force_login(province["secretary"])
    assert list(client.get(reverse("reports:agency_templates")).context["templates"]) == [template]


def test_the_coordinator_publishes_a_question_bank_and_a_document_list(client, province):
    client.force_login(province["coordinator"])
    create = reverse("reports:province_template_create")
    for kind, title, rows in (
        (TemplateKind.QUESTION_BANK, "Câu hỏi", QUESTIONS),
        (TemplateKind.DOCUMENT_LIST, "Tài liệu", DOCUMENTS),
    ):
        client.post(create, {"kind": kind, "title": title, "rows": rows})
    bank = ProvinceTemplate.objects.get(kind=TemplateKind.QUESTION_BANK)
    assert [(q.clause, q.question[:9]) for q in bank.questions.all()] == [
        ("7.5.3", "Tài liệu "),
        ("9.2", "Chương tr"),
    ]
    listing = ProvinceTemplate.objects.get(kind=TemplateKind.DOCUMENT_LIST)
    assert [(d.code, d.kind) for d in listing.documents.all()] == [
        ("QT-01", DocumentKind.PROCEDURE),
        ("BM-QT01-01", DocumentKind.FORM),
        ("HD-01", DocumentKind.GUIDANCE),
    ]
    for template in (bank, listing):
        client.post(reverse("reports:province_template_publish", args=[template.pk]))
    assert ProvinceTemplate.objects.filter(published_on=TODAY).count() == 2
    page = client.get(reverse("reports:province_templates"))
    assert [t.title for t in page.context["templates"]] == ["Tài liệu", "Câu hỏi"]


def test_a_wrong_line_is_shown_and_nothing_is_saved(client, province):
    client.force_login(province["coordinator"])
    response = client.post(
        reverse("reports:province_template_create"),
        {"kind": TemplateKind.QUESTION_BANK, "title": "Câu hỏi", "rows": "7.5.3 | Có\nabc | Không"},
    )
    assert response.status_code == 200
    assert "rows" in response.context["form"].errors
    model_plan = {"kind": TemplateKind.MODEL_PLAN, "title": "Kế hoạch mẫu"}
    assert (
        "plan"
        in client.post(reverse("reports:province_template_create"), model_plan)
        .context["form"]
        .errors
    )
    assert not ProvinceTemplate.objects.exists()


def test_only_the_coordinator_of_the_province_manages_its_templates(client, province):
    template = services.template_create(
        province="Đồng Tháp",
        kind=TemplateKind.QUESTION_BANK,
        title="Câu hỏi",
        user=province["coordinator"],
        rows=services.parse_questions(QUESTIONS),
    )
    urls = [
        reverse("reports:province_template", args=[template.pk]),
        reverse("reports:province_template_withdraw", args=[template.pk]),
    ]
    for person in ("other_coordinator", "staff", "secretary"):
        client.force_login(province[person])
        for url in urls:
            assert client.get(url).status_code == 403, (person, url)
        assert client.post(urls[1]).status_code == 403
        publish = reverse("reports:province_template_publish", args=[template.pk])
        assert client.post(publish).status_code == 403
    # Each coordinator's list is their own province's (An Giang's is empty); others are refused.
    client.force_login(province["other_coordinator"])
    assert not client.get(reverse("reports:province_templates")).context["templates"]
    for person in ("staff", "secretary"):
        client.force_login(province[person])
        assert client.get(reverse("reports:province_templates")).status_code == 403
        assert client.get(reverse("reports:province_template_create")).status_code == 403
    template.refresh_from_db()
    assert (template.published_on, template.is_withdrawn) == (None, False)


def test_only_an_iso_secretary_of_the_province_uses_its_templates(client, province):
    template = _published(
        province, TemplateKind.QUESTION_BANK, rows=services.parse_questions(QUESTIONS)
    )
    page = reverse("reports:agency_template", args=[template.pk])
    client.force_login(province["staff"])
    assert client.get(reverse("reports:agency_templates")).status_code == 403
    assert client.post(page).status_code == 403
    client.force_login(province["other_secretary"])  # An Giang's: not theirs
    assert client.get(page).status_code == 404
    assert client.post(page).status_code == 404
    assert not QuestionTemplate.objects.exists()


def test_withdrawing_asks_first_then_hides_the_template(client, province):
    template = _published(
        province, TemplateKind.QUESTION_BANK, rows=services.parse_questions(QUESTIONS)
    )
    client.force_login(province["coordinator"])
    withdraw = reverse("reports:province_template_withdraw", args=[template.pk])
    assert client.get(withdraw).status_code == 200  # the question
    template.refresh_from_db()
    assert not template.is_withdrawn
    client.post(withdraw)
    template.refresh_from_db()
    assert template.is_withdrawn
    client.force_login(province["secretary"])
    assert client.get(reverse("reports:agency_template", args=[template.pk])).status_code == 404
    with pytest.raises(services.TemplateError):
        services.template_copy_questions(
            template=template, organization=province["health"], user=province["secretary"]
        )


def test_the_secretary_copies_the_model_plan_to_a_new_year(client, province):
    template = _published(province, TemplateKind.MODEL_PLAN, plan=province["plan"])
    client.force_login(province["secretary"])
    page = reverse("reports:agency_template", args=[template.pk])
    response = client.post(page, {"year": 2024})
    plan = Plan.objects.get(organization=province["health"])
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert (plan.year, plan.status, plan.version) == (2024, PlanStatus.DRAFT, 1)
    assert (plan.symbol, plan.place) == ("KH-SYT", province["health"].place_name)
    assert plan.title.endswith("vào hoạt động của Sở Y tế năm 2024")
    tasks = list(plan.tasks.prefetch_related("assignments"))
    assert [(t.content, t.timing_text) for t in tasks] == [
        ("Rà soát tài liệu năm 2024", "Trước ngày 15/03/2024"),
        ("Đánh giá nội bộ", "Tháng 10/2024"),
    ]
    # The schedule is read afresh for the new year.
    assert tasks[0].schedule == parse_timing("Trước ngày 15/03/2024", 2024).to_dict()
    assert tasks[0].schedule["understood"]
    assert [a.party for a in tasks[0].leads] == ["iso_secretary"]
    assert (tasks[1].responsibility_note, tasks[1].leads) == ("Văn phòng Sở", [])
    assert [a.party for a in tasks[1].supports] == ["iso_secretary"]
    copy = TemplateCopy.objects.get()
    assert (copy.organization, copy.copied_by, copy.plan, copy.added) == (
        province["health"],
        province["secretary"],
        plan,
        2,
    )
    # The same year again: refused, and said so.
    response = client.post(page, {"year": 2024})
    assert response.url == page
    assert "2024" in _messages(response)
    assert Plan.objects.filter(organization=province["health"]).count() == 1
    assert TemplateCopy.objects.count() == 1


def test_the_secretary_copies_the_question_bank_without_duplicates(client, province):
    template = _published(
        province, TemplateKind.QUESTION_BANK, rows=services.parse_questions(QUESTIONS)
    )
    health = province["health"]
    QuestionTemplate.objects.create(
        organization=health,
        clause="7.5.3",
        question="Tài liệu có được kiểm soát trước khi ban hành không?",
    )
    client.force_login(province["secretary"])
    response = client.post(reverse("reports:agency_template", args=[template.pk]))
    assert response.status_code == 302
    assert sorted(
        QuestionTemplate.objects.filter(organization=health).values_list("clause", flat=True)
    ) == ["7.5.3", "9.2"]
    copy = TemplateCopy.objects.get()
    assert (copy.added, copy.skipped) == (1, 1)
    assert "1" in _messages(response)
    # Once more: nothing new.
    client.post(reverse("reports:agency_template", args=[template.pk]))
    assert QuestionTemplate.objects.filter(organization=health).count() == 2
    assert TemplateCopy.objects.order_by("-pk").first().added == 0


def test_the_secretary_copies_the_codes_the_agency_lacks(client, province):
    template = _published(
        province, TemplateKind.DOCUMENT_LIST, rows=services.parse_documents(DOCUMENTS)
    )
    health, unit = province["health"], province["health_unit"]
    Document.objects.create(organization=health, code="QT-01", title="Của Sở", department=unit)
    client.force_login(province["secretary"])
    page = reverse("reports:agency_template", args=[template.pk])
    assert client.post(page, {"department": ""}).status_code == 200  # the unit is asked for
    assert Document.objects.filter(organization=health).count() == 1
    client.post(page, {"department": unit.pk})
    documents = {d.code: d for d in Document.objects.filter(organization=health)}
    assert documents["QT-01"].title == "Của Sở"  # kept as it was
    new = documents["BM-QT01-01"]
    assert (new.kind, new.status, new.department) == (DocumentKind.FORM, DocumentStatus.DRAFT, unit)
    assert new.editions.get().number == 1
    assert documents["HD-01"].kind == DocumentKind.GUIDANCE
    copy = TemplateCopy.objects.get()
    assert (copy.added, copy.skipped) == (2, 1)
    # A unit of another agency is refused by the service itself.
    other_unit = DepartmentFactory(organization=province["plan"].organization)
    with pytest.raises(services.TemplateError):
        services.template_copy_documents(
            template=template,
            organization=health,
            department=other_unit,
            user=province["secretary"],
        )


def test_the_plan_list_offers_the_templates_once_published(client, province):
    client.force_login(province["secretary"])
    plans = reverse("plans:plan_list")
    assert client.get(plans).context["offers"] == []
    _published(province, TemplateKind.MODEL_PLAN, plan=province["plan"])
    offers = client.get(plans).context["offers"]
    assert [url for _label, url in offers] == [reverse("reports:agency_templates")]
    client.force_login(province["staff"])
    assert client.get(plans).context["offers"] == []
    client.force_login(province["coordinator"])
    assert (
        reverse("reports:province_templates")
        in client.get(reverse("reports:province")).content.decode()
    )


def test_the_lists_do_not_grow_in_queries(client, province, django_assert_max_num_queries):
    rows = services.parse_questions(QUESTIONS)
    _published(province, TemplateKind.QUESTION_BANK, rows=rows)
    pages = [
        (province["coordinator"], reverse("reports:province_templates")),
        (province["secretary"], reverse("reports:agency_templates")),
    ]
    counts = []
    for user, url in pages:
        client.force_login(user)
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    for _number in range(5):
        template = _published(province, TemplateKind.QUESTION_BANK, rows=rows)
        services.template_copy_questions(
            template=template, organization=province["health"], user=province["secretary"]
        )
    for (user, url), count in zip(pages, counts, strict=True):
        client.force_login(user)
        with django_assert_max_num_queries(count):
            assert len(client.get(url).context["templates"]) == 6


def test_a_template_page_does_not_grow_in_queries(client, province, django_assert_max_num_queries):
    template = _published(province, TemplateKind.MODEL_PLAN, plan=province["plan"])
    for user, url in (
        (province["coordinator"], reverse("reports:province_template", args=[template.pk])),
        (province["secretary"], reverse("reports:agency_template", args=[template.pk])),
    ):
        client.force_login(user)
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_the_demo_province_has_published_a_question_bank():
    from reports.province_templates.demo import load_demo_province_templates
    from tests.factories import UserFactory

    coordinator = UserFactory(username="dieuphoi")
    template, created = load_demo_province_templates()
    assert created
    assert (template.province, template.kind) == ("Đồng Tháp", TemplateKind.QUESTION_BANK)
    assert (template.published_by, template.is_published) == (coordinator, True)
    assert template.questions.count() == 7
    assert load_demo_province_templates() == (template, False)


def test_a_plan_of_another_province_is_no_model(province):
    elsewhere = PlanFactory(organization=OrganizationFactory(name="Sở X", province="An Giang"))
    with pytest.raises(services.TemplateError):
        services.template_create(
            province="Đồng Tháp",
            kind=TemplateKind.MODEL_PLAN,
            title="Mẫu",
            user=province["coordinator"],
            plan=elsewhere,
        )
    assert not ProvinceTemplate.objects.exists()


@pytest.mark.parametrize(
    "line", ["10.10.10.10 | Quá dài", "abc | Không phải điều khoản", "7.5.3", "7.5.3 |  "]
)
def test_a_question_line_that_cannot_be_kept_is_refused(line):
    with pytest.raises(services.TemplateError):
        services.parse_questions(line)
