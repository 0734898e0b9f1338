"""Uplift of each treated arm over control, customer by customer (intent to treat).

Control gets no proactive cross-sell, so it has (almost) no offers to convert: comparing offers
would compare unlike things. The unit is therefore the customer: every customer of the book
is in an arm by the stable hash (``tools/experiment/arms.py``), whether or not they were
offered anything, and a customer converts when a new policy of theirs starts in the window
(the policy system's record, whatever the channel). Uplift = a treated arm's rate minus
control's, with the 95 % interval of ``uplift.py``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.experiment.arms import ARMS, Experiment, arm_of
from tools.learning.uplift import Uplift, uplift


def arm_counts(
    session: Session, experiment: Experiment, since: date, until: date
) -> dict[str, tuple[int, int]]:
    """Return per arm: (customers with a policy starting in [since, until], customers)."""
    buyers = set(
        session.scalars(
            select(Policy.customer_id).where(Policy.start_date >= since, Policy.start_date <= until)
        )
    )
    counts = {arm: [0, 0] for arm in ARMS}
    for customer_id in session.scalars(select(Customer.id)):
        entry = counts[arm_of(customer_id, experiment)]
        entry[0] += customer_id in buyers
        entry[1] += 1
    return {arm: (won, total) for arm, (won, total) in counts.items()}


def arm_uplift(
    session: Session, experiment: Experiment, since: date, until: date
) -> dict[str, Uplift]:
    """Return each treated arm's uplift over control (None figures when control is empty)."""
    counts = arm_counts(session, experiment, since, until)
    return {
        arm: uplift(counts[arm], counts["control"])
        for arm in ("champion", "challenger")
        if counts[arm][1]
    }
