"""Channel per customer from the stated preference, the response history and consent."""

from __future__ import annotations

import numpy as np
import pandas as pd

CHANNELS = ("email", "phone", "portal")


def choose_channels(
    customers: pd.DataFrame, offers: pd.DataFrame, preferred_bonus: float
) -> pd.Series:
    """Return the best consented channel of each customer, indexed by customer id.

    Each channel scores its response rate on past offers (accepted + 1) / (offers + 2),
    plus ``preferred_bonus`` for the customer's preferred channel; channels without consent
    are out. A customer with no consented channel keeps the preferred one (the arbitration
    then suppresses the contact for want of consent).
    """
    index = pd.Index(customers["customer_id"])
    accepted = offers["status"].eq("accepted")
    keys = [offers["customer_id"], offers["channel"]]
    sent = offers.groupby(keys).size().unstack(fill_value=0)
    won = accepted.groupby(keys).sum().unstack(fill_value=0)
    sent = sent.reindex(index=index, columns=list(CHANNELS), fill_value=0)
    won = won.reindex(index=index, columns=list(CHANNELS), fill_value=0)
    rate = (won.to_numpy(dtype=float) + 1) / (sent.to_numpy(dtype=float) + 2)
    preferred = customers["preferred_channel"].to_numpy()
    for k, channel in enumerate(CHANNELS):
        rate[:, k] += np.where(preferred == channel, preferred_bonus, 0.0)
        rate[:, k] = np.where(customers[f"consent_{channel}"].to_numpy(), rate[:, k], -np.inf)
    best = np.asarray(CHANNELS, dtype=object)[rate.argmax(axis=1)]
    chosen = np.where(np.isfinite(rate.max(axis=1)), best, preferred)
    return pd.Series(chosen, index=index, name="channel")
