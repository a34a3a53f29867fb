from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "stevig.retention"
    verbose_name = "Bewaren en vernietigen"
