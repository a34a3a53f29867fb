"""Sections that other apps add to the decision page, without the decisions app importing them.

An app registers, in its `AppConfig.ready()`, a template and a function that builds that template's
context for one decision (already access-checked by the decision page), or None to show nothing:

    sections.register("istandaarden/_decision_section.html", build)

The function reads through the app's own selectors, which write their own access-log rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stevig.core.context import Actor
from stevig.decisions.models import Decision

Builder = Callable[[Actor, Decision], dict[str, Any] | None]


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any]


_registered: dict[str, Builder] = {}


def register(template: str, build: Builder) -> None:
    _registered[template] = build


def for_decision(actor: Actor, decision: Decision) -> list[Section]:
    sections = []
    for template, build in _registered.items():
        context = build(actor, decision)
        if context is not None:
            sections.append(Section(template, context))
    return sections
