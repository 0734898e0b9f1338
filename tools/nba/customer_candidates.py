"""Every candidate action of one customer, from its snapshot, in plain Python.

The one-customer twin of ``candidates.detect_candidates``: the same triggers, products, channel,
propensity and value, worded the same, so the candidates equal the customer's rows of the
batch (``tests/tools/nba/test_customer_parity.py`` holds the two equal). A few hundred
microseconds a customer, with nothing read from the book.
"""

from __future__ import annotations

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.contactability import contactability
from tools.gaps.pack import GapRulePack
from tools.nba.channel import customer_channel
from tools.nba.config import TriggerConfig
from tools.nba.customer_products import product_proposals
from tools.nba.customer_triggers import (
    behaviour_proposals,
    care_proposals,
    growth_proposals,
    renewal_proposals,
)
from tools.nba.customer_value import expected_value, own_premiums, propensity_of
from tools.nba.growth import customer_growth, growth_timing
from tools.nba.model_view import ModelView
from tools.nba.models import ActionCandidate, Trigger
from tools.nba.proposals import Proposal
from tools.snapshot import CustomerSnapshot


def customer_proposals(
    snapshot: CustomerSnapshot, config: TriggerConfig, catalogue: Catalogue, pack: GapRulePack
) -> list[Proposal]:
    """Return the customer's proposals in the batch's order (triggers, growth, products).

    Args:
        snapshot: The customer's rows as of the decision moment.
        config: The trigger configuration.
        catalogue: The product catalogue.
        pack: The gaps rule pack whose industry, size and growth rules propose products.
    """
    growth = customer_growth(snapshot.events, snapshot.now, config)
    timing = None if growth is None else growth_timing(growth["signals"], snapshot.now, config)
    proposals = [
        *renewal_proposals(snapshot, config),
        *care_proposals(snapshot, config),
        *behaviour_proposals(snapshot, config),
    ]
    if growth is not None and timing is not None:
        proposals += growth_proposals(growth, snapshot.held_products, pack, timing)
    return proposals + product_proposals(snapshot, growth, timing, config, catalogue, pack)


def detect_customer_candidates(
    snapshot: CustomerSnapshot,
    scores: ModelView | None,
    catalogue: Catalogue,
    config: TriggerConfig,
    policy: ContactPolicy,
    pack: GapRulePack,
) -> list[ActionCandidate]:
    """Return every candidate action of the customer, with channel and value, by action id.

    Args:
        snapshot: The customer's rows as of the decision moment.
        scores: The trained models' scores of the customer (None: the catalogue prior ranks).
        catalogue: The product catalogue.
        config: The trigger configuration (``load_trigger_config``).
        policy: The contact policy (its channel and ranking parameters).
        pack: The gaps rule pack (``load_gap_rules``).

    Returns:
        The candidates sorted by action id, equal to the batch's rows of this customer.
    """
    customer = snapshot.customer
    channel = customer_channel(
        contactability(customer).consented(),
        customer.preferred_channel,
        snapshot.offers,
        policy.channel["preferred_bonus"],
    )
    premiums = own_premiums(snapshot.policies_in_force)
    candidates = []
    for p in customer_proposals(snapshot, config, catalogue, pack):
        propensity = propensity_of(snapshot.held_products, p.product, scores, catalogue, policy)
        premium = premiums.get(p.product) if p.product is not None else None
        value = expected_value(p.kind, p.product, propensity, premium, config, catalogue)
        candidates.append(_candidate(snapshot, p, channel, value))
    return sorted(candidates, key=lambda c: c.action_id)


def _candidate(
    snapshot: CustomerSnapshot, p: Proposal, channel: str, value: float
) -> ActionCandidate:
    customer_id = snapshot.customer_id
    return ActionCandidate(
        action_id=f"{customer_id}:{p.kind}:{p.product or '-'}:{p.trigger_kind}",
        customer_id=customer_id,
        kind=p.kind,
        product=p.product,
        trigger=Trigger(kind=p.trigger_kind, evidence=p.evidence, detected_at=snapshot.now),
        reason=p.reason,
        due_by=p.due_by,
        # A behaviour signal is answered where it happened: in the portal.
        channel="portal" if p.trigger_kind == "behaviour" else channel,
        urgency=p.urgency,
        relevance=p.relevance,
        expected_value_eur=value,
    )
