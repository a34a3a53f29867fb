from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "stevig.portal"
    label = "portal"
    verbose_name = "Mijn Stevig"

    def ready(self) -> None:
        from stevig.portal.worklist import register

        register()
