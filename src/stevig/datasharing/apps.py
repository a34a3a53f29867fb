from django.apps import AppConfig


class DatasharingConfig(AppConfig):
    name = "stevig.datasharing"
    verbose_name = "Gegevensdeling"

    def ready(self) -> None:
        from stevig.datasharing.export import register_sections

        register_sections()
