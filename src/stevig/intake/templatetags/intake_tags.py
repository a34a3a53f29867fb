from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def days_left_text(days: int | None) -> str:
    """'nog 3 dagen', 'vandaag', '2 dagen te laat'."""
    if days is None:
        return "-"
    if days == 0:
        return _("vandaag")
    if days < 0:
        return ngettext("%(n)d dag te laat", "%(n)d dagen te laat", -days) % {"n": -days}
    return ngettext("nog %(n)d dag", "nog %(n)d dagen", days) % {"n": days}
