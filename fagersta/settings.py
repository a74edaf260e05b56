"""Settings for Trygghetsnavet.

Everything that differs between machines comes from environment variables (or a `.env` file
next to manage.py); see README.md for the full list.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

from fagersta.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Production is served over HTTPS behind a reverse proxy; local runs and tests are not.
HTTPS = env.bool("HTTPS", default=not DEBUG)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "municipalities",
    "situations",
    "promises",
    "measures",
    "surveys",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fagersta.middleware.SlidingSessionMiddleware",
    "fagersta.middleware.ChosenLanguageMiddleware",
    "fagersta.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "municipalities.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "fagersta.conflicts.ConflictMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Must be last: it turns a lock-out raised during sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "fagersta.urls"
WSGI_APPLICATION = "fagersta.wsgi.application"

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
                "municipalities.context_processors.memberships",
            ],
            "libraries": {
                "charts": "fagersta.templatetags.charts",
                "fields": "fagersta.templatetags.fields",
                "pages": "fagersta.templatetags.pages",
            },
            # Dates and numbers are written one way everywhere, without a {% load %} to forget.
            "builtins": ["fagersta.templatetags.formats"],
        },
    },
]

# The embedded default is a SQLite file, set up (WAL, busy timeout) for a few users at once.
DATABASES = {
    "default": database_settings(
        env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
# Connections are reused between requests and checked before use, so a database restart
# costs one reconnect instead of failing the next requests.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis outage degrades to cache misses instead of failing the page.
            "BACKEND": "fagersta.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Rendered pages are cached per municipality, role, language and page: more entries than
    # the default 300 of a process's own cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Whether every process sees the same cache. Answers that sign-in security depends on are
# cached only then (municipalities.two_factor).
CACHE_SHARED = bool(REDIS_URL)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling: after AXES_FAILURE_LIMIT failures for one user name from one address the
# pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The lock-out counts per client address, resolved like every other use of it.
AXES_CLIENT_IP_CALLABLE = "fagersta.client.client_address"

# Reverse proxies in front of the service that append to X-Forwarded-For (fagersta.client).
# 0: reached directly, the header is ignored. Never more than really are in front: each extra
# one lets a client choose its own address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication (TOTP app, with recovery codes) is available to everyone and
# required for these roles when TWO_FACTOR_REQUIRED is on (default: on unless DEBUG).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
TWO_FACTOR_ROLES = ["coordinator", "politician"]
OTP_TOTP_ISSUER = "Trygghetsnavet"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a period without activity; activity renews them (at most once a minute,
# see fagersta.middleware.SlidingSessionMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 2)

# Internationalisation: the source strings are Swedish, the primary language of the service;
# English catalogues live in each app's locale/en directory.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Files only members may see (photos from safety walks); no URL maps to this directory.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
# Production serves hashed, compressed files collected by `collectstatic`; development and
# tests serve straight from static/.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="trygghetsnavet@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the service, for links in e-mails (which have no request to build them from).
SITE_URL = env("SITE_URL", default="").rstrip("/")

# Celery: with no broker configured, tasks run eagerly inside the web process (embedded mode).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message whose worker died unacknowledged is handed out again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    # A broker that is down must not hold a request for long: the outbox row keeps the work.
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=2.0),
}
CELERY_TIMEZONE = TIME_ZONE
# Every periodic job of the service is declared here, in one place.
CELERY_BEAT_SCHEDULE: dict = {
    "municipalities-sweep-outbox": {
        "task": "municipalities.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "reports-fail-stuck-jobs": {
        "task": "reports.tasks.fail_stuck_report_jobs",
        "schedule": 30.0,
    },
    "situations-create-upcoming-periods": {
        "task": "situations.tasks.create_upcoming_periods",
        "schedule": crontab(hour=2, minute=15),
    },
    "situations-close-finished-periods": {
        "task": "situations.tasks.close_finished_periods",
        "schedule": crontab(hour=2, minute=20),
    },
    "situations-send-report-reminders": {
        "task": "situations.tasks.send_report_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "promises-activate-started": {
        "task": "promises.tasks.activate_started_promises",
        "schedule": crontab(hour=0, minute=10),
    },
    "measures-calendar-reminders": {
        "task": "measures.tasks.send_calendar_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "surveys-flag-overdue-findings": {
        "task": "surveys.tasks.flag_overdue_findings",
        "schedule": crontab(hour=6, minute=45),
    },
}

# The e-mail outbox: a failed e-mail is tried again after EMAIL_RETRY_SECONDS, three times
# longer after each failure, up to EMAIL_MAX_ATTEMPTS tries; one claimed by a worker that then
# went quiet for EMAIL_SENDING_STALE_SECONDS is taken over.
EMAIL_RETRY_SECONDS = env.int("EMAIL_RETRY_SECONDS", default=60)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=6)
EMAIL_SENDING_STALE_SECONDS = env.int("EMAIL_SENDING_STALE_SECONDS", default=300)

# Annual report jobs. A running job beats every REPORT_JOB_HEARTBEAT_SECONDS; one whose heartbeat
# is older than REPORT_JOB_STALE_SECONDS lost its worker, and the periodic check (every 30 s)
# queues it for another worker, or fails it after REPORT_JOB_MAX_ATTEMPTS. A queued job nobody
# started in REPORT_JOB_STUCK_MINUTES is failed. REPORT_JOB_STEP_DELAY (seconds) slows every
# step, for tests only.
REPORT_JOB_HEARTBEAT_SECONDS = env.float("REPORT_JOB_HEARTBEAT_SECONDS", default=10.0)
REPORT_JOB_STALE_SECONDS = env.int("REPORT_JOB_STALE_SECONDS", default=60)
REPORT_JOB_STUCK_MINUTES = env.int("REPORT_JOB_STUCK_MINUTES", default=30)
REPORT_JOB_MAX_ATTEMPTS = env.int("REPORT_JOB_MAX_ATTEMPTS", default=3)
REPORT_JOB_STEP_DELAY = env.float("REPORT_JOB_STEP_DELAY", default=0.0)

# Safety walks and surveys
# Map tiles for the map of findings, e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
# empty shows the findings on a blank map and in the table. Add the tile host to CSP_IMG_EXTRA.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")
SURVEYS_PHOTO_MAX_BYTES = env.int("SURVEYS_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
# Default number of days before an open finding is flagged; each municipality may change it.
SURVEYS_FINDING_OVERDUE_DAYS = env.int("SURVEYS_FINDING_OVERDUE_DAYS", default=30)
# Public survey answers per client and survey within the window (kept only in the cache).
SURVEYS_RATE_LIMIT = env.int("SURVEYS_RATE_LIMIT", default=5)
SURVEYS_RATE_WINDOW = env.int("SURVEYS_RATE_WINDOW", default=60 * 60)

# Request bodies. The form fields of one request (files not counted) may hold at most
# DATA_UPLOAD_MAX_BYTES bytes in at most DATA_UPLOAD_MAX_FIELDS fields, or the request is
# answered 400; the whole body, files included, at most REQUEST_MAX_BYTES, or it is answered
# 413 before any of it is read. The longest form (the annual report's texts) needs a few
# hundred kilobytes, a photo SURVEYS_PHOTO_MAX_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_BYTES", default=1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_FIELDS", default=2000)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
REQUEST_MAX_BYTES = env.int(
    "REQUEST_MAX_BYTES", default=SURVEYS_PHOTO_MAX_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE
)

# Security headers. A strict Content Security Policy: every script and stylesheet is served
# from static/, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.list("CSP_IMG_EXTRA", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_PROXY", default=HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Nothing is logged about requests to the public survey (fagersta.access_log).
    "filters": {"private_paths": {"()": "fagersta.access_log.SkipUnloggedPaths"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["private_paths"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
