"""Channel per customer from the stated preference, the response history and consent.

Each channel scores its response rate on past offers (accepted + 1) / (offers + 2), plus the
contact policy's ``preferred_bonus`` for the customer's preferred channel; channels without
consent (``tools.contactability``) are out, and a tie goes to the first of ``CONTACT_CHANNELS``.
A customer with no consented channel keeps the preferred one (the arbitration then suppresses
the contact for want of consent). ``choose_channels`` decides many customers at once,
``customer_channel`` one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from tools.contactability import CONTACT_CHANNELS, ContactChannel
from tools.snapshot import OfferRow


def choose_channels(
    customers: pd.DataFrame, offers: pd.DataFrame, preferred_bonus: float
) -> pd.Series:
    """Return the best consented channel of each customer, indexed by customer id.

    Args:
        customers: Rows with customer_id, preferred_channel and the ``consent_<channel>``
            booleans of ``tools.contactability.consent_columns``.
        offers: Past offers (customer_id, channel, status).
        preferred_bonus: Added to the preferred channel's response rate.
    """
    index = pd.Index(customers["customer_id"])
    accepted = offers["status"].eq("accepted")
    keys = [offers["customer_id"], offers["channel"]]
    sent = offers.groupby(keys).size().unstack(fill_value=0)
    won = accepted.groupby(keys).sum().unstack(fill_value=0)
    sent = sent.reindex(index=index, columns=list(CONTACT_CHANNELS), fill_value=0)
    won = won.reindex(index=index, columns=list(CONTACT_CHANNELS), fill_value=0)
    rate = (won.to_numpy(dtype=float) + 1) / (sent.to_numpy(dtype=float) + 2)
    preferred = customers["preferred_channel"].to_numpy()
    for k, channel in enumerate(CONTACT_CHANNELS):
        rate[:, k] += np.where(preferred == channel, preferred_bonus, 0.0)
        consented = customers[f"consent_{channel}"].to_numpy(dtype=bool)
        rate[:, k] = np.where(consented, rate[:, k], -np.inf)
    best = np.asarray(CONTACT_CHANNELS, dtype=object)[rate.argmax(axis=1)]
    chosen = np.where(np.isfinite(rate.max(axis=1)), best, preferred)
    return pd.Series(chosen, index=index, name="channel")


def customer_channel(
    consent: Mapping[ContactChannel, bool],
    preferred: str,
    offers: Iterable[OfferRow],
    preferred_bonus: float,
) -> str:
    """Return one customer's best consented channel (the twin of ``choose_channels``).

    Args:
        consent: Consent per contact channel (``Contactability.consented()``).
        preferred: The customer's preferred channel.
        offers: The customer's past offers.
        preferred_bonus: Added to the preferred channel's response rate.
    """
    sent: dict[str, int] = dict.fromkeys(CONTACT_CHANNELS, 0)
    won: dict[str, int] = dict.fromkeys(CONTACT_CHANNELS, 0)
    for offer in offers:
        if offer.channel in sent:
            sent[offer.channel] += 1
            won[offer.channel] += offer.status == "accepted"
    best, best_rate = preferred, -math.inf
    for channel in CONTACT_CHANNELS:
        if not consent[channel]:
            continue
        rate = (won[channel] + 1.0) / (sent[channel] + 2.0)
        rate += preferred_bonus if preferred == channel else 0.0
        if rate > best_rate:
            best, best_rate = channel, rate
    return best
