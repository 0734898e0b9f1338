"""The column-wise twin of ``contactability`` for the batch (same rules, many customers)."""

from __future__ import annotations

import pandas as pd

from tools.contactability.rules import CONTACT_CHANNELS


def consent_columns(customers: pd.DataFrame) -> pd.DataFrame:
    """Return ``consent_<channel>`` booleans: only a recorded yes is consent (None, NaN: no).

    Args:
        customers: Rows with ``consent_email``, ``consent_phone`` and ``consent_portal``.
    """
    return pd.DataFrame(
        {
            f"consent_{c}": customers[f"consent_{c}"].map(lambda v: v is True).astype(bool)
            for c in CONTACT_CHANNELS
        },
        index=customers.index,
    )


def marketing_columns(customers: pd.DataFrame) -> pd.DataFrame:
    """Return objection, care flag, ``may_sell`` and ``marketing_<channel>`` per row."""
    objection = customers["objection_to_marketing"].map(lambda v: v is True or v == 1)
    care = customers["care_flag"].map(lambda v: v is True or v == 1)
    out = pd.DataFrame(
        {
            "objection_to_marketing": objection.astype(bool),
            "care_flag": care.astype(bool),
            "may_sell": ~(objection.astype(bool) | care.astype(bool)),
        },
        index=customers.index,
    )
    consent = consent_columns(customers)
    for channel in CONTACT_CHANNELS:
        out[f"marketing_{channel}"] = consent[f"consent_{channel}"] & ~out["objection_to_marketing"]
    return out
