from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "stevig.intake"
    verbose_name = "Vragen en intake"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from stevig.intake.recompute import recompute_question_deadlines
        from stevig.legalcalendar import recompute

        recompute.register("intake", recompute_question_deadlines)

        from stevig.intake.export import register_sections

        register_sections()

        from stevig.accounts.models import Role
        from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item

        register_nav_item(NavItem(_("Mijn werk"), url_name="intake:worklist", roles=CASE_ROLES, order=5))
        register_nav_item(NavItem(_("Nieuwe vraag"), url_name="intake:register", roles=CASE_ROLES, order=6))
        register_nav_item(
            NavItem(
                _("Wachtlijst"), url_name="intake:waiting_list", roles=(Role.WORKER, Role.TEAM_LEAD), order=7
            )
        )
        register_nav_item(
            NavItem(
                _("Cijfers vragen"), url_name="intake:figures", roles=(Role.POLICY, Role.TEAM_LEAD), order=30
            )
        )
