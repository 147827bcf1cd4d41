import pytest
from django.urls import reverse
from django.utils.translation import gettext

from plans.choices import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_person_logs_in_sees_their_organization_and_logs_out(client, secretary, organization):
    response = client.post(
        reverse("login"), {"username": "thuky", "password": "secret-pass-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    content = response.content.decode()
    assert organization.name in content
    assert "Thư ký ISO" in content

    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_is_refused_with_a_vietnamese_message_and_the_name_kept(client, secretary):
    response = client.post(reverse("login"), {"username": "thuky", "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "mật khẩu chính xác" in content
    assert 'value="thuky"' in content


def test_login_renews_the_session_key(client, secretary):
    client.get(reverse("login"))
    before = client.session.session_key
    client.post(reverse("login"), {"username": "thuky", "password": "secret-pass-123"})
    assert client.session.session_key != before


def _nav_labels(response) -> set[str]:
    entries = response.context["nav_entries"]
    return {e["label"] for entry in entries for e in entry.get("children", [entry])}


def test_the_navigation_fits_the_role(client, make_member, admin_user):
    staff = make_member(Role.STAFF, username="nhanvien")
    client.force_login(staff)
    labels = {str(label) for label in _nav_labels(client.get(reverse("home")))}
    assert labels == {
        "Tổng quan",
        "Kế hoạch",
        "Mục tiêu",
        "Công việc của đơn vị",
        "Tài liệu",
        "Rủi ro",
        "Đào tạo",
        "Đánh giá nội bộ",
        "Điểm không phù hợp",
        "Xem xét của LĐ",
        "Đề xuất cải tiến",  # everyone proposes
        "Khảo sát sự hài lòng",  # everyone reads the results, types in paper forms
        gettext("Organization details"),  # "Thông tin cơ quan", in the agency's menu
        "Ban Chỉ đạo ISO",  # everyone of the agency reads who sits on it
    }
    groups = [e for e in client.get(reverse("home")).context["nav_entries"] if "children" in e]
    assert [str(g["label"]) for g in groups] == ["Kiểm tra, cải tiến", "Cơ quan"]

    client.force_login(admin_user)
    response = client.get(reverse("home"))
    labels = {str(label) for label in _nav_labels(response)}
    assert labels == {"Tổng quan", "Quản trị hệ thống"}
    assert "Bạn chưa thuộc cơ quan nào" in response.content.decode()


def test_the_committee_is_in_the_navigation_of_whoever_may_open_it(
    client, secretary, make_member, admin_user
):
    """The steering committee's page (plans.view_committeecomposition: everyone of the agency):
    in the agency's menu, for the secretary and a member of staff alike."""
    committee = reverse("plans:committee")
    for person in (secretary, make_member(Role.STAFF)):
        client.force_login(person)
        entries = client.get(reverse("home")).context["nav_entries"]
        urls = [e["url"] for entry in entries for e in entry.get("children", [entry])]
        assert committee in urls
        (agency,) = [e for e in entries if str(e["label"]) == "Cơ quan"]  # its menu
        assert committee in [child["url"] for child in agency["children"]]
        assert client.get(committee).status_code == 200
    client.force_login(admin_user)  # of no agency: no committee to read
    entries = client.get(reverse("home")).context["nav_entries"]
    assert committee not in [e["url"] for e in entries]


def test_a_person_with_two_organizations_switches_between_them(
    client, make_member, other_organization
):
    user = make_member(Role.STAFF, username="hai")

    MembershipFactory(user=user, organization=other_organization, role=Role.AUDITOR)
    client.force_login(user)
    assert client.get(reverse("home")).context["current_organization"] != other_organization

    client.post(
        reverse("plans:organization_switch"),
        {"organization": other_organization.pk, "next": "/"},
    )
    response = client.get(reverse("home"))
    assert response.context["current_organization"] == other_organization
    assert "Chuyên gia đánh giá nội bộ" in response.content.decode()


def test_switching_to_a_foreign_organization_is_refused(client, secretary, other_organization):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:organization_switch"),
        {"organization": other_organization.pk, "next": "https://evil.example/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["current_organization"] != other_organization


def test_english_is_available_from_the_language_switch(client, secretary):
    client.force_login(secretary)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("home")).content.decode()
    assert "Log out" in content
    assert "ISO secretary" in content


def test_the_secretary_also_sees_events(client, secretary):
    client.force_login(secretary)
    labels = {str(label) for label in _nav_labels(client.get(reverse("home")))}
    assert "Sự kiện" in labels
