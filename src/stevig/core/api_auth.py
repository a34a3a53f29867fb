"""Authentication and the default-deny permission (kept apart from views to avoid an import cycle in DRF)."""

from typing import Any

from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class VerifiedSessionAuthentication(SessionAuthentication):
    """The web session counts for the API only after the second factor was given."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if not getattr(request._request.user, "is_verified", lambda: False)():
            return None
        return (user, None)


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token stv_...`: a hashed, expiring, revocable key (`accounts.ApiToken`). Keys are made
    only from a session that passed the second factor, or by an operator for a named system."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        from stevig.accounts import selectors, services

        token = selectors.valid_api_token(key)
        if token is None:
            raise AuthenticationFailed("Ongeldige, verlopen of ingetrokken sleutel.")
        services.note_api_token_use(token=token)
        return (token.user, token)


class IsStaffMember(BasePermission):
    """Default deny: an active account with a municipality and a role; and 403 (logged) when the URL names
    an object of a kind the role may never see (`core.access.Kind.roles`: e.g. a household file for the
    policy role), before the view reads the body. Object scope is the selectors' job."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (
            request.user and request.user.is_authenticated and getattr(request.user, "is_staff_member", False)
        ):
            return False
        from stevig.core.access import kind_roles_permit

        return kind_roles_permit(request, view)
