"""Django settings for Stevig. Every value that differs per installation comes from the environment;
see the table "Instellingen" in README.md."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from stevig.core.env import env_bool, env_choice, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent

DEBUG = env_bool("STEVIG_DEBUG", False)
DEMO = env_bool("STEVIG_DEMO", False)
# Outside debug and demo a secret key must be given explicitly.
SECRET_KEY = env_str("STEVIG_SECRET_KEY", "insecure-development-key" if (DEBUG or DEMO) else None)
ALLOWED_HOSTS = env_list("STEVIG_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("STEVIG_CSRF_TRUSTED_ORIGINS", [])
# The access log's hash chain is keyed (HMAC-SHA256) with a key that lives outside the database, so whoever
# can write the database cannot re-hash the chain. Without it the key is derived from SECRET_KEY and the
# deploy check warns (stevig.W001): production sets its own and keeps it as long as the log is kept.
ACCESS_LOG_KEY_IS_SET = bool(os.environ.get("STEVIG_ACCESS_LOG_KEY"))
ACCESS_LOG_KEY = env_str("STEVIG_ACCESS_LOG_KEY", "") or f"derived-from-secret-key:{SECRET_KEY}"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "stevig.core",
    "stevig.tenancy",
    "stevig.accounts",
    "stevig.audit",
    "stevig.people",
    "stevig.brp",
    "stevig.legalcalendar",
    "stevig.intake",
    "stevig.trajectories",
    "stevig.analysis",
    "stevig.plans",
    "stevig.socialmap",
    "stevig.decisions",
    "stevig.istandaarden",
    "stevig.mandates",
    "stevig.datasharing",
    "stevig.safety",
    "stevig.signalering",
    "stevig.transitions",
    "stevig.retention",
    "stevig.patterns",
    "stevig.selfassessment",
    "stevig.portal",
    "stevig.demo",
    "stevig.web",
    # DigiD for Mijn Stevig (django-digid-eherkenning): its configuration singleton (django-solo), the
    # certificates (django-simple-certmanager) and the metadata file in private storage (django-privates).
    # After Stevig's apps: the portal's templates replace the package's mock pages (strict CSP).
    "solo",
    "privates",
    "simple_certmanager",
    "digid_eherkenning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stevig.core.middleware.NoStoreMiddleware",
    "stevig.core.middleware.ApiVersionMiddleware",
    "stevig.core.middleware.ApiMethodMiddleware",
    "csp.middleware.CSPMiddleware",
    "stevig.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stevig.core.middleware.AbsoluteSessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stevig.urls"
# One form layer: every field of every app through one template (see stevig/web/forms.py).
FORM_RENDERER = "stevig.web.forms.FormRenderer"
WSGI_APPLICATION = "stevig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' templates: /beheer/ (Django admin) in the look of Stevig (web/admin_templates).
        "DIRS": [SRC_DIR / "web" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stevig.web.context_processors.navigation",
                "stevig.web.context_processors.site",
            ],
            # The one date format (|datum, |datum_tijd) and the form tags in every template.
            "builtins": ["stevig.web.templatetags.stevig_ui"],
        },
    }
]

# SQLite (WAL) is the embedded default so `make run` needs no server; PostgreSQL in production.
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("STEVIG_SQLITE_PATH", str(BASE_DIR / "stevig.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of failing
                # half-way with "database is locked" when they upgrade a read lock.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
# Optional read replica for figures and reports (stevig.core.db_router); tests mirror the primary.
_replica_url = env_str("STEVIG_REPLICA_DATABASE_URL", "")
if _replica_url:
    DATABASES["replica"] = {
        **dj_database_url.parse(_replica_url, conn_max_age=60),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["stevig.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "stevig.accounts.passwords.GuessablePasswordValidator"},
]
# Mail: only the one-time link to set one's password and app again after functioneel beheer reset it.
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if (DEBUG or DEMO)
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("STEVIG_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("STEVIG_EMAIL_PORT", 25, minimum=1)
EMAIL_USE_TLS = env_bool("STEVIG_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("STEVIG_EMAIL_FROM", "stevig@localhost")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"

# Idle timeout: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("STEVIG_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("STEVIG_SECURE_COOKIES", not (DEBUG or DEMO))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
# The __Host- prefix makes the browser refuse the cookie unless it is Secure, for this exact host and
# path /: a neighbouring subdomain cannot plant or overwrite it. Browsers refuse it over plain HTTP, so
# the demo (without HTTPS) keeps plain names.
SESSION_COOKIE_NAME = "__Host-stevig-sessie" if SECURE_COOKIES else "stevig-sessie"
CSRF_COOKIE_NAME = "__Host-stevig-csrf" if SECURE_COOKIES else "stevig-csrf"
# Absolute lifetime beside the idle one: after this many seconds since login, log in again.
SESSION_MAX_SECONDS = env_int("STEVIG_SESSION_MAX_SECONDS", 10 * 60 * 60, minimum=300)
# HTTPS only: redirect plain HTTP (except the health probes of the orchestrator) and tell browsers with HSTS
# never to try HTTP again for a year.
SECURE_SSL_REDIRECT = env_bool("STEVIG_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^ready$"]
SECURE_HSTS_SECONDS = env_int("STEVIG_HSTS_SECONDS", 31_536_000 if SECURE_COOKIES else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("STEVIG_HSTS_SUBDOMAINS", True)
# Preloading is a decision for the owner of the registrable domain (gemeente.nl), not for one application
# on a subdomain; Stevig does not ask for it, so the deploy check about it is silenced on purpose.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy: scripts, styles, fonts and images only from Stevig's own static files; no inline
# script or style, no eval, no framing, forms only to Stevig. An injected <script> does not run.
# (The templates keep to this: `stevig.core.tests.test_headers` fails on an inline script, style or handler.)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Failed logins: after this many failures the username/address pair is locked for the cool-off.
AXES_FAILURE_LIMIT = env_int("STEVIG_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("STEVIG_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
# Per account and, separately, per address: spreading guesses over addresses or over accounts both lock.
# The address is the caller's as Stevig sees it behind STEVIG_TRUSTED_PROXY_COUNT proxies.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "stevig.core.context.lockout_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Stevig"

# Requests larger than this are refused with 413 before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("STEVIG_MAX_REQUEST_BYTES", 1_000_000, minimum=10_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_node = BASE_DIR / "node_modules"
# NL Design System CSS and htmx are served straight from node_modules: no front-end build step.
STATICFILES_DIRS = [
    ("vendor/utrecht", _node / "@utrecht/component-library-css/dist"),
    ("vendor/voorbeeld", _node / "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
    ("vendor/htmx", _node / "htmx.org/dist"),
    # One typeface, served locally: Noto Sans (the voorbeeld theme's font token), licence OFL-1.1.
    ("vendor/noto-sans", _node / "@fontsource/noto-sans"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or DEMO

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "stevig.core.api_auth.ApiTokenAuthentication",
        "stevig.core.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["stevig.core.api_auth.IsStaffMember"],
    "DEFAULT_PAGINATION_CLASS": "stevig.core.pagination.NoCountPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "stevig.core.schema.StevigAutoSchema",
    "EXCEPTION_HANDLER": "stevig.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "stevig.core.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_RATES": {"public_question": env_str("STEVIG_PUBLIC_RATE", "10/hour")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Stevig API",
    "DESCRIPTION": "REST API van Stevig, werkplek voor toegang en lokale teams. Authenticatie met "
    "`Authorization: Token <token>` voor systemen, of de sessie van de webapplicatie.",
    # Semantic version of the API contract; every API response carries it in `API-Version` (NLGov API
    # Design Rules /core/version-header). Major version in the path (/api/v1/), full version here.
    "VERSION": API_VERSION,
    "CONTACT": {"name": "Stevig-bijdragers", "url": "https://example.org/stevig/stevig"},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://interoperable-europe.ec.europa.eu/collection/eupl"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Only the slashless API paths (stevig.core.api_paths); errors as RFC 9457 problem documents.
    "PREPROCESSING_HOOKS": ["stevig.core.api_paths.drop_slash_aliases"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "stevig.core.schema.problem_components",
        "stevig.core.schema.api_links",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        # datasharing: the subject request's "status" and "channel" appear in two components (the request and
        # its detail with the rectifications); named once so the names stay as they were.
        "SubjectStatusEnum": "stevig.datasharing.models.RequestStatus",
        "SubjectChannelEnum": "stevig.datasharing.models.RequestChannel",
        # retention: "law" of a destruction request (Jeugdwet/Wmo) differs from other apps' "law".
        "DestructionRequestLawEnum": "stevig.retention.models.RequestLaw",
        # iWmo/iJw and BRP: "status", "direction", "standard" and "kind" are used by other apps too.
        "AllocationStatusEnum": "stevig.istandaarden.models.AllocationStatus",
        "MessageStatusEnum": "stevig.istandaarden.models.MessageStatus",
        "MessageDirectionEnum": "stevig.istandaarden.models.Direction",
        "MessageStandardEnum": "stevig.istandaarden.models.Standard",
        "BrpDifferenceKindEnum": "stevig.brp.api.serializers.DIFFERENCE_KINDS",
        # trajectories: several apps have a field called "kind"/"phase" with different choices.
        "TrajectoryPhaseEnum": "stevig.trajectories.models.Phase",
        # safety: "outcome", "source" and "status" are used by other apps with other choices.
        "SafetyOutcomeEnum": "stevig.safety.meldcode.Outcome",
        "SafetySourceEnum": "stevig.safety.models.Source",
        "SafetyStatusEnum": "stevig.safety.models.Status",
        # selfassessment: "status" of a round and of an improvement action.
        "SelfAssessmentRoundStatusEnum": "stevig.selfassessment.models.RoundStatus",
        "SelfAssessmentActionStatusEnum": "stevig.selfassessment.models.ActionStatus",
        "SelfAssessmentGroupEnum": "stevig.selfassessment.models.Group",
        "QuarterlyReportStatusEnum": "stevig.selfassessment.models.ReportStatus",
        "BasicHelpKindEnum": "stevig.trajectories.models.HelpKind",
        "ContactKindEnum": "stevig.trajectories.models.ContactKind",
        "ConsultationKindEnum": "stevig.trajectories.models.ConsultationKind",
        "CadenceUnitEnum": "stevig.trajectories.models.CadenceUnit",
        # "status": the intake question's and the mandate request's choice sets differ.
        "QuestionStatusEnum": "stevig.intake.models.Status",
        "MandateRequestStatusEnum": "stevig.mandates.models.Status",
        # intake: "kind" and "channel" are also used by other apps with other choices.
        "QuestionKindEnum": "stevig.intake.models.Kind",
        "QuestionChannelEnum": "stevig.intake.models.Channel",
        "FirstContactChannelEnum": "stevig.intake.models.FirstContact.ContactChannel",
        # analysis / plans / social map: "domain(s)", "outcome" and "kind" are used elsewhere too.
        "LifeDomainEnum": "stevig.analysis.models.Domain",
        "ReferralOutcomeEnum": "stevig.socialmap.models.Outcome",
        "FacilityKindEnum": "stevig.socialmap.models.FacilityKind",
        # signalering: the answer's "status" and "category" of a bottleneck.
        "SignalStatusEnum": "stevig.signalering.models.Status",
        "SignalCategoryEnum": "stevig.signalering.models.Category",
        # decisions: the outcome of a decision and the kind of legal remedy.
        "DecisionOutcomeEnum": "stevig.decisions.models.Outcome",
        "RemedyKindEnum": "stevig.decisions.models.RemedyKind",
        # datasharing: the catalogue lists grounds and recipient kinds under other field names.
        "LegalBasisEnum": "stevig.datasharing.models.LegalBasis",
        "RecipientKindEnum": "stevig.datasharing.models.RecipientKind",
    },
}

# With several app processes the cache (public rate limit, sessions) must be shared: Redis when
# STEVIG_REDIS_URL (or a platform's CACHE_URL with a redis:// address) is set, Django's built-in
# RedisCache on redis-py. Without it, each process keeps its own memory cache and sessions live in the
# database.
_CACHE_URL = env_str("CACHE_URL", "")
REDIS_URL = env_str("STEVIG_REDIS_URL", "") or (
    _CACHE_URL if _CACHE_URL.startswith(("redis://", "rediss://", "unix://")) else ""
)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stevig",
        }
    }
    # Sessions live only in Redis: with SESSION_SAVE_EVERY_REQUEST (idle timeout) a database-backed
    # session would cost one write per request. compose.yaml runs Redis with an append-only file.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (see stevig.core.tasks): "database" queues jobs in the database for `manage.py db_worker`;
# "immediate" runs them at once in the request (small installations without a worker process).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[env_choice("STEVIG_TASKS_BACKEND", "database", list(_TASK_BACKENDS))],
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("STEVIG_LOG_LEVEL", "WARNING")},
}

# Intake: the team's own norm for planning a first contact (working days; a service norm, not a legal term),
# the team (by name) for questions whose neighbourhood is unknown (empty: the first team by name), and the
# municipality (CBS code) the public pages serve without ?gemeente= (empty: the first municipality by code).
FIRST_CONTACT_WORKING_DAYS = env_int("STEVIG_FIRST_CONTACT_WORKING_DAYS", 5, minimum=1)
# 16-27: young people with youth help appear on the worklist this many months before turning 18 (at least 6).
TRANSITION_MONTHS = env_int("STEVIG_TRANSITION_MONTHS", 12, minimum=6)
INTAKE_FALLBACK_TEAM = env_str("STEVIG_INTAKE_FALLBACK_TEAM", "")
PUBLIC_MUNICIPALITY = env_str("STEVIG_PUBLIC_MUNICIPALITY", "").strip().upper()
# Mijn Stevig logs residents in with DigiD through django-digid-eherkenning (stevig.portal.digid). The demo,
# development and the tests use the package's mock identity provider (a page where you type a fictitious
# BSN); production uses SAML with Logius, configured in /beheer/ (DigiD-configuratie: metadata, certificate,
# entity id). The mock is refused outside the demo and development: it would let anyone be anyone.
DIGID_MOCK = env_bool("STEVIG_DIGID_MOCK", DEBUG or DEMO)
if DIGID_MOCK and not (DEBUG or DEMO):
    raise ImproperlyConfigured(
        "STEVIG_DIGID_MOCK=1 is only for the demo (STEVIG_DEMO=1) or development (STEVIG_DEBUG=1): "
        "the mock lets anyone log in as any BSN. Configure the real DigiD in /beheer/ instead."
    )
DIGID_MOCK_APP_TITLE = "Mijn Stevig"
DIGID_MOCK_RETURN_URL = "portal:home"
DIGID_MOCK_CANCEL_URL = "portal:home"
# DigiD's norm for the session after a DigiD login (DigiD-checklist: at most 15 minutes without activity).
DIGID_SESSION_AGE = env_int("STEVIG_DIGID_SESSION_SECONDS", 15 * 60, minimum=60)
# The IdP metadata and the SAML certificates' keys live outside the database and outside the static files.
PRIVATE_MEDIA_ROOT = env_str("STEVIG_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))
PRIVATE_MEDIA_URL = "/beheer/private-media/"
SENDFILE_BACKEND = "django_sendfile.backends.simple"
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT

# The municipality's look is one setting: a CSS file of design tokens (static path), plus its logo.
THEME_CSS = env_str("STEVIG_THEME_CSS", "web/themes/voorbeeld.css")
THEME_LOGO = env_str("STEVIG_THEME_LOGO", "web/logo-stevigdam.svg")

# Number of reverse proxies in front of Stevig that set X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("STEVIG_TRUSTED_PROXY_COUNT", 0, minimum=0)
if TRUSTED_PROXY_COUNT:
    # The TLS-terminating proxy says whether the browser used HTTPS (for the redirect and secure cookies).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# BRP API Personen (Haal Centraal): the /personen endpoint, its API key (header X-API-KEY) and the client
# certificate for mutual TLS. Without a URL, the built-in test BRP with fictitious persons answers when
# STEVIG_BRP_MOCK is on (its default without a URL); it is then also served at /mock-brp/personen.
BRP_URL = env_str("STEVIG_BRP_URL", "").strip()
BRP_API_KEY = env_str("STEVIG_BRP_API_KEY", "")
BRP_CERT = env_str("STEVIG_BRP_CERT", "")
BRP_CERT_KEY = env_str("STEVIG_BRP_CERT_KEY", "")
BRP_TIMEOUT_SECONDS = env_int("STEVIG_BRP_TIMEOUT_SECONDS", 10, minimum=1)
BRP_MOCK = env_bool("STEVIG_BRP_MOCK", not BRP_URL)
# iWmo/iJw folder mode (manage.py stevig_berichten_map): in/ for received, uit/<AGB>/ for outgoing messages.
BERICHTEN_MAP = env_str("STEVIG_BERICHTEN_MAP", "")

# Staff login through the municipality's OpenID Connect provider (mozilla-django-oidc; stevig.accounts.oidc).
# Off unless issuer, client and the provider's endpoints are all given: then /oidc/ is mounted and the login
# page offers it. Staff are matched to EXISTING accounts (never created, roles never taken from the token);
# the ID token's signature (JWKS), issuer, audience, expiry and nonce are checked. The provider does the
# second factor: with STEVIG_OIDC_REQUIRED_AMR (default "mfa") the token's `amr` must name it.
OIDC_OP_ISSUER = env_str("STEVIG_OIDC_ISSUER", "").strip()
OIDC_RP_CLIENT_ID = env_str("STEVIG_OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = env_str("STEVIG_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("STEVIG_OIDC_AUTHORIZATION_ENDPOINT", "").strip()
OIDC_OP_TOKEN_ENDPOINT = env_str("STEVIG_OIDC_TOKEN_ENDPOINT", "").strip()
OIDC_OP_USER_ENDPOINT = env_str("STEVIG_OIDC_USERINFO_ENDPOINT", "").strip()
OIDC_OP_JWKS_ENDPOINT = env_str("STEVIG_OIDC_JWKS_ENDPOINT", "").strip()
OIDC_RP_SIGN_ALGO = env_choice(
    "STEVIG_OIDC_SIGN_ALGO", "RS256", ["RS256", "RS384", "RS512", "ES256", "ES384"]
)
OIDC_RP_SCOPES = env_str("STEVIG_OIDC_SCOPES", "openid email profile")
OIDC_MATCH = env_choice("STEVIG_OIDC_MATCH", "email", ["email", "username"])
OIDC_REQUIRED_AMR = env_str("STEVIG_OIDC_REQUIRED_AMR", "mfa").strip()
OIDC_TIMEOUT = env_int("STEVIG_OIDC_TIMEOUT_SECONDS", 10, minimum=1)
OIDC_ENABLED = all(
    (
        OIDC_OP_ISSUER,
        OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    )
)
OIDC_CREATE_USER = False
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_REDIRECT_ALLOWED_HOSTS: list[str] = []
OIDC_AUTHENTICATION_BACKEND = "stevig.accounts.oidc.StaffOIDCBackend"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, OIDC_AUTHENTICATION_BACKEND]
