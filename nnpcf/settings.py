"""Settings for the NNPCF response drafting app.

Every value comes from the environment with a safe local default; the README lists
each variable. Without DATABASE_URL the app runs on a SQLite file in the project folder.
"""

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "local-development-only-key-never-used-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    # The API (responses/api/); listed so that its docs page is served with its own
    # copy of Swagger UI, from the static files, rather than from a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "responses",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "responses.middleware.SignedInPagesStayPrivateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "responses.middleware.RefuseOversizedRequestsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nnpcf.urls"
WSGI_APPLICATION = "nnpcf.wsgi.application"

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
                "responses.context_processors.navigation",
            ],
            "builtins": ["responses.templatetags.usertext"],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # Writers take the lock when their transaction starts and wait up to
                # 20 s for each other, instead of failing half-way with "database is
                # locked"; WAL lets readers go on while someone writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for an
# hour; other people at the same address (a forum's shared office) can still sign in.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Static files are served by runserver while DEBUG is on; WhiteNoise serves the
# collected ones in production.
WHITENOISE_AUTOREFRESH = DEBUG


def file_storages(environ: Mapping[str, str], *, debug: bool) -> dict[str, dict]:
    """Where the product keeps files, from the environment.

    Stored files (published PDFs, the PDF cache) go to an S3-compatible object store
    when STORAGE_BUCKET is set, so every app process on every machine sees the same
    ones; otherwise to the MEDIA_ROOT folder. Static files stay with WhiteNoise.
    """
    bucket = environ.get("STORAGE_BUCKET", "")
    if not bucket:
        stray = sorted(name for name in STORAGE_VARIABLES if environ.get(name))
        if stray:
            # Files written to a local folder while the rest of the set-up expects the
            # object store would be missing on every other machine.
            raise ImproperlyConfigured(f"{', '.join(stray)} set without STORAGE_BUCKET")
        default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    else:
        options = {
            "bucket_name": bucket,
            # A published version's PDF is never replaced; two renders of the same
            # draft each keep a name of their own, as on the local folder.
            "file_overwrite": False,
            # Files are served through the app's own views, which check who may see
            # them, never from the bucket's address.
            "default_acl": None,
            "querystring_auth": True,
        }
        for name, option in STORAGE_VARIABLES.items():
            if environ.get(name):
                options[option] = environ[name]
        if ("access_key" in options) != ("secret_key" in options):
            raise ImproperlyConfigured(
                "STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY go together "
                "(leave both out to use the machine's own AWS credentials)"
            )
        if options.get("addressing_style", "auto") not in {"auto", "path", "virtual"}:
            raise ImproperlyConfigured("STORAGE_ADDRESSING_STYLE must be auto, path or virtual")
        default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {
        "default": default,
        "staticfiles": {
            "BACKEND": (
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if debug
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            )
        },
    }


# The object store's optional variables and the S3 storage option each one sets.
STORAGE_VARIABLES = {
    "STORAGE_ENDPOINT_URL": "endpoint_url",
    "STORAGE_REGION": "region_name",
    "STORAGE_ACCESS_KEY_ID": "access_key",
    "STORAGE_SECRET_ACCESS_KEY": "secret_key",
    "STORAGE_ADDRESSING_STYLE": "addressing_style",
    "STORAGE_PREFIX": "location",
}
STORAGES = file_storages(os.environ, debug=DEBUG)

# Each PDF is made in a child process of its own (responses/pdf/aside.py), stopped when
# it runs longer or needs more memory than this.
PDF_RENDER_SECONDS = env_int("PDF_RENDER_SECONDS", 120)
PDF_RENDER_MEMORY = env_int("PDF_RENDER_MEMORY_MB", 2048) * 1024 * 1024
if PDF_RENDER_SECONDS < 1 or PDF_RENDER_MEMORY < 256 * 1024 * 1024:
    raise ImproperlyConfigured("PDF_RENDER_SECONDS must be at least 1, PDF_RENDER_MEMORY_MB 256")

# Each uploaded document is read in a child process of its own too (reading.read_aside):
# a small Word file can unpack to hundreds of megabytes of XML.
IMPORT_READ_SECONDS = env_int("IMPORT_READ_SECONDS", 20)
IMPORT_READ_MEMORY = env_int("IMPORT_READ_MEMORY_MB", 500) * 1024 * 1024
if IMPORT_READ_SECONDS < 1 or IMPORT_READ_MEMORY < 256 * 1024 * 1024:
    raise ImproperlyConfigured("IMPORT_READ_SECONDS must be at least 1, IMPORT_READ_MEMORY_MB 256")

# The largest request the app reads: the largest upload (a report of 20 MB) and the
# form around it. A larger one is answered with the product's own page, unread.
MAX_REQUEST_BYTES = 21 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: the console locally; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "NNPCF responses <noreply@localhost>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Content-Security-Policy: no inline script anywhere, nothing from other hosts.
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
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Production hardening: on by default whenever DEBUG is off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health probes come over plain http from inside (compose, a load balancer): a redirect
# to https would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Behind proxies the connecting address is the nearest proxy's, shared by everyone: the
# sign-in lockout must count the client's own address, which each proxy appends to
# X-Forwarded-For. Only the last TRUSTED_PROXY_COUNT hops are ours; whatever a client
# puts in the header itself stands to their left and is never taken for them.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_ORDER = "left-most"
    # ipware counts the proxies named in the header; the nearest one is not named
    # there (its address is REMOTE_ADDR).
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    # Strict checking would reject a header a client padded with made-up addresses
    # and fall back to the proxy's own address, locking out everyone behind it.
    IPWARE_STRICT = False
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
