from django.apps import AppConfig


class LegalcalendarConfig(AppConfig):
    name = "stevig.legalcalendar"
    verbose_name = "Wettelijke termijnen"

    def ready(self) -> None:
        from stevig.legalcalendar import signals  # noqa: F401  (connects the cache-clearing receivers)
        from stevig.legalcalendar.timeline_sources import register_sources

        register_sources()
