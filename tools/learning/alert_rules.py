"""The alert rules of a deployment, from its settings."""

from __future__ import annotations

from tools.foundation.settings import Settings
from tools.learning.alerts import AlertRules


def alert_rules(settings: Settings) -> AlertRules:
    """Return the alert rules the settings set."""
    return AlertRules(
        window_days=settings.alert_window_days,
        min_offers=settings.alert_min_offers,
        psi_threshold=settings.alert_psi_threshold,
    )
