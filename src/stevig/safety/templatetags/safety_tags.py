"""The safety section on the trajectory page: that a track runs (never its notes, unless the reader may
see them: then a link), and the way to open one."""

from typing import Any

from django import template

from stevig.safety.selectors import open_track_notice

register = template.Library()


@register.inclusion_tag("safety/_trajectory_section.html", takes_context=True)
def safety_section(context: dict[str, Any], trajectory: Any) -> dict[str, Any]:
    request = context["request"]
    return {
        "trajectory": trajectory,
        "notice": open_track_notice(user=request.user, trajectory=trajectory),
        "is_open": trajectory.phase != "afgesloten",
    }
