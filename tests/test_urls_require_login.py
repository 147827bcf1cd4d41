"""Every page requires login, except the login page, the language switch and static files."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The published list of documents is public when its organization turns it on (404 otherwise).
# The site's icon is public: the browser asks for it on the login page too.
PUBLIC_URL_NAMES = {"login", "set_language", "admin:login", "reports:public_documents", "favicon"}
# A satisfaction survey's page: citizens answer without an account (a wrong key is a 404).
PUBLIC_URL_NAMES |= {"audits:survey_public"}
# A forgotten password is reset without logging in (the link in the email is the credential).
PASSWORD_RESET_URL_NAMES = {
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Calendar apps cannot log in: the feed's secret key is the credential (a wrong key is a 404).
FEED_URL_NAMES = {"plans:person_feed", "plans:unit_feed"}
# The province account's login (OpenID Connect) starts before anyone has logged in; while it is
# off, as here, both addresses answer 404 (tests/sso/ turn it on).
SSO_URL_NAMES = {"oidc_authentication_init", "oidc_authentication_callback"}
SAMPLE_KWARGS = {
    "pk": 1,
    "plan_pk": 1,
    "unit_pk": 1,
    "year": 2023,
    "kind": "internal",
    "token": "not-a-token",
    "object_id": "1",
    "app_label": "plans",
    "model_name": "organization",
    "uidb64": "MQ",
}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace, pattern


def _project_urls():
    urls = []
    for namespace, pattern in _walk(get_resolver().url_patterns):
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        kwargs = {k: v for k, v in SAMPLE_KWARGS.items() if k in pattern.pattern.regex.groupindex}
        try:
            urls.append((name, reverse(name, kwargs=kwargs)))
        except Exception:  # noqa: S112 - admin patterns with converters we do not sample
            continue
    return urls


URLS = _project_urls()


def test_the_url_list_covers_the_app_and_the_admin():
    names = {name for name, _ in URLS}
    assert {"home", "plans:organization_detail", "admin:index", "login"} <= names
    assert {"plans:task_create", "plans:timing_explain", "plans:unit_feed_token_renew"} <= names
    assert {"plans:context_detail", "plans:context_entry_add", "plans:risk_list"} <= names
    assert PASSWORD_RESET_URL_NAMES | {"password_change", "password_change_done"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "url"),
    [
        u
        for u in URLS
        if u[0] not in PUBLIC_URL_NAMES | FEED_URL_NAMES | PASSWORD_RESET_URL_NAMES | SSO_URL_NAMES
    ],
)
def test_anonymous_visitor_is_sent_to_a_login_page(client, name, url):
    response = client.get(url)
    assert response.status_code == 302, name
    # The admin's index keeps its own login page (which tells a logged-in non-administrator
    # that access is refused); every other page goes to the app's login.
    login_urls = (reverse("login") + "?next=", reverse("admin:login") + "?next=")
    assert response["Location"].startswith(login_urls), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FEED_URL_NAMES))
def test_calendar_feeds_need_their_key_not_a_login(client, name):
    assert client.get(reverse(name, kwargs={"token": "guessed"})).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SSO_URL_NAMES))
def test_the_province_login_is_not_found_while_it_is_off(client, name):
    assert client.get(dict(URLS)[name]).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PASSWORD_RESET_URL_NAMES))
def test_resetting_a_forgotten_password_needs_no_login(client, name):
    url = dict(URLS)[name]
    response = client.get(url)
    assert response.status_code == 200, name
    assert 'lang="vi"' in response.content.decode()


@pytest.mark.django_db
def test_login_page_is_public_and_in_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content
    assert 'lang="vi"' in content
