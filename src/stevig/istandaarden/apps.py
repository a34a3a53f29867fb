from django.apps import AppConfig


class IstandaardenConfig(AppConfig):
    name = "stevig.istandaarden"
    verbose_name = "iWmo en iJw"

    def ready(self) -> None:
        from stevig.decisions import sections
        from stevig.decisions.signals import decision_registered
        from stevig.istandaarden import selectors, services, worklist

        decision_registered.connect(services.on_decision_registered, dispatch_uid="istandaarden.301")
        worklist.register()
        # Allocation and messages on the decision's own page.
        sections.register("istandaarden/_decision_section.html", selectors.decision_section)
