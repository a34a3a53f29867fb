"""Staff accounts. Residents have no account: they ask questions on public pages."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class Role(models.TextChoices):
    WORKER = "medewerker", _("medewerker lokaal team / toegang")
    COORDINATOR = "coordinator", _("coördinator")
    TEAM_LEAD = "teamleider", _("teamleider")
    DEPARTMENT = "vakafdeling", _("vakafdeling")
    POLICY = "beleid", _("beleidsmedewerker")
    ADMIN = "beheer", _("functioneel beheerder")
    PRIVACY = "privacy", _("privacy officer")


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp's Device is untyped
    """A staff member of one municipality with exactly one role.

    Roles are checked on the server by the selectors; the UI only hides what the server denies anyway.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("gemeente"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    team = models.ForeignKey(
        "tenancy.Team",
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("team"),
    )
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("vakafdeling"),
    )
    expertise = models.ManyToManyField(
        "tenancy.ExpertiseTag", blank=True, related_name="staff", verbose_name=_("expertise")
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="") | models.Q(municipality__isnull=False),
                name="staff_role_needs_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_staff_member(self) -> bool:
        """A working account: active, with a municipality and a role."""
        return bool(self.is_active and self.municipality_id and self.role)


class EnrolmentToken(models.Model):
    """A one-time link with which a staff member sets their own password and authenticator app after
    functioneel beheer reset their access. Only its SHA-256 is stored; the link goes to the member's own
    e-mail address, so beheer never sees a password, a key or the link."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class ApiToken(models.Model):
    """A key for the REST API (`Authorization: Token stv_...`). Only its SHA-256 is stored; the key is shown
    once, when made. It belongs to a person, or to a named external system (`system`) that acts through a
    staff account; it expires and can be revoked by its owner and by functioneel beheer. Every access-log
    row written with it names it (see `log_label`)."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("eigenaar")
    )
    name = models.CharField(_("naam"), max_length=100)
    system = models.CharField(
        _("systeem"),
        max_length=100,
        blank=True,
        help_text=_("Naam van het systeem dat de sleutel gebruikt, als het geen persoon is."),
    )
    prefix = models.CharField(_("begin van de sleutel"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.system or self.name} ({self.prefix}…)"

    @property
    def log_label(self) -> str:
        """How the access log names the key: the system (or the key's name) and the start of the key."""
        return f"sleutel «{(self.system or self.name)[:40]}» {self.prefix}"


class IdentityProviderDevice(Device):
    """The second factor of a staff member who logged in through the municipality's OpenID Connect
    provider: that provider did the multi-factor step (its `amr` claim says so, see
    `settings.OIDC_REQUIRED_AMR`), so Stevig asks no TOTP code of its own. django-otp marks a session
    verified by the device it keeps in the session; this device is that marker. It accepts no code."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="identity_provider_devices", verbose_name=_("medewerker")
    )
    issuer = models.CharField(_("identity provider"), max_length=255)

    class Meta(Device.Meta):
        verbose_name = _("inlog via de identity provider")
        verbose_name_plural = _("inlog via de identity provider")

    def verify_token(self, token: object) -> bool:
        return False
