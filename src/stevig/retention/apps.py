from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "stevig.retention"
    verbose_name = "Bewaren en vernietigen"

    def ready(self) -> None:
        from stevig.accounts.models import Role
        from stevig.retention.worklist import destruction_requests
        from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item
        from stevig.web.worklist import register_source

        register_source("vernietigingsverzoeken", destruction_requests, roles=tuple(CASE_ROLES))
        register_nav_item(
            NavItem(_("Vernietigingslijst"), url_name="retention:lists", roles=(Role.PRIVACY,), order=30)
        )
