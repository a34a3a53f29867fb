"""Page access: `staff_required` is the one page decorator of `stevig.core.access` (`access.page`).

Kept under its old name so the apps can move over one at a time."""

from stevig.core.access import page as staff_required

__all__ = ["staff_required"]
