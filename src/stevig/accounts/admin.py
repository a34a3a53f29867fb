"""The Django admin (/beheer/) for functioneel beheer: staff accounts of their own municipality.

The admin has no login of its own: it sends people to Stevig's two-step login. Only a verified
functioneel beheerder (role `beheer`) or a superuser may use it; anyone else who is logged in gets 403.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stevig.accounts import selectors, services
from stevig.accounts.admin_scope import MunicipalityScopedAdmin, is_scoped, is_verified, may_use_admin
from stevig.accounts.models import User


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
    add_form = DjangoUserAdmin.add_form
    list_display = ("username", "first_name", "last_name", "role", "team", "department", "is_active")
    list_filter = ("role", "is_active")
    list_select_related = ("team", "department")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    actions = ["new_app_key"]
    filter_horizontal = ("expertise",)
    _work_fields = ("role", "team", "department", "expertise")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return super().get_fieldsets(request, obj)
        fieldsets: list[Any] = [
            (None, {"fields": ("username", "password")}),
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
        return ("last_login", "date_joined")

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

    @admin.action(description=_("Nieuwe sleutel voor de app maken (de oude werkt dan niet meer)"))
    def new_app_key(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse | None:
        users = list(queryset)
        if not users:
            messages.warning(request, _("Kies eerst een of meer medewerkers."))
            return None
        rows = []
        for user in users:
            device = services.reset_app_device(user=user)
            rows.append(
                {"user": user, "secret": selectors.app_secret(device), "config_url": device.config_url}
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Nieuwe sleutels"),
            "rows": rows,
            "opts": self.model._meta,
        }
        response = TemplateResponse(request, "accounts/admin/new_app_keys.html", context)
        response["Cache-Control"] = "no-store"
        return response
