"""Exceptions that services raise and both the HTML and the API layer translate."""


class VersionConflict(Exception):
    """Someone else saved the object after the caller read it (HTTP 409)."""

    def __init__(
        self, message: str = "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw."
    ) -> None:
        super().__init__(message)
        self.message = message


class AccessDenied(Exception):
    """The actor may not do this; the denial has already been written to the access log."""


class RoleDenied(AccessDenied):
    """The actor's role may never do this, whatever the object (HTTP 403)."""
