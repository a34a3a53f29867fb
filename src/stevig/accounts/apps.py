from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stevig.accounts"
    verbose_name = "Medewerkers"
