from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "stevig.portal"
    label = "portal"
    verbose_name = "Mijn Stevig"

    def ready(self) -> None:
        from stevig.portal.worklist import register

        register()
        _only_digid_in_the_admin()


def _only_digid_in_the_admin() -> None:
    """django-digid-eherkenning registers eHerkenning too; Stevig uses DigiD only (and does not mount the
    eHerkenning metadata its admin page links to). The admin has autodiscovered by now (it is listed first)."""
    from digid_eherkenning.models import EherkenningConfiguration
    from django.contrib import admin

    if admin.site.is_registered(EherkenningConfiguration):
        admin.site.unregister(EherkenningConfiguration)
