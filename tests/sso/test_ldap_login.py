"""Login with the province directory's password, against a real slapd (tests/sso/servers.py)."""

import logging
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from isoplan.sso.ldap import DirectoryBackend
from plans.choices import Role
from plans.models import Membership
from tests.sso.conftest import AN, HOA, NAMESAKE, STRANGER

pytestmark = pytest.mark.django_db
NOT_PROVISIONED = "Tài khoản chưa được cấp trong hệ thống, liên hệ quản trị"
LOCAL_PASSWORD = "mat-khau-rieng-isoplan"


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _logged_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def an(make_member, department):
    user = make_member(Role.STAFF, username="nhanvien", department=department, full_name="")
    user.set_password(LOCAL_PASSWORD)
    user.save()
    return user


@pytest.fixture
def hoa(make_member):
    # Her isoplan user name is not her directory's: she is matched by email.
    return make_member(Role.ISO_SECRETARY, username="hoa", email="Hoa.LT@tinh.gov.vn")


def test_a_directory_password_logs_into_the_account_of_the_same_user_name(
    client, ldap_on, an, caplog
):
    roles_before = list(Membership.objects.filter(user=an).values_list("role", "organization"))
    with caplog.at_level(logging.INFO, logger="isoplan.security"):
        response = _login(client, "nhanvien", AN.password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _logged_in_as(client) == str(an.pk)
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An"  # the directory's name is copied
    assert an.email == AN.email
    assert an.check_password(LOCAL_PASSWORD)  # the local password is not replaced
    after = list(Membership.objects.filter(user=an).values_list("role", "organization"))
    assert after == roles_before
    assert "login user=nhanvien ip=127.0.0.1 via=ldap" in caplog.text


def test_a_person_is_matched_by_email_when_the_user_names_differ(client, ldap_on, hoa):
    assert _login(client, "hoa.lt", HOA.password).status_code == 302
    assert _logged_in_as(client) == str(hoa.pk)


def test_a_person_may_type_their_email_instead_of_the_user_name(client, ldap_on, hoa):
    assert _login(client, HOA.email, HOA.password).status_code == 302
    assert _logged_in_as(client) == str(hoa.pk)
    hoa.refresh_from_db()
    assert hoa.username == "hoa"
    assert list(hoa.memberships.values_list("role", flat=True)) == [Role.ISO_SECRETARY]


def test_a_wrong_directory_password_is_refused_and_counted_by_axes(client, ldap_on, an):
    response = _login(client, "nhanvien", "sai-mat-khau")
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    assert _logged_in_as(client) is None
    assert AccessAttempt.objects.get(username="nhanvien").failures_since_start == 1


def test_after_five_failures_the_directory_is_not_even_asked(client, ldap_on, an):
    for _ in range(4):
        assert _login(client, "nhanvien", "sai-mat-khau").status_code == 200
    assert _login(client, "nhanvien", "sai-mat-khau").status_code == 429
    with mock.patch.object(
        DirectoryBackend, "authenticate", autospec=True, side_effect=DirectoryBackend.authenticate
    ) as asked:
        response = _login(client, "nhanvien", AN.password)
    assert response.status_code == 429
    asked.assert_not_called()
    assert _logged_in_as(client) is None


def test_a_directory_person_without_an_account_is_refused_and_not_created(
    client, ldap_on, an, caplog
):
    people = get_user_model().objects.count()
    with caplog.at_level(logging.INFO, logger="isoplan.security"):
        response = _login(client, "nguoila", STRANGER.password)
    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_PROVISIONED in page
    assert 'value="nguoila"' in page  # what was typed is kept
    assert _logged_in_as(client) is None
    assert get_user_model().objects.count() == people
    assert not get_user_model().objects.filter(username="nguoila").exists()
    assert "sso refused via=ldap user=nguoila" in caplog.text


def test_the_administrator_account_is_never_reached_through_the_directory(
    client, ldap_on, admin_user
):
    response = _login(client, "quantri", NAMESAKE.password)
    assert response.status_code == 200
    assert NOT_PROVISIONED in response.content.decode()
    assert _logged_in_as(client) is None
    admin_user.refresh_from_db()
    assert admin_user.full_name != NAMESAKE.full_name


def test_a_deactivated_account_cannot_log_in_with_the_directory(client, ldap_on, an):
    an.is_active = False
    an.save()
    response = _login(client, "nhanvien", AN.password)
    assert response.status_code == 200
    assert _logged_in_as(client) is None


def test_deactivating_the_account_ends_a_directory_login_at_the_next_request(client, ldap_on, an):
    _login(client, "nhanvien", AN.password)
    assert client.get(reverse("home")).status_code == 200
    an.is_active = False
    an.save()
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_local_passwords_keep_working_with_the_directory_on(
    client, ldap_on, an, admin_user, caplog
):
    admin_user.set_password("mat-khau-quan-tri-2026")
    admin_user.save()
    with caplog.at_level(logging.INFO, logger="isoplan.security"):
        assert _login(client, "quantri", "mat-khau-quan-tri-2026").status_code == 302
        assert _login(Client(), "nhanvien", LOCAL_PASSWORD).status_code == 302
    assert "login user=quantri ip=127.0.0.1 via=password" in caplog.text


def test_the_directory_is_off_by_default_and_never_asked(client, directory, an, settings):
    assert not settings.LDAP_ENABLED
    assert "isoplan.sso.ldap.DirectoryBackend" not in settings.AUTHENTICATION_BACKENDS
    with mock.patch.object(DirectoryBackend, "authenticate", autospec=True) as asked:
        response = _login(client, "nhanvien", AN.password)
    assert response.status_code == 200
    assert _logged_in_as(client) is None
    asked.assert_not_called()
