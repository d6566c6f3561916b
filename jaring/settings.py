"""Django settings, read from environment variables; every variable is documented in .env.example."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from jaring.lib.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# A local .env (written by `make run`; JARING_ENV_FILE names another) fills in what the real
# environment leaves unset.
load_dotenv(os.environ.get("JARING_ENV_FILE", BASE_DIR / ".env"), override=False)

DEBUG = env_bool("DEBUG", False)

# A development server without a configured key gets a fresh one per process: sessions end at
# restart, which is acceptable locally and keeps every key out of the code.
SECRET_KEY = env_str("SECRET_KEY", secrets.token_urlsafe(50) if DEBUG else None)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "jaring.regions",
    "jaring.accounts",
    "jaring.jobs",
    "jaring.registry",
    "jaring.persons",
    "jaring.bpjs",
    "jaring.linkage",
    "jaring.programs",
    "jaring.billing",
    "jaring.claims",
    "jaring.coverage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jaring.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jaring.middleware.PasswordChangeRequiredMiddleware",
    "jaring.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jaring.urls"
WSGI_APPLICATION = "jaring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jaring" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jaring.accounts.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "jaring.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")
if f"sqlite:///{DEFAULT_SQLITE_PATH}" == DATABASE_URL:
    DEFAULT_SQLITE_PATH.parent.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "jaring" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "jaring" / "static"]
# Only needed by `jaring collectstatic` for a separate web server; WhiteNoise serves from the apps.
STATIC_ROOT = env_str("STATIC_ROOT", "") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve vendored files straight from the apps, so a small deployment needs no collectstatic step.
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own console handler would print every message the root handler prints again.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}

# Worker-list imports.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 256 * 1024 * 1024)
# A full Excel sheet (1,048,576 rows) is refused; a million data rows with title rows above them fit.
IMPORT_MAX_ROWS_PER_SHEET = env_int("IMPORT_MAX_ROWS_PER_SHEET", 1_040_000)
# Ages outside this range on the reference date get a warning at import; rows are kept, because each
# program decides who is eligible by age (DOMAIN.md: unconfirmed BPJS limit, configurable).
ELIGIBLE_MIN_AGE = env_int("ELIGIBLE_MIN_AGE", 15)
ELIGIBLE_MAX_AGE = env_int("ELIGIBLE_MAX_AGE", 65)
# The kabupaten/kota a command works on when it is not given --region (e.g. 35.73).
DEFAULT_REGION_CODE = env_str("DEFAULT_REGION_CODE", "")

# Background jobs (django-tasks). `make run` starts `jaring db_worker` beside the web server; the
# "database" alias always exists so a worker can be pointed at it whatever the default is.
TASKS = {
    "default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Linkage thresholds on the match probability: at or above UPPER rows are linked automatically;
# between LOWER and UPPER the pair waits for a person in the review queue.
LINKAGE_UPPER = env_float("LINKAGE_UPPER", 0.97)
LINKAGE_LOWER = env_float("LINKAGE_LOWER", 0.5)
# A submission whose rows are more than this share duplicates of existing persons waits for an
# administrator before it is linked.
LINKAGE_CIRCUIT_BREAKER_SHARE = env_float("LINKAGE_CIRCUIT_BREAKER_SHARE", 0.3)
# DuckDB's memory for linking (it spills to disk beyond this), e.g. 2GB.
LINKAGE_DUCKDB_MEMORY = env_str("LINKAGE_DUCKDB_MEMORY", "") or "2GB"
# Where Splink runs: "duckdb" on this machine (Spark, for a province that outgrows one, is the seam in
# jaring/core/linkage/database.py and not available yet).
LINKAGE_BACKEND = env_str("LINKAGE_BACKEND", "") or "duckdb"

# Jobs outlive their worker: a running job's worker writes a heartbeat every JOBS_HEARTBEAT_SECONDS
# (0: none); a job whose heartbeat is older than JOBS_LEASE_SECONDS, or whose worker process on this
# machine is gone, runs again until it has been tried JOBS_MAX_ATTEMPTS times, then fails with a message.
JOBS_HEARTBEAT_SECONDS = env_int("JOBS_HEARTBEAT_SECONDS", 15)
JOBS_LEASE_SECONDS = env_int("JOBS_LEASE_SECONDS", 120)
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 2)
