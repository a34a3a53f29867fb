from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "stevig.decisions"
    verbose_name = "Beschikkingen"

    def ready(self) -> None:
        from stevig.decisions import export, figures, signals, timeline_sources
        from stevig.decisions.recompute import recompute_decision_terms
        from stevig.legalcalendar import recompute

        recompute.register("decisions", recompute_decision_terms)

        from stevig.decisions.worklist_sources import remedies
        from stevig.web.navigation import CASE_ROLES
        from stevig.web.worklist import register_source

        register_source("bezwaren", remedies, roles=tuple(CASE_ROLES))

        signals.connect()
        timeline_sources.register_sources()
        export.register_sections()
        figures.register_figures()
        _register_shell()


def _register_shell() -> None:
    """Menu items and a start-page panel in the web shell."""
    from django.utils.translation import gettext_lazy as _

    from stevig.accounts.models import Role
    from stevig.decisions.panels import due_panel_context
    from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item
    from stevig.web.panels import Panel, register_panel

    register_nav_item(NavItem(_("Beschikkingen"), url_name="decisions:worklist", roles=CASE_ROLES, order=30))
    register_nav_item(
        NavItem(_("Cijfers beschikkingen"), url_name="decisions:figures", roles=(Role.POLICY,), order=30)
    )
    register_panel(
        Panel(
            key="decisions-due",
            template="decisions/panels/due.html",
            roles=tuple(CASE_ROLES),
            order=40,
            context=due_panel_context,
        )
    )
