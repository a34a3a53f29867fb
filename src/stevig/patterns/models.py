"""Summary tables for the policy patterns (kader ch. 3, principle 4).

Pages never scan raw rows: a background job (`tasks.refresh_summaries`) counts per municipality, quarter,
breakdown and group into `SummaryCount`, and `SummaryRefresh` says when that last happened. Only counts
are stored; suppression (`stevig.core.suppression`) is applied when they are shown.
"""

from django.db import models

from stevig.core.models import TenantModel


class Measure(models.TextChoices):
    QUESTIONS = "vragen", "hulpvragen"
    TRAJECTORIES = "trajecten", "trajecten geopend"


class Breakdown(models.TextChoices):
    NEIGHBOURHOOD = "wijk", "wijk"
    CHANNEL = "kanaal", "kanaal"


class SummaryCount(TenantModel):
    measure = models.CharField(max_length=20, choices=Measure.choices)
    breakdown = models.CharField(max_length=20, choices=Breakdown.choices)
    group = models.CharField(max_length=150)  # the neighbourhood's or channel's label
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "measure", "breakdown", "group", "year", "quarter"],
                name="summary_unique",
            )
        ]


class SummaryRefresh(TenantModel):
    """One row per municipality: when the summary tables were last filled."""

    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality"], name="summary_refresh_once")]
