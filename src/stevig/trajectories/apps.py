from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "stevig.trajectories"
    verbose_name = "Ondersteuningstrajecten"

    def ready(self) -> None:
        from stevig.trajectories.timeline_sources import register_sources

        register_sources()
        from stevig.trajectories.export import register_sections

        register_sections()
        _register_menu()
        from stevig.trajectories.panels import register as register_panels

        register_panels()


def _register_menu() -> None:
    """Menu items in the web shell (when it offers the extension point)."""
    try:
        from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item
    except ImportError:  # pragma: no cover - the web shell is always installed
        return
    from django.utils.translation import gettext_lazy as _

    from stevig.accounts.models import Role

    register_nav_item(NavItem(_("Trajecten"), url_name="trajectories:list", roles=CASE_ROLES, order=20))
    register_nav_item(NavItem(_("Waakvlam"), url_name="trajectories:pilot_light", roles=CASE_ROLES, order=21))
    register_nav_item(
        NavItem(_("Cijfers trajecten"), url_name="trajectories:figures", roles=(Role.POLICY,), order=20)
    )
