from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "stevig.people"
    verbose_name = "Inwoners en huishoudens"
