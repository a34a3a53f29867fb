from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "stevig.safety"
    verbose_name = "Veiligheid (Meldcode)"

    def ready(self) -> None:
        from stevig.safety import hooks

        hooks.register()
