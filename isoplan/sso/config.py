"""Settings for the two ways in, built from plain values (the environment in base.py, a test's
own servers in the tests)."""

LDAP_BACKEND = "isoplan.sso.ldap.DirectoryBackend"
OIDC_BACKEND = "isoplan.sso.oidc.ProvinceOIDCBackend"


def ldap_settings(
    *,
    server_uri: str,
    bind_dn: str = "",
    bind_password: str = "",
    search_base: str = "",
    search_filter: str = "(|(uid=%(user)s)(mail=%(user)s))",
    start_tls: bool = False,
    timeout: int = 5,
) -> dict:
    """django-auth-ldap's settings: bind as the service account, find the person by the name
    they typed (user name or email), then bind as them with their password. Nothing is mirrored:
    no groups, no flags, no attribute map (isoplan.sso.ldap copies name and email itself)."""
    import ldap
    from django_auth_ldap.config import LDAPSearch

    return {
        "LDAP_ENABLED": bool(server_uri),
        "AUTH_LDAP_SERVER_URI": server_uri,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(search_base, ldap.SCOPE_SUBTREE, search_filter),
        "AUTH_LDAP_START_TLS": start_tls,
        "AUTH_LDAP_NO_NEW_USERS": True,
        "AUTH_LDAP_ALWAYS_UPDATE_USER": False,
        "AUTH_LDAP_USER_ATTR_MAP": {},
        "AUTH_LDAP_MIRROR_GROUPS": False,
        # A directory that does not answer must not hold the login page for long.
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            ldap.OPT_NETWORK_TIMEOUT: timeout,
            ldap.OPT_TIMEOUT: timeout,
            ldap.OPT_REFERRALS: 0,
        },
    }


def oidc_settings(
    *,
    issuer: str,
    client_id: str = "",
    client_secret: str = "",
    scopes: str = "openid email profile",
    username_claim: str = "preferred_username",
    sign_algorithm: str = "RS256",
    timeout: int = 10,
) -> dict:
    """mozilla-django-oidc's settings. The provider's endpoints come from its discovery document
    (isoplan.sso.oidc) unless OIDC_OP_* names them. State, nonce and PKCE are all checked."""
    return {
        "OIDC_ENABLED": bool(issuer),
        "OIDC_ISSUER": issuer.rstrip("/"),
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": client_secret,
        "OIDC_RP_SCOPES": scopes,
        "OIDC_USERNAME_CLAIM": username_claim,
        "OIDC_RP_SIGN_ALGO": sign_algorithm,
        "OIDC_TIMEOUT": timeout,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_TOKEN_USE_BASIC_AUTH": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
    }
