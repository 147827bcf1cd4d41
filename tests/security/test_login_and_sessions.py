"""Login throttling, session limits and the security log."""

import logging
from unittest import mock

import pytest
import time_machine
from django.contrib.auth import base_user
from django.test import Client, override_settings
from django.urls import reverse

from plans.choices import Role

pytestmark = pytest.mark.django_db
PASSWORD = "dung-mat-khau-2026"


@pytest.fixture
def person(make_member):
    user = make_member(Role.STAFF, username="nhanvien")
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, password=PASSWORD, username="nhanvien"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_the_account_with_a_vietnamese_message(client, person):
    for _ in range(4):
        assert _login(client, "sai-mat-khau").status_code == 200
    assert _login(client, "sai-mat-khau").status_code == 429  # the fifth failure locks
    response = _login(client)  # even the right password is refused now
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "15 phút" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_out_login_is_refused_before_the_password_hash_is_computed(client, person):
    for _ in range(5):
        _login(client, "sai-mat-khau")
    with mock.patch.object(base_user, "check_password", wraps=base_user.check_password) as check:
        _login(client)
    check.assert_not_called()


def test_the_lock_ends_after_the_cool_off_time(client, person):
    with time_machine.travel("2026-11-20 08:00 +0700", tick=False) as traveller:
        for _ in range(5):
            _login(client, "sai-mat-khau")
        assert _login(client).status_code == 429
        traveller.shift(16 * 60)
        assert _login(client).status_code == 302


def test_another_person_from_the_same_address_is_not_locked_out(client, person, make_member):
    colleague = make_member(Role.STAFF, username="dongnghiep")
    colleague.set_password(PASSWORD)
    colleague.save()
    for _ in range(5):
        _login(client, "sai-mat-khau")
    assert _login(Client(), username="dongnghiep").status_code == 302


def test_an_idle_session_ends_and_the_person_logs_in_again(client, person):
    with time_machine.travel("2026-11-20 08:00 +0700", tick=False) as traveller:
        _login(client)
        traveller.shift(29 * 60)
        assert client.get(reverse("home")).status_code == 200  # still active: the clock restarts
        traveller.shift(29 * 60)
        assert client.get(reverse("home")).status_code == 200
        traveller.shift(31 * 60)
        response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Phiên làm việc đã kết thúc" in response.content.decode()


def test_a_session_ends_after_the_absolute_timeout_even_when_active(client, person):
    with time_machine.travel("2026-11-20 07:00 +0700", tick=False) as traveller:
        _login(client)
        for _ in range(10 * 60 // 20):  # a request every 20 minutes for ten hours
            assert client.get(reverse("home")).status_code == 200
            traveller.shift(20 * 60)
        traveller.shift(60)  # ten hours and a minute after the login
        assert client.get(reverse("home")).status_code == 302


@override_settings(SESSION_IDLE_TIMEOUT=5 * 60, SESSION_ABSOLUTE_TIMEOUT=60 * 60)
def test_the_timeouts_are_configurable(client, person):
    with time_machine.travel("2026-11-20 08:00 +0700", tick=False) as traveller:
        _login(client)
        traveller.shift(6 * 60)
        assert client.get(reverse("home")).status_code == 302


def test_every_session_of_a_deactivated_user_ends(person):
    office, home = Client(), Client()
    _login(office)
    _login(home)
    assert office.get(reverse("home")).status_code == 200
    person.is_active = False
    person.save()
    for client in (office, home):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_logins_failures_and_refusals_are_logged_with_user_and_address(
    client, person, other_organization, caplog
):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    _login(client, "sai-mat-khau")
    _login(client)
    client.get(reverse("plans:organization_detail", args=[other_organization.pk]))
    client.get(reverse("admin:index"))  # 302 to the admin login: not a refusal
    client.get(reverse("plans:plan_create"))  # staff may not create plans: 403
    lines = [r.getMessage() for r in caplog.records if r.name == "isoplan.security"]
    assert "login failed user=nhanvien ip=127.0.0.1" in lines
    assert "login user=nhanvien ip=127.0.0.1 via=password" in lines
    organization_url = reverse("plans:organization_detail", args=[other_organization.pk])
    assert f"refused 404 user=nhanvien ip=127.0.0.1 GET {organization_url}" in lines
    assert f"refused 403 user=nhanvien ip=127.0.0.1 GET {reverse('plans:plan_create')}" in lines
    assert all(record.created for record in caplog.records)  # the log format adds the time


def test_a_lock_out_is_logged(client, person, caplog):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    for _ in range(5):
        _login(client, "sai-mat-khau")
    assert any(
        r.getMessage() == "locked out user=nhanvien ip=127.0.0.1"
        for r in caplog.records
        if r.name == "isoplan.security"
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, person, caplog):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    # The client forged the first entry; the proxy appended the address it really saw.
    forwarded = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7", "REMOTE_ADDR": "172.18.0.2"}
    for _ in range(5):
        client.post(reverse("login"), {"username": "nhanvien", "password": "sai"}, **forwarded)
    lines = [r.getMessage() for r in caplog.records if r.name == "isoplan.security"]
    assert "locked out user=nhanvien ip=203.0.113.7" in lines
    # Another office behind the same proxy is not locked out.
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.99", "REMOTE_ADDR": "172.18.0.2"}
    response = Client().post(
        reverse("login"), {"username": "nhanvien", "password": PASSWORD}, **other
    )
    assert response.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_changing_the_address_at_each_try_does_not_escape_the_lock_out(person):
    """An attacker rotating X-Forwarded-For (or addresses): the user name itself is locked
    after AXES_USERNAME_FAILURE_LIMIT failures from anywhere, even for the right password."""
    for number in range(15):
        response = Client().post(
            reverse("login"),
            {"username": "nhanvien", "password": "sai"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
            REMOTE_ADDR="172.18.0.2",
        )
    assert response.status_code == 429
    right = Client().post(
        reverse("login"),
        {"username": "nhanvien", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
        REMOTE_ADDR="172.18.0.2",
    )
    assert right.status_code == 429


def test_trying_many_accounts_from_one_address_locks_the_address(client, person, make_member):
    """Eight accounts × four wrong passwords from one address: under each pair's limit, but the
    address is locked at AXES_ADDRESS_FAILURE_LIMIT; a login of one's own does not reset it."""
    for number in range(8):
        make_member(Role.STAFF, username=f"nguoi{number}")
    for number in range(8):
        for _ in range(3):
            _login(client, "sai", username=f"nguoi{number}")
    assert _login(client).status_code == 302  # 24 failures: the address still gets in
    client.logout()
    _login(client, "sai", username="nguoi0")
    assert _login(Client(), username="nguoi1", password="sai").status_code == 429
    assert _login(Client()).status_code == 429  # even the right password, from that address
    # Elsewhere the same people log in.
    elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    assert _login(elsewhere).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_forwarded_address_from_outside_the_proxy_network_is_ignored(client, person, caplog):
    """Someone reaching the app server directly (not through the proxy) cannot pick an address."""
    caplog.set_level(logging.INFO, logger="isoplan.security")
    client.post(
        reverse("login"),
        {"username": "nhanvien", "password": "sai"},
        HTTP_X_FORWARDED_FOR="10.1.1.1",
        REMOTE_ADDR="203.0.113.50",
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "isoplan.security"]
    assert "login failed user=nhanvien ip=203.0.113.50" in lines
