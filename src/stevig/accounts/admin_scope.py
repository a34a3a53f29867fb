"""Who may use the Django admin (/beheer/) and what they see there.

Only a verified (two-factor) functioneel beheerder or a superuser gets in. A beheerder sees and edits only
rows of their own municipality; new rows get that municipality automatically.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from stevig.accounts import services
from stevig.accounts.models import Role
from stevig.audit.models import Action
from stevig.core.context import actor_from_request


def is_verified(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_verified", lambda: False)())


def may_use_admin(request: HttpRequest) -> bool:
    user = request.user
    if not is_verified(request):
        return False
    if user.is_superuser:
        return True
    return bool(getattr(user, "role", "") == Role.ADMIN and getattr(user, "municipality_id", None))


def is_scoped(request: HttpRequest) -> bool:
    """True for a beheerder (limited to one municipality), False for a superuser."""
    return not request.user.is_superuser


def _has_municipality_field(model: type[Model]) -> bool:
    return any(f.name == "municipality" for f in model._meta.get_fields())


class TenantAdminForm(forms.ModelForm):
    """Also checks the unique constraints that include the (hidden) municipality field."""

    def _post_clean(self) -> None:
        super()._post_clean()
        if getattr(self.instance, "municipality_id", None) is None:
            return
        try:
            self.instance.validate_constraints()
        except ValidationError as exc:
            self._update_errors(exc)  # type: ignore[attr-defined]


class MunicipalityScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin for a model with a `municipality` field."""

    form: type[forms.ModelForm] = TenantAdminForm  # type: ignore[type-arg]

    # Permissions: the role decides, not Django's per-model permission table.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request) and self._in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request) and self._in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request) and self._in_scope(request, obj)

    def _in_scope(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None or not is_scoped(request):
            return True
        return bool(obj.municipality_id == request.user.municipality_id)  # type: ignore[union-attr]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if is_scoped(request):
            qs = qs.filter(municipality_id=request.user.municipality_id)  # type: ignore[union-attr]
        return qs

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        exclude = list(super().get_exclude(request, obj) or [])
        if is_scoped(request):
            exclude.append("municipality")
        return exclude

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if not is_scoped(request):
            return form
        municipality = request.user.municipality  # type: ignore[union-attr]

        class ScopedForm(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                if getattr(self.instance, "municipality_id", None) is None:
                    self.instance.municipality = municipality

        return ScopedForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Saves and writes the change, field by field (before, after), to the access log: the privacy
        officer sees every change of accounts, roles, teams and setup there, in the tamper-evident chain."""
        if is_scoped(request):
            obj.municipality = request.user.municipality  # type: ignore[union-attr]
        old = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        changes = services.field_changes(old, obj, list(form.changed_data), form.cleaned_data)
        super().save_model(request, obj, form, change)
        services.record_setup_change(
            actor=actor_from_request(request, purpose="inrichting"),
            action=Action.UPDATE if change else Action.CREATE,
            obj=obj,
            changes=changes,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.record_setup_change(
            actor=actor_from_request(request, purpose="inrichting"), action=Action.DELETE, obj=obj
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if is_scoped(request) and _has_municipality_field(db_field.related_model):
            kwargs["queryset"] = db_field.related_model._default_manager.filter(
                municipality_id=request.user.municipality_id  # type: ignore[union-attr]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if is_scoped(request) and _has_municipality_field(db_field.related_model):
            kwargs["queryset"] = db_field.related_model._default_manager.filter(
                municipality_id=request.user.municipality_id  # type: ignore[union-attr]
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows belong to the municipality of the row they are part of."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if _has_municipality_field(type(obj)):
                obj.municipality = form.instance.municipality
            obj.save()
        formset.save_m2m()


class MunicipalityScopedInline(admin.StackedInline):
    """An inline whose rows take the municipality of the parent row. Stacked: every field has its own
    label (a tabular inline labels its inputs only by column header, which axe counts as no label)."""

    exclude = ("municipality",)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)
