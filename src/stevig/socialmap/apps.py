from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "stevig.socialmap"
    verbose_name = "Sociale kaart"

    def ready(self) -> None:
        # One place hooks the analysis, plan and social-map apps into the shell (timeline, menu, start page).
        from stevig.socialmap.integration import register_shell, register_timeline_sources

        register_timeline_sources()
        register_shell()
        # The data-subject export (AVG art. 15) of the analysis, plan and social-map apps.
        from stevig.analysis.export import register_sections as analysis_sections
        from stevig.plans.export import register_sections as plan_sections
        from stevig.socialmap.export import register_sections as referral_sections

        analysis_sections()
        plan_sections()
        referral_sections()
