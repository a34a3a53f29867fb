"""Background jobs of the decisions app (see `stevig.core.tasks` for how jobs run)."""

import uuid

from stevig.core.tasks import task


@task()
def render_letter_pdf(letter_pdf_id: str) -> None:
    """Render and store one decision letter PDF (queued by `services.request_letter_pdf`)."""
    from stevig.decisions.services import store_letter_pdf

    store_letter_pdf(letter_pdf_id=uuid.UUID(letter_pdf_id))
