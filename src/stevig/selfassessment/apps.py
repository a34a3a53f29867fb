from django.apps import AppConfig


class SelfassessmentConfig(AppConfig):
    name = "stevig.selfassessment"
    verbose_name = "Zelfevaluatie"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from stevig.accounts.models import Role
        from stevig.selfassessment.roles import ACTION_OWNER_ROLES, VIEW_ROLES
        from stevig.selfassessment.worklist import improvement_actions, panel_context
        from stevig.web.navigation import NavItem, register_nav_item
        from stevig.web.panels import Panel, register_panel
        from stevig.web.worklist import register_source

        register_nav_item(
            NavItem(_("Zelfevaluatie"), url_name="selfassessment:index", roles=VIEW_ROLES, order=55)
        )
        # The worklist of workers, team leads and coordinators; policy has no worklist: a panel instead.
        register_source("verbeteracties", improvement_actions, roles=ACTION_OWNER_ROLES)
        register_panel(
            Panel(
                key="verbeteracties",
                template="selfassessment/panels/actions.html",
                roles=(Role.POLICY,),
                order=70,
                context=panel_context,
            )
        )
