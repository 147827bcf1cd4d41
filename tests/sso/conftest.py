import pytest

from isoplan.sso.config import LDAP_BACKEND, OIDC_BACKEND, ldap_settings, oidc_settings
from tests.sso.servers import (
    ADMIN_DN,
    ADMIN_PASSWORD,
    OIDC_CLIENT_SECRET,
    DirectoryPerson,
    _stop,
    start_oidc_provider,
    start_slapd,
)

# The province directory: two people who have isoplan accounts, one who has none.
AN = DirectoryPerson("nhanvien", "mat-khau-thu-muc-an", "Nguyễn Văn An", "an.nv@tinh.gov.vn")
HOA = DirectoryPerson("hoa.lt", "mat-khau-thu-muc-hoa", "Lê Thị Hoa", "hoa.lt@tinh.gov.vn")
STRANGER = DirectoryPerson("nguoila", "mat-khau-nguoi-la", "Trần Văn Lạ", "la.tv@tinh.gov.vn")
# Same user name as isoplan's administrator (tests/conftest.py admin_user).
NAMESAKE = DirectoryPerson("quantri", "mat-khau-trung-ten", "Phạm Văn Quản", "quan.pv@tinh.gov.vn")

# The provider's accounts by subject: one matched by user name, one by email only, one unknown.
CALLBACK = "http://testserver/dang-nhap/tinh/tro-ve/"
OIDC_ACCOUNTS = {
    "sub-an": {"preferred_username": "nhanvien", "name": "Nguyễn Văn An"},
    "sub-hoa": {"email": "hoa.lt@tinh.gov.vn", "email_verified": True, "name": "Lê Thị Hoa"},
    "sub-hoa-unverified": {"email": "hoa.lt@tinh.gov.vn", "email_verified": False},
    "sub-la": {"preferred_username": "nguoila", "email": "la.tv@tinh.gov.vn"},
    "sub-quantri": {"preferred_username": "quantri"},
}


@pytest.fixture(scope="session")
def directory(tmp_path_factory):
    people = [AN, HOA, STRANGER, NAMESAKE]
    directory, process = start_slapd(tmp_path_factory.mktemp("slapd"), people)
    yield directory
    _stop(process)


@pytest.fixture
def ldap_on(directory, settings):
    """The directory turned on as README's environment variables would."""
    configured = ldap_settings(
        server_uri=directory.uri,
        bind_dn=ADMIN_DN,
        bind_password=ADMIN_PASSWORD,
        search_base=directory.people_base,
    )
    for name, value in configured.items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, LDAP_BACKEND]
    return directory


@pytest.fixture(scope="session")
def provider():
    provider, process = start_oidc_provider(OIDC_ACCOUNTS, CALLBACK)
    yield provider
    _stop(process)


@pytest.fixture
def oidc_on(provider, settings):
    configured = oidc_settings(
        issuer=provider.issuer, client_id="isoplan", client_secret=OIDC_CLIENT_SECRET
    )
    for name, value in configured.items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    return provider
