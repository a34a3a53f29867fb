from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "stevig.analysis"
    verbose_name = "Brede analyse"
