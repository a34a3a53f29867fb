"""The one access layer: need-to-know fetches, denials, the page decorator and the API permission.

Every kind of resident object is declared once as a `Kind` (next to its selectors):

    TRAJECTORY = access.Kind(
        Trajectory, "trajectory", visible=trajectories_visible_to, household="household_id",
        url_kwarg="trajectory_id",
    )

and fetched through it:

    trajectory = access.scoped_get(TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ,
                                   part=Part.TRAJECTORY)

`scoped_get` reads through the kind's need-to-know queryset (derived from
`people.selectors.household_scope`). Out of scope it writes a `denied` row and raises the one denial
exception, `AccessDenied`, which says whether break-the-glass may be offered: the object belongs to a
household in the actor's own municipality and the actor works in household files (`FILE_ROLES`).

Pages use `@access.page(*roles, part=...)`: login and second factor, a logged 403 for a role that may
never do this, and for a denial raised inside the view 403 with the emergency-access offer or 404.
The API uses `access.role_permission(*roles, part=...)` and `stevig.core.api.exception_handler`: 404 for
anything out of scope, 403 for a role that may never do it.
"""

import dataclasses
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Generic, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor, actor_from_request
from stevig.core.errors import AccessDenied, RoleDenied

__all__ = [
    "FILE_ROLES",
    "AccessDenied",
    "Kind",
    "RoleDenied",
    "current_member_ids",
    "deny",
    "deny_role",
    "is_emergency",
    "is_verified",
    "page",
    "role_permission",
    "scoped_get",
    "verified",
]

# Roles that work in household files; only they may use emergency access.
FILE_ROLES: frozenset[str] = frozenset({Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR})

M = TypeVar("M", bound=Model)
ViewFunc = Callable[..., HttpResponse]
NO_ACCESS_TEMPLATE = "web/no_access.html"
NO_FILES = "Deze rol werkt niet in dossiers van huishoudens."


@dataclass(frozen=True)
class Kind(Generic[M]):
    """One kind of resident object: how to find the ones an actor may see, and whose they are.

    `household`: the path from the object to its household's id ("id" for a household itself), or None.
    `residents`: who a log row names, given the object's id; default: the household's current members.
    `where`: extra filter when finding the household of a denied object (e.g. the current membership).
    `url_kwarg`: the URL argument that names such an object, so a role denial on a page is logged on it.
    `related`: what `scoped_get` loads with the object (`select_related` names, or a function that refines
    the scoped queryset, e.g. with prefetches).
    `roles`: the roles that may ever see such an object (None: any staff role, the selector decides). For
    any other role the access layer answers 403 (logged) whatever the object, before the view reads a
    request body: `scoped_get` raises `RoleDenied`, and the default API permission refuses a URL that
    names such an object (`url_kwarg`). Out of scope for an allowed role stays 404/break-the-glass.
    `part`: what a role denial on the URL argument is logged as.
    """

    model: type[M]
    object_type: str
    visible: Callable[[User], QuerySet[M]]
    household: str | None = "household_id"
    residents: Callable[[Any], Iterable[uuid.UUID]] | None = None
    where: dict[str, Any] = field(default_factory=dict)
    url_kwarg: str = ""
    related: Sequence[str] | Callable[[QuerySet[M]], QuerySet[M]] = ()
    roles: frozenset[str] | None = None
    part: Part | None = None

    def __post_init__(self) -> None:
        if self.url_kwarg:
            _KINDS_BY_URL_KWARG[self.url_kwarg] = self

    def subjects(self, pk: Any, household_id: Any) -> list[uuid.UUID]:
        if self.residents is not None:
            return list(self.residents(pk))
        return current_member_ids(household_id) if household_id is not None else []


_KINDS_BY_URL_KWARG: dict[str, Kind[Any]] = {}


def child_kind(
    parent: Kind[Any],
    model: type[M],
    object_type: str,
    *,
    via: str,
    url_kwarg: str = "",
    related: Sequence[str] = (),
    part: Part | None = None,
) -> Kind[M]:
    """A kind whose rows are visible exactly when their parent (reached through `via`) is: a goal of a
    visible plan, basic help of a visible trajectory. Household, loading and scope follow the parent."""
    parent_related = () if callable(parent.related) else tuple(parent.related)

    def visible(user: User) -> QuerySet[M]:
        return model._default_manager.filter(
            municipality_id=user.municipality_id, **{f"{via}__in": parent.visible(user)}
        )

    return Kind(
        model,
        object_type,
        visible=visible,
        household=f"{via}__{parent.household}" if parent.household else None,
        url_kwarg=url_kwarg,
        related=(via, *(f"{via}__{r}" for r in parent_related), *related),
        roles=parent.roles,
        part=part or parent.part,
    )


def current_member_ids(household_id: Any) -> list[uuid.UUID]:
    from stevig.people.models import HouseholdMembership

    return list(
        HouseholdMembership.objects.filter(household_id=household_id, end_date__isnull=True).values_list(
            "resident_id", flat=True
        )
    )


def is_emergency(user: User, household_id: Any, *, known_visible: bool = False) -> bool:
    """Whether the user sees this household only through break-the-glass (flagged in the log): an open
    emergency grant or emergency involvement names it, or the user cannot see it in the normal course of
    work. A caller that read the household through `households_visible_to` passes `known_visible`, which
    spares the second (visibility) query: one small query instead of two and a scope to compile, on
    every household file read."""
    from stevig.people.selectors import emergency_household_ids, households_visible_to

    if household_id in emergency_household_ids(user):
        return True
    if known_visible:
        return False
    return not households_visible_to(user).filter(id=household_id).exists()


def _household_id_of(obj: Model, path: str) -> Any:
    value: Any = obj
    for step in path.split("__"):
        value = getattr(value, step)
    return value


def deny(kind: Kind[Any], *, actor: Actor, pk: Any, action: Action, part: Part) -> AccessDenied:
    """Write the `denied` row for object `pk` of `kind` and return the exception to raise.

    Residents are named, and break-the-glass offered, only when the object is in the actor's own
    municipality: the resident's own access log shows the attempt, and nothing leaks across
    municipalities."""
    mine = kind.model._default_manager.filter(pk=pk, municipality_id=actor.municipality_id)
    in_municipality = mine.exists()
    household_id = None
    if in_municipality and kind.household is not None:
        household_id = mine.filter(**kind.where).values_list(kind.household, flat=True).first()
    subjects = kind.subjects(pk, household_id) if in_municipality else []
    log.denied(actor, action, part, subjects, object_type=kind.object_type, object_id=pk)
    return AccessDenied(
        can_break_glass=household_id is not None and actor.role in FILE_ROLES, household_id=household_id
    )


def scoped_get(
    kind: Kind[M],
    *,
    actor: Actor,
    pk: Any,
    action: Action,
    part: Part,
    select_related: Sequence[str] = (),
    prefetch_related: Sequence[Any] = (),
    for_update: bool = False,
    log_allowed: bool = False,
) -> M:
    """The object if the actor may see it, else a logged denial (`AccessDenied`).

    With `log_allowed` an `allowed` row names the residents concerned and flags emergency access;
    without it the caller logs what it does with the object (a write logs once, in its service).
    A role outside `kind.roles` gets a logged `RoleDenied` (403), whatever the object."""
    if kind.roles is not None and actor.role not in kind.roles:
        deny(kind, actor=actor, pk=pk, action=action, part=part)
        raise RoleDenied(NO_FILES)
    qs = kind.visible(actor.user)
    if callable(kind.related):
        qs = kind.related(qs)
    elif kind.related:
        qs = qs.select_related(*kind.related)
    if select_related:
        qs = qs.select_related(*select_related)
    if prefetch_related:
        qs = qs.prefetch_related(*prefetch_related)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise deny(kind, actor=actor, pk=pk, action=action, part=part)
    if log_allowed:
        household_id = _household_id_of(obj, kind.household) if kind.household else None
        log.allowed(
            actor,
            action,
            part,
            kind.subjects(obj.pk, household_id),
            object_type=kind.object_type,
            object_id=obj.pk,
            emergency=household_id is not None and is_emergency(actor.user, household_id),
        )
    return obj


def deny_role(*, actor: Actor, action: Action, part: Part, url_kwargs: dict[str, Any]) -> RoleDenied:
    """Log that the actor's role may never do this (on the object the URL names, if any)."""
    for name, value in url_kwargs.items():
        kind = _KINDS_BY_URL_KWARG.get(name)
        if kind is not None:
            deny(kind, actor=actor, pk=value, action=action, part=part)
            break
    else:
        log.denied(actor, action, part)
    return RoleDenied("Deze rol heeft hier geen toegang.")


def refuse_kind_role(*, actor: Actor, action: Action, url_kwargs: dict[str, Any]) -> RoleDenied | None:
    """The logged `RoleDenied` when the URL names an object of a kind the actor's role may never see
    (`Kind.roles`), else None. The API's default permission asks this before the view runs, so such a
    role gets 403 for a read and for a write (even one with an empty body) alike."""
    for name, value in url_kwargs.items():
        kind = _KINDS_BY_URL_KWARG.get(name)
        if kind is not None and kind.roles is not None and actor.role not in kind.roles:
            deny(kind, actor=actor, pk=value, action=action, part=kind.part or Part.HOUSEHOLD)
            return RoleDenied(NO_FILES)
    return None


def is_verified(user: Any) -> bool:
    """Logged in and past the second factor (django-otp)."""
    return bool(user.is_authenticated and getattr(user, "is_verified", lambda: False)())


def verified(view: ViewFunc) -> ViewFunc:
    """For pages about one's own account only (second factor, API tokens, password): logged in with both
    factors, any account, also one without a role; otherwise the login page. Everything else: `page`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_verified(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _actor(request: HttpRequest, purpose: str | None) -> Actor:
    actor = actor_from_request(request)
    return dataclasses.replace(actor, purpose=purpose) if purpose else actor


def page(
    *roles: str,
    part: Part | None = None,
    write_action: Action = Action.UPDATE,
    read_action: Action = Action.READ,
    purpose: str | None = None,
) -> Callable[[ViewFunc], ViewFunc]:
    """The one decorator for pages: default deny.

    * not logged in or no second factor → the login page;
    * no staff member, or (with `roles`) another role → 403; with `part` the refusal is logged first
      (a GET as `read_action`, anything else as `write_action`) on the object the URL names;
    * an `AccessDenied` raised inside (already logged): 403 with the emergency-access offer when the
      household is in the user's municipality and the user works in files, 404 otherwise; a
      `RoleDenied`: 403.

    `purpose`: the purpose the role denial is logged with (default: the actor's, "ondersteuning"), e.g.
    "veiligheid (Meldcode)" on the safety pages.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not is_verified(user):
                return redirect_to_login(request.get_full_path())
            if not getattr(user, "is_staff_member", False):
                raise PermissionDenied
            if roles and user.role not in roles:  # type: ignore[union-attr]
                if part is not None:
                    action = read_action if request.method in ("GET", "HEAD") else write_action
                    deny_role(actor=_actor(request, purpose), action=action, part=part, url_kwargs=kwargs)
                raise PermissionDenied
            try:
                return view(request, *args, **kwargs)
            except RoleDenied as exc:
                raise PermissionDenied(str(exc)) from exc
            except AccessDenied as exc:
                return denied_response(request, exc)

        return wrapped

    return decorator


def denied_response(request: HttpRequest, exc: AccessDenied) -> HttpResponse:
    """The page answer to a logged denial: break-the-glass where allowed, otherwise nothing confirmed."""
    if isinstance(exc, RoleDenied):
        raise PermissionDenied(str(exc))
    if not exc.can_break_glass:
        raise Http404
    return render(request, NO_ACCESS_TEMPLATE, {"household_id": exc.household_id}, status=403)


def role_permission(
    *roles: str,
    part: Part | None = None,
    purpose: str | None = None,
    read_action: Action = Action.READ,
    write_action: Action = Action.UPDATE,
    writes_only: bool = False,
) -> type[BasePermission]:
    """DRF permission: a staff member with one of `roles` (any role when none are given). A staff
    member with another role gets 403, logged on the object the URL names when `part` is given (a read
    as `read_action`, anything else as `write_action`; with `purpose`, if given, as the purpose of the
    log row). With `writes_only` only writes need one of `roles` (a list any staff member may read, empty
    for most, that only `roles` add to). Out-of-scope objects are the selectors' job: `AccessDenied` → 404
    (`core.api.exception_handler`)."""

    class RolePermission(BasePermission):
        def has_permission(self, request: Request, view: Any) -> bool:
            user = request.user
            if not (user and user.is_authenticated and getattr(user, "is_staff_member", False)):
                return False
            if not roles or (writes_only and request.method in ("GET", "HEAD", "OPTIONS")):
                return kind_roles_permit(request, view)
            if user.role in roles:  # type: ignore[union-attr]
                return True
            if part is not None:
                action = read_action if request.method in ("GET", "HEAD", "OPTIONS") else write_action
                deny_role(
                    actor=_actor(request, purpose),
                    action=action,
                    part=part,
                    url_kwargs=getattr(view, "kwargs", {}) or {},
                )
            return False

    RolePermission.__name__ = "RolePermission_" + "_".join(roles or ("staff",))
    return RolePermission


# What a refused request would have done, for the log row of a role denial before the view runs.
METHOD_ACTIONS = {
    "GET": Action.READ,
    "HEAD": Action.READ,
    "OPTIONS": Action.READ,
    "POST": Action.CREATE,
    "PUT": Action.UPDATE,
    "PATCH": Action.UPDATE,
    "DELETE": Action.DELETE,
}


def kind_roles_permit(request: Request, view: Any) -> bool:
    """For an API view without roles of its own: raises the logged `RoleDenied` (403, with its Dutch
    message) when the URL names an object of a kind the user's role may never see (`Kind.roles`)."""
    action = METHOD_ACTIONS.get(request.method or "GET", Action.UPDATE)
    refusal = refuse_kind_role(
        actor=_actor(request, None), action=action, url_kwargs=getattr(view, "kwargs", {}) or {}
    )
    if refusal is not None:
        raise refusal
    return True
