"""The Django admin (/beheer/) for functioneel beheer: staff accounts of their own municipality.

The admin has no login of its own: it sends people to Stevig's two-step login. Only a verified
functioneel beheerder (role `beheer`) or a superuser may use it; anyone else who is logged in gets 403.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stevig.accounts import services
from stevig.accounts.admin_scope import MunicipalityScopedAdmin, is_scoped, is_verified, may_use_admin
from stevig.accounts.models import ApiToken, User
from stevig.core.context import actor_from_request

# What decides what an account may see. Nobody changes these on their own account in /beheer/.
SELF_LOCKED_FIELDS = ("username", "role", "team", "department", "expertise", "is_active", "email")


class NewMemberForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new account without a password: the member sets it, and the app, through the enrolment link."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Replaces the admin's own login form: log in with both factors in Stevig first."""
    if is_verified(request):
        # Logged in, but not as functioneel beheer.
        raise PermissionDenied
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect_to_login(next_url, reverse("accounts:login"))


admin.site.login = admin_login  # type: ignore[method-assign,assignment]
admin.site.has_permission = may_use_admin  # type: ignore[method-assign]
admin.site.site_header = _("Stevig: inrichting")
admin.site.site_title = _("Stevig inrichting")
admin.site.index_title = _("Inrichting van uw gemeente")
admin.site.site_url = "/"


@admin.register(User)
class UserAdmin(MunicipalityScopedAdmin, DjangoUserAdmin):  # type: ignore[misc]
    form = DjangoUserAdmin.form
    add_form = NewMemberForm
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email")}),)
    list_display = ("username", "first_name", "last_name", "role", "team", "department", "is_active")
    list_filter = ("role", "is_active")
    list_select_related = ("team", "department")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    actions = ["reset_access"]
    # Checkboxes, not the admin's filter widget (its icons carry an aria-label that axe refuses).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    _work_fields = ("role", "team", "department", "expertise")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return super().get_fieldsets(request, obj)
        fieldsets: list[Any] = [
            # A beheerder sets no passwords: "toegang opnieuw instellen" sends the member an enrolment link.
            (None, {"fields": ("username",) if is_scoped(request) else ("username", "password")}),
            (_("Persoonlijk"), {"fields": ("first_name", "last_name", "email")}),
            (_("Werk"), {"fields": (*([] if is_scoped(request) else ["municipality"]), *self._work_fields)}),
            (_("Toegang"), {"fields": ("is_active", "last_login", "date_joined")}),
        ]
        if not is_scoped(request):
            fieldsets[3] = (
                _("Toegang"),
                {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")},
            )
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.pk == request.user.pk:
            # No one widens their own access: another beheerder (or a superuser) has to do it.
            return ("last_login", "date_joined", *SELF_LOCKED_FIELDS)
        return ("last_login", "date_joined")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        if is_scoped(request):
            raise PermissionDenied  # a beheerder never sets someone else's password
        return super().user_change_password(request, id, form_url)

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        # Fieldsets decide which fields show; an exclude list would conflict with them.
        return None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if is_scoped(request):
            # A beheerder never edits a superuser (no way to take over the whole installation).
            qs = qs.filter(is_superuser=False)
        return qs

    def _in_scope(self, request: HttpRequest, obj: Any) -> bool:
        if obj is not None and is_scoped(request) and obj.is_superuser:
            return False
        return super()._in_scope(request, obj)

    @admin.action(description=_("Toegang opnieuw instellen (de medewerker krijgt een link per e-mail)"))
    def reset_access(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """Password, app key and backup codes stop working; the member sets new ones via a one-time link
        sent to their own e-mail address. Beheer sees no secret."""
        users = list(queryset)
        if not users:
            messages.warning(request, _("Kies eerst een of meer medewerkers."))
            return
        enrol_url = request.build_absolute_uri(reverse("accounts:enrol", args=["TOKEN"])).replace(
            "TOKEN", "{token}"
        )
        actor = actor_from_request(request, purpose="inrichting")
        for user in users:
            if user.pk == request.user.pk:
                messages.error(request, _("Uw eigen toegang stelt een andere beheerder opnieuw in."))
                continue
            try:
                services.reset_access(actor=actor, user=user, enrol_url=enrol_url)
            except ValidationError:
                messages.error(
                    request, _("%(name)s heeft geen e-mailadres. Vul dat eerst in.") % {"name": user}
                )
            else:
                messages.success(request, _("%(name)s krijgt een link per e-mail.") % {"name": user})


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Functioneel beheer sees the API keys of their municipality and can revoke them; the keys themselves
    are never visible (only a hash is stored) and beheer makes none for people."""

    list_display = ("name", "system", "user", "prefix", "expires_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    list_filter = ("revoked_at",)
    search_fields = ("name", "system", "user__username")
    actions = ["revoke"]
    readonly_fields = (
        "user",
        "name",
        "system",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("key_hash",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        qs = super().get_queryset(request)
        if is_scoped(request):
            qs = qs.filter(user__municipality_id=request.user.municipality_id, user__is_superuser=False)  # type: ignore[union-attr]
        return qs

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)  # needed for the action; every field is read-only

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the row stays as evidence of what the key was

    @admin.action(description=_("Intrekken (de sleutel werkt meteen niet meer)"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        actor = actor_from_request(request, purpose="inrichting")
        for token in queryset:
            services.revoke_api_token(actor=actor, token=token)
        messages.success(request, _("Ingetrokken."))
