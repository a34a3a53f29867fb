"""Deploy check: production keeps the access-log key outside the database and outside SECRET_KEY."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def access_log_key_is_set(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.ACCESS_LOG_KEY_IS_SET:
        return []
    return [
        Warning(
            "STEVIG_ACCESS_LOG_KEY is niet gezet: de sleutel van de hash-keten komt nu uit SECRET_KEY.",
            hint="Zet een eigen lange willekeurige sleutel en bewaar die zolang het toegangslog bewaard wordt.",
            id="stevig.W001",
        )
    ]
