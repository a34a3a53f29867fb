from django.apps import AppConfig


class LegalcalendarConfig(AppConfig):
    name = "stevig.legalcalendar"
    verbose_name = "Wettelijke termijnen"
