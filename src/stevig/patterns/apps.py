from django.apps import AppConfig


class PatternsConfig(AppConfig):
    name = "stevig.patterns"
    verbose_name = "Patronen voor beleid"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from stevig.accounts.models import Role
        from stevig.web.navigation import NavItem, register_nav_item

        register_nav_item(NavItem(_("Patronen"), url_name="patterns:index", roles=(Role.POLICY,), order=50))
