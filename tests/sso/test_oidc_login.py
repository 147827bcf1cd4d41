"""Login through the province's OpenID Connect provider: the whole authorization-code flow against
a real oidc-provider process (tests/sso/oidc_provider.mjs). The test is the browser: its Django
test client is isoplan's side, a requests session the provider's login and consent forms."""

import html
import logging
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.choices import Role
from plans.models import Membership
from tests.sso.conftest import CALLBACK

pytestmark = pytest.mark.django_db
NOT_PROVISIONED = "Tài khoản chưa được cấp trong hệ thống, liên hệ quản trị"
FAILED = "Đăng nhập bằng tài khoản của tỉnh không thành công"
BUTTON = "Đăng nhập bằng tài khoản của tỉnh"
FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)


def _at_provider(client, login: str, query: str = "") -> str:
    """Starts at isoplan's button, signs in at the provider as ``login`` and consents; returns
    the address the provider sends the browser back to (isoplan's callback)."""
    start = client.get(reverse("oidc_authentication_init") + query)
    assert start.status_code == 302
    browser = requests.Session()
    response = browser.get(start["Location"], allow_redirects=False, timeout=10)
    for _ in range(12):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(CALLBACK):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
            continue
        assert response.status_code == 200, response.text
        action, fields = FORM.search(response.text).groups()
        prompt = re.search(r'name="prompt" value="(\w+)"', fields).group(1)
        data = {"prompt": prompt}
        if prompt == "login":
            data |= {"login": login, "password": "mat-khau-cua-tinh"}
        response = browser.post(
            urljoin(response.url, html.unescape(action)),
            data=data,
            allow_redirects=False,
            timeout=10,
        )
    pytest.fail("the provider never sent the browser back")


def _back_at_isoplan(client, callback: str):
    parts = urlsplit(callback)
    return client.get(parts.path, dict(parse_qsl(parts.query)))


def _logged_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def an(make_member, department):
    return make_member(Role.STAFF, username="nhanvien", department=department, full_name="")


@pytest.fixture
def hoa(make_member):
    return make_member(Role.ISO_SECRETARY, username="hoa", email="hoa.lt@tinh.gov.vn")


def test_the_login_page_offers_the_province_account(client, oidc_on):
    page = client.get(reverse("login") + "?next=/ke-hoach/").content.decode()
    assert BUTTON in page
    assert reverse("oidc_authentication_init") + "?next=/ke-hoach/" in page


def test_the_whole_flow_logs_into_the_account_of_the_same_user_name(client, oidc_on, an, caplog):
    roles_before = list(Membership.objects.filter(user=an).values_list("role", "department"))
    callback = _at_provider(client, "sub-an")
    with caplog.at_level(logging.INFO, logger="isoplan.security"):
        response = _back_at_isoplan(client, callback)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _logged_in_as(client) == str(an.pk)
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An"
    after = list(Membership.objects.filter(user=an).values_list("role", "department"))
    assert after == roles_before
    assert "login user=nhanvien ip=127.0.0.1 via=oidc" in caplog.text
    assert client.get(reverse("home")).status_code == 200  # the session works on the next page
    assert "isoplan_started_at" in client.session  # and ends after the usual timeouts


def test_deactivating_the_account_ends_a_province_login_at_the_next_request(client, oidc_on, an):
    _back_at_isoplan(client, _at_provider(client, "sub-an"))
    assert client.get(reverse("home")).status_code == 200
    an.is_active = False
    an.save()
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_the_person_lands_on_the_page_they_asked_for(client, oidc_on, an):
    callback = _at_provider(client, "sub-an", "?next=" + reverse("about"))
    assert _back_at_isoplan(client, callback)["Location"] == reverse("about")


def test_a_next_address_on_another_site_is_ignored(client, oidc_on, an):
    callback = _at_provider(client, "sub-an", "?next=https://lua-dao.example/")
    assert _back_at_isoplan(client, callback)["Location"] == reverse("home")


def test_a_subject_known_only_by_a_verified_email_logs_into_that_account(client, oidc_on, hoa):
    response = _back_at_isoplan(client, _at_provider(client, "sub-hoa"))
    assert response.status_code == 302
    assert _logged_in_as(client) == str(hoa.pk)


def test_an_email_the_provider_has_not_verified_matches_nobody(client, oidc_on, hoa):
    response = _back_at_isoplan(client, _at_provider(client, "sub-hoa-unverified"))
    assert response["Location"] == reverse("login")
    assert _logged_in_as(client) is None


def test_an_unknown_subject_is_refused_and_not_created(client, oidc_on, an, caplog):
    people = get_user_model().objects.count()
    with caplog.at_level(logging.INFO, logger="isoplan.security"):
        response = _back_at_isoplan(client, _at_provider(client, "sub-la"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert _logged_in_as(client) is None
    assert get_user_model().objects.count() == people
    assert NOT_PROVISIONED in client.get(reverse("login")).content.decode()
    assert "sso refused via=oidc user=nguoila" in caplog.text


def test_refusals_at_the_callback_never_lock_the_province_login(client, oidc_on, an, settings):
    # They are not password guesses: counted, they would all share one empty user name.
    settings.AXES_USERNAME_FAILURE_LIMIT = 2
    for _ in range(3):
        refused = _back_at_isoplan(client, _at_provider(client, "sub-la"))
        assert refused["Location"] == reverse("login")
    assert not AccessAttempt.objects.exists()
    assert _back_at_isoplan(client, _at_provider(client, "sub-an"))["Location"] == reverse("home")


def test_the_administrator_account_is_never_reached_through_the_provider(
    client, oidc_on, admin_user
):
    response = _back_at_isoplan(client, _at_provider(client, "sub-quantri"))
    assert response["Location"] == reverse("login")
    assert _logged_in_as(client) is None


def test_a_tampered_state_is_refused(client, oidc_on, an, caplog):
    callback = _at_provider(client, "sub-an")
    query = dict(parse_qsl(urlsplit(callback).query))
    query["state"] = "trang-thai-gia-mao"
    with caplog.at_level(logging.INFO, logger="isoplan.security"):
        response = client.get(urlsplit(callback).path, query)
    assert response["Location"] == reverse("login")
    assert _logged_in_as(client) is None
    assert FAILED in client.get(reverse("login")).content.decode()
    assert "sso refused via=oidc" in caplog.text


def test_a_token_for_another_nonce_is_refused(client, oidc_on, an):
    callback = _at_provider(client, "sub-an")
    state = dict(parse_qsl(urlsplit(callback).query))["state"]
    session = client.session
    session["oidc_states"][state]["nonce"] = "mot-nonce-khac"
    session.save()
    response = _back_at_isoplan(client, callback)
    assert response["Location"] == reverse("login")
    assert _logged_in_as(client) is None


def test_a_code_works_once(client, oidc_on, an):
    callback = _at_provider(client, "sub-an")
    assert _back_at_isoplan(client, callback)["Location"] == reverse("home")
    client.logout()
    replayed = _back_at_isoplan(client, callback)
    assert replayed["Location"] == reverse("login")
    assert _logged_in_as(client) is None


def test_province_login_is_off_by_default(client, provider, settings):
    assert not settings.OIDC_ENABLED
    assert BUTTON not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    query = urlencode({"code": "abc", "state": "xyz"})
    assert client.get(reverse("oidc_authentication_callback") + "?" + query).status_code == 404
