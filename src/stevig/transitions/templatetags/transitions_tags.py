"""With a Jeugdwet decision that ends at 18: what can follow, so support does not stop at the birthday."""

from typing import Any

from django import template

from stevig.transitions.rules import AFTER_EIGHTEEN, LEGAL_SOURCE, eighteenth_birthday, ends_at_eighteen

register = template.Library()


@register.inclusion_tag("transitions/_after_eighteen.html")
def after_eighteen(decision: Any) -> dict[str, Any]:
    show = decision.law == "jeugdwet" and ends_at_eighteen(decision.resident.date_of_birth, decision.end_date)
    return {
        "show": show,
        "birthday": eighteenth_birthday(decision.resident.date_of_birth),
        "options": AFTER_EIGHTEEN,
        "resident_id": decision.resident_id,
        "legal_source": LEGAL_SOURCE,
    }
