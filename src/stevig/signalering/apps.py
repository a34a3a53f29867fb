from django.apps import AppConfig


class SignaleringConfig(AppConfig):
    name = "stevig.signalering"
    verbose_name = "Signalering (systeemknelpunten)"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from stevig.accounts.models import Role
        from stevig.core.access import FILE_ROLES
        from stevig.web.navigation import NavItem, register_nav_item
        from stevig.web.panels import Panel, register_panel

        register_nav_item(
            NavItem(
                _("Knelpunten"),
                url_name="signalering:index",
                roles=(*sorted(FILE_ROLES), Role.POLICY),
                order=60,
            )
        )
        register_panel(
            Panel(
                key="signalering-answers",
                template="signalering/panels/answers.html",
                roles=tuple(sorted(FILE_ROLES)),
                order=80,
                context=_answers_context,
            )
        )


def _answers_context(request):  # type: ignore[no-untyped-def]
    from stevig.core.context import actor_from_request
    from stevig.signalering.selectors import recent_answers

    return {"rows": recent_answers(actor_from_request(request))}
