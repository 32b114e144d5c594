"""Alliance Hub settings.

Every deployment choice is an environment variable read here and documented in the README
table. The defaults give the embedded, no-setup run: SQLite, in-memory channel layer,
local-memory cache, files on disk, email printed to the console.
"""

import secrets
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

PRODUCTION = env.bool("PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("PRODUCTION=1 requires SECRET_KEY in the environment.")
    # Embedded run: one key generated on first start and kept in a git-ignored file, so
    # sessions survive restarts without anyone having to configure anything.
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# WebSockets accept their own site's origin (scheme, host and port: core.origin) and these.
WEBSOCKET_ALLOWED_ORIGINS = env.list("WEBSOCKET_ALLOWED_ORIGINS", default=[])
QUICK_EXIT_URL = env.str("QUICK_EXIT_URL", default="https://www.google.com/search?q=weather")
# Optional machine suggestions for members' translations: a self-hosted LibreTranslate server
# (translations.machine). Refused unless it is on a private network, or explicitly allowed.
TRANSLATION_URL = env.str("TRANSLATION_URL", default="")
TRANSLATION_ALLOW_PUBLIC = env.bool("TRANSLATION_ALLOW_PUBLIC", default=False)
TRANSLATION_API_KEY = env.str("TRANSLATION_API_KEY", default="")
SITE_NAME = "Alliance Hub"
# Absolute address used in emails (invitation and decision links).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "accounts.apps.HubAdminConfig",  # django.contrib.admin with accounts.admin_site.HubAdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_filters",
    "csp",
    # Before allauth: accounts/templates overrides allauth's pages and layout.
    "core",
    "taxonomy",
    "accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "moderation",
    "forum",
    "resources",
    "chat",
    "notifications",
    "search",
    "translations",
    "bench",
    "django_tasks",
]

MIDDLEWARE = [
    "core.proxy.UntrustedForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.csrf.NullOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.body_limit.BodySizeLimitMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.TimeZoneMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.ThrottledUserSessionsMiddleware",
    "accounts.middleware.MembershipGateMiddleware",
    "core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
FORM_RENDERER = "core.forms.HubFormRenderer"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "core.context_processors.layout",
                "accounts.context_processors.access",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL=postgres://... in production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the chat and web requests read while a write is in progress.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    # Under ASGI every request runs its view in a thread of its own, so persistent connections
    # pile up (one per thread, kept for CONN_MAX_AGE): 8 concurrent clients held 86 of
    # PostgreSQL's 100 connections and requests failed with "too many clients". One connection
    # per request kept it at 9, with no loss of throughput (bench/README.md).
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # PostgreSQL's JIT compiler spends ~60 ms compiling a plan it misjudges as large
        # (page 1 of a 50,000-post thread took 62 ms instead of 2 ms): never worth it for a
        # web page's short queries (bench/README.md).
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
        # A pool per worker process: opening a connection costs PostgreSQL a process fork and
        # authentication, which made a logged-in page several times dearer than an anonymous
        # one (bench/README.md). The pool also bounds the connections a worker can hold.
        if env.bool("DB_POOL", default=True) and not DATABASES["default"]["CONN_MAX_AGE"]:
            DATABASES["default"]["OPTIONS"].setdefault(
                "pool", {"min_size": 2, "max_size": env.int("DB_POOL_SIZE", default=8), "timeout": 10}
            )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: when REDIS_URL is set, the cache and the channel layer are shared between all
# worker processes; without it everything stays inside the one process.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="hub")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py 8 reads with a 5 s socket timeout by default, the same 5 s that
            # channels-redis blocks in BZPOPMIN waiting for a message: an idle consumer then
            # dies with "Timeout reading from Redis" and its WebSocket closes. A longer
            # timeout keeps dead connections detectable (bench/README.md, fan-out).
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
                "prefix": f"{CACHE_KEY_PREFIX}:asgi",
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Seconds without a request after which a member is logged out (0 turns it off).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=60 * 60 * 12)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email login, mandatory verification, membership application as signup.
ACCOUNT_ADAPTER = "accounts.adapter.MembershipAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_FORMS = {"signup": "accounts.forms.ApplicationForm"}
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_PREVENT_ENUMERATION = True
# A code sent by email logs a member in without their password: the way in when the password
# form is throttled or the password is forgotten (a second factor is still asked for).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # "key" is the account and the address together (accounts.adapter): a stranger's failed
    # attempts never lock the owner out, who can also log in with an emailed code.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "accounts.adapter.MembershipMFAAdapter"
MFA_TOTP_ISSUER = SITE_NAME
USERSESSIONS_TRACK_ACTIVITY = True

# Email: console by default; EMAIL_URL=smtp+tls://user:pass@host:587 in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Alliance Hub <no-reply@alliance-hub.invalid>")

LANGUAGE_CODE = "en"
# The alliance's languages, each named in itself. Codes follow BCP 47 in lower case, as Django
# expects; their catalogues live under locale/<ll_Script_or_CC>/ (uz_Cyrl, fa_AF).
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("uz", "Oʻzbekcha"),
    ("uz-cyrl", "Ўзбекча"),
    ("tk", "Türkmençe"),
    ("fa-af", "دری"),
    ("ps", "پښتو"),
]
LANGUAGES_BIDI = ["fa", "ps"]
# Django knows Kazakh, Kyrgyz, Tajik, Turkmen, Latin Uzbek and Persian; add the rest so the
# {% get_language_info %} and the admin name them.
LANG_INFO.update(
    {
        "uz-cyrl": {"bidi": False, "code": "uz-cyrl", "name": "Uzbek (Cyrillic)", "name_local": "Ўзбекча"},
        "fa-af": {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری"},
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
    }
)
# Each app keeps its catalogue; listing them here puts the project's wording ahead of Django's and
# allauth's where both translate a message ("Email", "Filter"). The core apps come first.
# locale_upstream carries the Django and allauth strings their own catalogues lack for our languages.
CATALOGUE_APPS = (
    *("core", "taxonomy", "accounts", "moderation", "notifications", "search", "translations"),
    *("forum", "resources", "chat"),
)
LOCALE_PATHS = [
    BASE_DIR / "locale",
    *(BASE_DIR / app / "locale" for app in CATALOGUE_APPS),
    BASE_DIR / "locale_upstream",
]
# Date and number formats for the languages Django has none for (Kazakh, Pashto, Cyrillic Uzbek).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"
# Uploads live on the local filesystem (MEDIA_ROOT) by default. With MEDIA_S3_BUCKET they live in
# a bucket of S3-compatible object storage (django-storages), shared by every web and db_worker
# process on every machine. The bucket stays private: no ACL is set on any object, and the only
# addresses ever given out are signed ones valid for MEDIA_SIGNED_URL_SECONDS, after the same
# access check as a download from disk (core.files.serving).


def s3_media_storage(bucket: str, **options) -> dict:
    """The STORAGES entry of a private S3-compatible bucket (also used by the tests' local server)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            **options,
            "signature_version": "s3v4",
            # Private: no ACL on any object, every address signed, none on a public domain.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "custom_domain": None,
            # Names are random already; never replace an object another process just wrote.
            "file_overwrite": False,
        },
    }


MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE = s3_media_storage(
        MEDIA_S3_BUCKET,
        # Empty: Amazon S3 itself; otherwise e.g. https://minio.internal:9000 or a provider's.
        endpoint_url=env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
        region_name=env.str("MEDIA_S3_REGION", default="") or None,
        # Unset: boto3's usual chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an instance role).
        access_key=env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
        secret_key=env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
        # Keys under a folder, so one bucket can hold several sites.
        location=env.str("MEDIA_S3_PREFIX", default=""),
        # "path" for servers without a DNS name per bucket (MinIO, Garage, Ceph on one host).
        addressing_style=env.str("MEDIA_S3_ADDRESSING_STYLE", default="") or None,
    )
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
# Pictures and files in forum posts and chat messages (forum.attachments, chat): smaller than
# library files, since they are read in passing.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Large files arrive in pieces that survive a dropped connection (resources.partial_uploads);
# unfinished ones wait here, on the same volume as MEDIA_ROOT, until claimed or expired.
# Empty means MEDIA_ROOT/partial.
UPLOAD_PARTIAL_ROOT = env.str("UPLOAD_PARTIAL_ROOT", default="")
UPLOAD_CHUNK_BYTES = env.int("UPLOAD_CHUNK_BYTES", default=1024 * 1024)
UPLOAD_PARTIAL_HOURS = env.int("UPLOAD_PARTIAL_HOURS", default=24)
# Downloads are checked by the app, then optionally handed over: to nginx (X-Accel-Redirect
# to an internal location, library files on disk) or, with object storage, to a signed address
# of the bucket that expires after this many seconds (0: the app streams the bytes itself).
RESOURCES_X_ACCEL_PREFIX = env.str("RESOURCES_X_ACCEL_PREFIX", default="")
# Files on disk have no signed addresses: there the value is always 0.
MEDIA_SIGNED_URL_SECONDS = env.int("MEDIA_SIGNED_URL_SECONDS", default=60) if MEDIA_S3_BUCKET else 0

# Security headers. No third-party origin is ever allowed: every asset is served from here.
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
SECURE_CONTENT_TYPE_NOSNIFF = True
# No address, not even our own, leaves with a link: paths can name a thread or a member.
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# Addresses of our own reverse proxies, the only peers whose X-Forwarded-* headers count
# (core.proxy); uvicorn reads the same variable for --forwarded-allow-ips.
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"])
if env.bool("BEHIND_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = ["security.W008"] if not SECURE_SSL_REDIRECT else []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "django_tasks": {"level": "WARNING"}},
}

# Background tasks (emails, text extraction): run at once in the embedded default; with
# TASKS_BACKEND=database they are stored and run by `manage.py db_worker`.
if env.str("TASKS_BACKEND", default="immediate") == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=14)
# Hours a member's data archive can be downloaded before its file is deleted (accounts.export_delivery).
DATA_EXPORT_HOURS = env.int("DATA_EXPORT_HOURS", default=48)
