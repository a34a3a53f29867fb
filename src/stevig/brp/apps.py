from django.apps import AppConfig


class BrpConfig(AppConfig):
    name = "stevig.brp"
    verbose_name = "BRP"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item

        register_nav_item(NavItem(_("Zoeken in de BRP"), url_name="brp:search", roles=CASE_ROLES, order=8))
