"""Settings shared by every environment; everything that varies comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ

from isoplan.sso.config import LDAP_BACKEND, OIDC_BACKEND, ldap_settings, oidc_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("ISOPLAN_VAR_DIR", default=str(BASE_DIR / "var")))

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# A step's reason (a return comment, why an item was reopened or a verification overturned) is
# kept whole in the history, whatever its length.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "isoplan.apps.AxesConfig",  # django-axes, with a translated name
    "csp",
    # Its system checks refuse a cache that is not shared between processes (see CACHES).
    "django_ratelimit",
    "plans",
    "audits",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # In place of LocaleMiddleware: Vietnamese unless the person chose English (not the browser).
    "isoplan.language.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "isoplan.security.SessionTimeoutMiddleware",
    "isoplan.security.RefusalLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "isoplan.middleware.OrganizationMiddleware",
    "isoplan.security.RequestSizeMiddleware",
    "isoplan.security.BadInputMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the Vietnamese lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "isoplan.urls"
WSGI_APPLICATION = "isoplan.wsgi.application"
ASGI_APPLICATION = "isoplan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "isoplan.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'isoplan.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the SQL, and a statement run five times on a connection
    # prepared there: PostgreSQL then parses and plans a page's queries once per kept connection
    # instead of on every request. Django turns psycopg's preparing off unless a threshold is
    # given (for poolers that drop prepared statements); without it the binding alone was on.
    # Not a threshold of 0: Django's schema editor sends some statements joined by ";", which
    # PostgreSQL refuses to prepare.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
    # The planner's cost of reading a page out of order: 1.1, as for a database on SSD or in
    # memory, not PostgreSQL's default of 4 (spinning disks). With 4, at province scale the
    # progress of a 300-task plan was read by scanning every work item (120 ms), not by the task
    # index (1 ms).
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The throttle on password-reset requests counts here, so production needs a cache shared by
# every gunicorn worker (Redis): django-ratelimit's check refuses to start with a per-process one.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Django's own RedisCache increments atomically; django-ratelimit's list of backends predates it.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The work items' covering index (``include=``, plans 0019) is a PostgreSQL optimisation for
    # province-scale lists; SQLite builds it as a plain index, which is all a laptop needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

AUTH_USER_MODEL = "plans.User"
AUTHENTICATION_BACKENDS = [
    # First: a locked-out login is refused before any password hash is computed.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Single sign-on (isoplan/sso/, README "Single sign-on"), each off while its address is unset.
# Either way people log into accounts an administrator made; local passwords keep working.
# The directory (LDAP): its backend comes after ModelBackend, and after axes' so a locked-out
# name never reaches the directory.
LDAP_CONFIG = ldap_settings(
    server_uri=env("LDAP_SERVER_URI", default=""),
    bind_dn=env("LDAP_BIND_DN", default=""),
    bind_password=env("LDAP_BIND_PASSWORD", default=""),
    search_base=env("LDAP_USER_SEARCH_BASE", default=""),
    search_filter=env("LDAP_USER_SEARCH_FILTER", default="(|(uid=%(user)s)(mail=%(user)s))"),
    start_tls=env.bool("LDAP_START_TLS", default=False),
)
vars().update(LDAP_CONFIG)
LDAP_USERNAME_ATTRIBUTE = env("LDAP_USERNAME_ATTRIBUTE", default="uid")
LDAP_EMAIL_ATTRIBUTE = env("LDAP_EMAIL_ATTRIBUTE", default="mail")
LDAP_FULL_NAME_ATTRIBUTE = env("LDAP_FULL_NAME_ATTRIBUTE", default="cn")
if LDAP_CONFIG["LDAP_ENABLED"]:
    AUTHENTICATION_BACKENDS.append(LDAP_BACKEND)
# The province's OpenID Connect provider: endpoints from OIDC_ISSUER's discovery document.
OIDC_CONFIG = oidc_settings(
    issuer=env("OIDC_ISSUER", default=""),
    client_id=env("OIDC_CLIENT_ID", default=""),
    client_secret=env("OIDC_CLIENT_SECRET", default=""),
    scopes=env("OIDC_SCOPES", default="openid email profile"),
    username_claim=env("OIDC_USERNAME_CLAIM", default="preferred_username"),
    sign_algorithm=env("OIDC_SIGN_ALGORITHM", default="RS256"),
)
vars().update(OIDC_CONFIG)
if OIDC_CONFIG["OIDC_ENABLED"]:
    AUTHENTICATION_BACKENDS.append(OIDC_BACKEND)
AUTH_PASSWORD_VALIDATORS = [
    {
        # A password may not resemble the person's own login, name (one field here) or email.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {"NAME": "isoplan.password_validation.MinimumLengthValidator"},  # 8 characters
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password-reset link works once, and only for this long (seconds).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 60 * 60)
# Reset requests per client address and per email address (django-ratelimit's "count/period").
# Per address is higher: a whole office may share one address.
PASSWORD_RESET_RATE_PER_ADDRESS = env("PASSWORD_RESET_RATE_PER_ADDRESS", default="10/h")
PASSWORD_RESET_RATE_PER_EMAIL = env("PASSWORD_RESET_RATE_PER_EMAIL", default="3/h")
# Forms sent to a survey's public page per client address: a one-stop desk's tablet takes many
# people's forms in an hour, a robot many more.
SURVEY_RATE_PER_ADDRESS = env("SURVEY_RATE_PER_ADDRESS", default="60/h")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env("LANGUAGE_CODE", default="vi")
# Each language in its own name, never translated (the switch in the footer, User.language).
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# locale/: the project's strings (makemessages); locale_thirdparty/: by hand, the admin strings of
# django-axes, django-simple-history and Django's admin that have no Vietnamese of their own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
# Dates are typed and shown dd/mm/yyyy in both languages (isoplan/formats/, isoplan/dates.py).
FORMAT_MODULE_PATH = ["isoplan.formats"]
TIME_ZONE = env("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
# Third-party assets come from npm at install time (package-lock.json), never copied into the repo.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/vanillajs-datepicker", BASE_DIR / "node_modules/vanillajs-datepicker/dist"),
]
# Never served by path: every download goes through a view that checks the record first
# (isoplan.uploads.download), in the quick start too.
MEDIA_URL = "media/"
# Uploads: one file (MAX_UPLOAD_BYTES), all files of one form (MAX_REQUEST_UPLOAD_BYTES, a form
# error), and any request body at all (MAX_REQUEST_BYTES, refused unread with 413; nginx's
# client_max_body_size in deploy/nginx.conf matches it).
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
MAX_REQUEST_UPLOAD_BYTES = env.int("MAX_REQUEST_UPLOAD_BYTES", default=20 * 1024 * 1024)
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="isoplan <noreply@localhost>")

# Login throttling (django-axes, isoplan.security.ThrottlingHandler): AXES_FAILURE_LIMIT failed
# logins for one user name from one address lock that pair out for the cool-off time; more for one
# user name from any addresses lock the name; more still from one address for any names lock the
# address. The pair is the tight limit: a whole office behind one NAT address must not be locked
# out by one person's typos.
AXES_HANDLER = "isoplan.security.ThrottlingHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_USERNAME_FAILURE_LIMIT = env.int("AXES_USERNAME_FAILURE_LIMIT", default=15)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=25)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "isoplan.security.lockout_response"
# The province account's callback (OpenID Connect) is not a password attempt (isoplan.sso).
AXES_WHITELIST_CALLABLE = "isoplan.sso.accounts.not_a_password_attempt"
# Reverse proxies in front of the app (production: 1, see production.py); the client's address
# is read from X-Forwarded-For accordingly, for the lock-outs and the security log.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Where such a proxy may connect from (loopback and private networks, as on a compose network).
TRUSTED_PROXY_NETWORKS = env.list(
    "TRUSTED_PROXY_NETWORKS",
    default=["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
)
AXES_CLIENT_IP_CALLABLE = "isoplan.security.client_address"
AXES_VERBOSE = False

# Sessions: a new key at every login (Django's login()), ended after SESSION_IDLE_TIMEOUT seconds
# without a request and SESSION_ABSOLUTE_TIMEOUT seconds after the login (isoplan.security).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything from this server, no inline script or style,
# nothing may frame the pages. Templates therefore carry no style="…" or on…="…" attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Celery: configured from Django settings under the CELERY_ namespace (isoplan/celery.py).
# The quick-start default is kombu's filesystem transport, so no Redis is needed on a laptop;
# production and CI point CELERY_BROKER_URL (or REDIS_URL) at Redis.
REDIS_URL = env("REDIS_URL", default="")
# "localhost" only names the machine: without it kombu warns "No hostname was supplied" each time
# it connects (the filesystem transport needs no host).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost/")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
# Chosen deliberately (see plans/work/reminders.py for the delivery guarantees):
# JSON only; a task is acknowledged after it ran and re-queued if its worker dies; a worker takes
# one task at a time; soft/hard time limits stop a hung SMTP call; no long ETA/countdown tasks
# (the sweep computes "N days before" from the database every day); exactly one beat process.
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs, declared in code. The sweep runs every 15 minutes; each organization is reminded
# once a day, after its own reminder time (Organization.reminder_time, default 07:30).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "reminders-sweep": {"task": "plans.tasks.sweep_reminders", "schedule": 15 * 60},
}

ISOPLAN_VERSION = "0.1.0"

# Absolute links in emails and calendar feeds. HOST is where `make run` serves (its Make
# variable, also read from the environment): the links follow it unless SITE_URL is set.
HOST = env("HOST", default="127.0.0.1:8000")
SITE_URL = env("SITE_URL", default=f"http://{HOST}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"weasyprint_screen_rules": {"()": "isoplan.log_filters.WeasyPrintScreenRules"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Once, through the root's handler: Django's own console handler (DEBUG only) printed
        # each of its lines a second time ("Not Found: …"); ADMINS is not used (no mail_admins).
        "django": {"handlers": []},
        "django.db.backends": {"level": "WARNING"},
        # The phone layout's rules, which the PDF ignores on purpose (isoplan/log_filters.py).
        "weasyprint": {"level": "WARNING", "filters": ["weasyprint_screen_rules"]},
        "fontTools": {"level": "WARNING"},
        # Logins, failed logins, lock-outs, session ends and refused accesses (isoplan.security).
        "isoplan.security": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
