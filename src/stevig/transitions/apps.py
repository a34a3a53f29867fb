from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "stevig.transitions"
    verbose_name = "Overgangen 16-27"

    def ready(self) -> None:
        from stevig.transitions import hooks

        hooks.register()
