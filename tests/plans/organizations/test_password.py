"""Changing one's password, and resetting a forgotten one by email through a real SMTP server.

The reset message leaves through the Celery task; here the task runs in the test's own process
(eager), after the request's commit as in production. The throttle counts in Redis when the run
has one (REDIS_URL, as in CI), else in the in-memory cache.
"""

import email
import email.policy
import logging
import os
import re
import socket
import uuid
from unittest import mock

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from kombu.exceptions import OperationalError

from isoplan.celery import app
from plans.choices import Role
from plans.tasks import send_password_reset

pytestmark = pytest.mark.django_db
PASSWORD = "dung-mat-khau-2026"
NEW_PASSWORD = "Sen-hong-Dong-Thap-2026"
SITE = "https://iso.dongthap.gov.vn"
MAILED_LINK = re.compile(re.escape(SITE) + r"(/dat-lai-mat-khau/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def throttle_cache():
    """A fresh throttle count for each test: its own key prefix in Redis, or a cleared memory."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        from django.core.cache import cache

        cache.clear()
        yield
        return
    backend = "django.core.cache.backends.redis.RedisCache"
    caches = {
        "default": {"BACKEND": backend, "LOCATION": redis_url, "KEY_PREFIX": str(uuid.uuid4())}
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture
def person(make_member):
    user = make_member(
        Role.STAFF, username="nhanvien", full_name="Trần Thị Mai", email="mai@dongthap.gov.vn"
    )
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def eager_tasks():
    """Celery tasks run in this process when queued, retries included."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


class SMTPHandler:
    """Takes every message, after refusing the first ``failures`` with a temporary error."""

    def __init__(self):
        self.failures = 0
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.failures:
            self.failures -= 1
            return "451 4.3.0 Try again later"
        self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.SMTP))
        return "250 OK"


@pytest.fixture
def smtp(settings, eager_tasks):
    """A real SMTP server on a free local port, which the app sends to; the site's address."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = SMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.SITE_URL = SITE
    yield handler
    controller.stop()


def _ask_reset(client, address, capture, **extra):
    with capture(execute=True):
        return client.post(reverse("password_reset"), {"email": address}, **extra)


def _link(message) -> str:
    return MAILED_LINK.search(message.get_content()).group(1)


def _security_log(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "isoplan.security"]


def _login(password, username="nhanvien"):
    return Client().post(reverse("login"), {"username": username, "password": password})


def _change(client, old, new=NEW_PASSWORD):
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post(reverse("password_change"), data)


# --- changing the password ---------------------------------------------------------------------
def test_the_settings_page_and_the_user_menu_lead_to_the_change(client, person):
    client.force_login(person)
    content = client.get(reverse("plans:profile")).content.decode()
    assert content.count(f'href="{reverse("password_change")}"') == 2  # the menu and the page
    assert "Đổi mật khẩu" in content


def test_a_wrong_old_password_is_refused_in_vietnamese(client, person, caplog):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    client.force_login(person)
    response = _change(client, "sai-mat-khau")
    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    # Counted as what it is: a wrong password for this account from this address.
    assert "login failed user=nhanvien ip=127.0.0.1" in _security_log(caplog)


def test_guessing_the_old_password_locks_out_like_guessing_at_login(client, person):
    client.force_login(person)
    for _ in range(4):
        assert _change(client, "sai-mat-khau").status_code == 200
    assert _change(client, "sai-mat-khau").status_code == 429  # the fifth failure locks
    response = _change(client, PASSWORD)  # even the right one now
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    assert _login(PASSWORD).status_code == 429  # and the login page is locked too


def test_the_right_old_password_changes_it_and_ends_the_other_sessions(client, person, caplog):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    phone = Client()
    phone.post(reverse("login"), {"username": "nhanvien", "password": PASSWORD})
    client.post(reverse("login"), {"username": "nhanvien", "password": PASSWORD})
    response = _change(client, PASSWORD)
    assert response["Location"] == reverse("password_change_done")
    done = client.get(response["Location"])
    assert "Đã đổi mật khẩu" in done.content.decode()
    assert client.get(reverse("home")).status_code == 200  # this session stays
    assert phone.get(reverse("home")).status_code == 302  # the other one ended
    assert _login(PASSWORD).status_code == 200  # refused: the form again
    assert _login(NEW_PASSWORD).status_code == 302
    assert "password changed user=nhanvien ip=127.0.0.1" in _security_log(caplog)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("12345678901", "Mật khẩu này hoàn toàn là số"),
        ("x7#q", "Mật khẩu quá ngắn"),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("tranthimai", "Mật khẩu quá giống với họ và tên"),
    ],
)
def test_a_weak_new_password_is_refused_in_vietnamese(client, person, new, message):
    client.force_login(person)
    response = _change(client, PASSWORD, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


# --- resetting a forgotten password by email ---------------------------------------------------
def test_a_forgotten_password_is_reset_by_email_end_to_end(
    client, person, smtp, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    login_page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}">Quên mật khẩu?' in login_page
    assert "Quên mật khẩu" in client.get(reverse("password_reset")).content.decode()

    response = _ask_reset(client, "MAI@dongthap.gov.vn", django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("password_reset_done")
    done = client.get(response["Location"]).content.decode()
    assert "Hãy kiểm tra hộp thư" in done
    assert "trong vòng 2 giờ" in done

    [message] = smtp.received
    assert message["To"] == "mai@dongthap.gov.vn"  # the account's address, as it is written
    assert message["Subject"] == "[isoplan] Đặt mật khẩu mới"
    assert message.get_content_type() == "text/plain"
    body = message.get_content()
    assert "Kính gửi Trần Thị Mai," in body
    assert "tài khoản isoplan “nhanvien”" in body
    assert f"Đăng nhập isoplan: {SITE}{reverse('login')}" in body

    link = _link(message)
    form_page = client.get(link)  # the token moves into the session, out of the address
    assert form_page["Location"].endswith("/mat-khau-moi/")
    page = client.get(form_page["Location"]).content.decode()
    assert "Đặt mật khẩu mới" in page
    assert "Xác nhận mật khẩu mới" in page
    response = client.post(
        form_page["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("password_reset_complete")
    assert "Đã lưu mật khẩu mới" in client.get(response["Location"]).content.decode()

    assert _login(PASSWORD).status_code == 200
    assert _login(NEW_PASSWORD).status_code == 302
    # The link worked once.
    assert "Liên kết này không còn dùng được" in Client().get(link).content.decode()
    lines = _security_log(caplog)
    assert "password reset requested email=MAI@dongthap.gov.vn ip=127.0.0.1 accounts=1" in lines
    assert "password reset user=nhanvien ip=127.0.0.1" in lines


def test_an_expired_link_is_refused_in_vietnamese(
    client, person, smtp, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-11-20 08:00 +0700", tick=False) as traveller:
        _ask_reset(client, "mai@dongthap.gov.vn", django_capture_on_commit_callbacks)
        _ask_reset(client, "mai@dongthap.gov.vn", django_capture_on_commit_callbacks)
        first, second = (_link(message) for message in smtp.received)
        traveller.shift(119 * 60)
        assert client.get(first).status_code == 302  # still valid just before two hours
        traveller.shift(2 * 60)
        response = Client().get(second)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Liên kết này không còn dùng được" in content
    assert "đã hết hạn" in content
    assert 'name="new_password1"' not in content


def _without_csrf(content: bytes) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "-", content.decode())


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    person, make_member, smtp, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="isoplan.security")
    make_member(username="nghiviec", email="cu@dongthap.gov.vn", is_active=False)
    answers = {}
    for address in ("mai@dongthap.gov.vn", "khong-co@dongthap.gov.vn", "cu@dongthap.gov.vn"):
        client = Client()
        response = _ask_reset(client, address, django_capture_on_commit_callbacks)
        page = client.get(response["Location"])
        answers[address] = (response.status_code, response["Location"], _without_csrf(page.content))
    assert len(set(answers.values())) == 1
    assert [m["To"] for m in smtp.received] == ["mai@dongthap.gov.vn"]  # no one else
    assert "password reset requested email=cu@dongthap.gov.vn ip=127.0.0.1 accounts=0" in (
        _security_log(caplog)
    )


def test_a_mail_server_that_fails_twice_still_delivers_the_link_once(
    client, person, smtp, django_capture_on_commit_callbacks
):
    smtp.failures = 2
    response = _ask_reset(client, "mai@dongthap.gov.vn", django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("password_reset_done")
    assert len(smtp.received) == 1
    assert client.get(_link(smtp.received[0])).status_code == 302


def test_a_queue_outage_gives_the_same_answer_not_an_error(
    client, person, django_capture_on_commit_callbacks, caplog
):
    with mock.patch.object(send_password_reset, "delay", side_effect=OperationalError("down")):
        response = _ask_reset(client, "mai@dongthap.gov.vn", django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("password_reset_done")
    assert any("not queued" in line for line in _security_log(caplog))


def test_a_deactivated_account_gets_no_mail_even_if_queued_before(person, smtp):
    person.is_active = False
    person.save()
    send_password_reset.delay(person.pk)
    assert smtp.received == []


def test_a_reset_lifts_a_login_lock_out(client, person, smtp, django_capture_on_commit_callbacks):
    for _ in range(5):
        _login("sai-mat-khau")
    assert _login(PASSWORD).status_code == 429
    _ask_reset(client, "mai@dongthap.gov.vn", django_capture_on_commit_callbacks)
    form_page = client.get(_link(smtp.received[0]))["Location"]
    client.post(form_page, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert _login(NEW_PASSWORD).status_code == 302


# --- throttling ----------------------------------------------------------------------------------
@override_settings(PASSWORD_RESET_RATE_PER_EMAIL="3/h", PASSWORD_RESET_RATE_PER_ADDRESS="10/h")
@pytest.mark.parametrize("address", ["mai@dongthap.gov.vn", "khong-co@dongthap.gov.vn"])
def test_a_fourth_request_for_one_address_within_the_hour_is_refused(
    person, smtp, django_capture_on_commit_callbacks, caplog, address
):
    with time_machine.travel("2026-11-20 08:00 +0700", tick=False) as traveller:
        # From three different offices: the limit is on the email address.
        for office in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
            response = _ask_reset(
                Client(), address, django_capture_on_commit_callbacks, REMOTE_ADDR=office
            )
            assert response.status_code == 302
        sent = len(smtp.received)
        response = _ask_reset(
            Client(), address.upper(), django_capture_on_commit_callbacks, REMOTE_ADDR="10.0.0.4"
        )
        assert response.status_code == 429
        assert "Có quá nhiều yêu cầu đặt lại mật khẩu" in response.content.decode()
        assert "Vui lòng thử lại sau" in response.content.decode()
        assert len(smtp.received) == sent  # no mail for the refused one
        traveller.shift(61 * 60)
        response = _ask_reset(Client(), address, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert any(line.startswith("password reset throttled") for line in _security_log(caplog))


@override_settings(
    PASSWORD_RESET_RATE_PER_EMAIL="3/h",
    PASSWORD_RESET_RATE_PER_ADDRESS="10/h",
    TRUSTED_PROXY_COUNT=1,
)
def test_one_client_asking_for_many_addresses_is_refused_after_ten(
    django_capture_on_commit_callbacks,
):
    def ask(address, client_ip, forged="10.9.9.9"):
        # A forged first X-Forwarded-For entry does not help: the proxy's entry counts.
        forwarded = {"HTTP_X_FORWARDED_FOR": f"{forged}, {client_ip}", "REMOTE_ADDR": "172.18.0.2"}
        return _ask_reset(Client(), address, django_capture_on_commit_callbacks, **forwarded)

    with time_machine.travel("2026-11-20 08:00 +0700", tick=False):
        for n in range(10):
            assert (
                ask(f"nguoi{n}@dongthap.gov.vn", "203.0.113.7", forged=f"10.9.9.{n}").status_code
                == 302
            )
        assert ask("nguoi10@dongthap.gov.vn", "203.0.113.7").status_code == 429
        assert ask("nguoi10@dongthap.gov.vn", "203.0.113.99").status_code == 302  # another office
