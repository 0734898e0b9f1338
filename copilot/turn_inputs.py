"""The inputs one turn's tools stand on, read once, with each tool bound to them.

The customer snapshot, the customer's contact persons, the models' scores and the book
aggregates are read once per turn; the customer id is the run's, never the plan's.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from copilot.recipients import read_contacts
from copilot.state import ContactFacts
from tools.catalogue import Catalogue, load_catalogue
from tools.churn import ChurnCLV
from tools.contact_policy import (
    ContactPolicyStatus,
    customer_policy_status,
    load_contact_policy,
)
from tools.credibility import RiskProfile
from tools.decision import Arbitration, arbitrate_customer
from tools.eligibility import Eligibility, eligibility_facts, eligibility_of
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.gaps import CoverageGaps, PeerTables, gaps_of, peer_tables
from tools.gaps.pack import load_gap_rules
from tools.nba import detect_customer_candidates
from tools.nba.config import load_trigger_config
from tools.nba.models import ActionCandidate
from tools.profile import CustomerProfile, profile_of
from tools.propensity import PropensityScore
from tools.quote import Quote, quote_of
from tools.scores import (
    CustomerScores,
    churn_clv_of,
    load_model_set,
    propensity_scores,
    risk_profile_of,
    score_snapshot,
)
from tools.snapshot import CustomerSnapshot, load_snapshot


@dataclass
class TurnInputs:
    """A turn's inputs and its tools bound to them."""

    settings: Settings
    snapshot: CustomerSnapshot
    products: list[str]
    """Product codes the advisor named (checked against the catalogue by the plan)."""
    peers: PeerTables | None
    """The book's peer tables (read only when the gaps tool is planned)."""
    catalogue: Catalogue = field(default_factory=load_catalogue)
    contact_persons: list[ContactFacts] = field(default_factory=list)
    """The customer's contact persons with their contactability, the primary one first."""

    @cached_property
    def scores(self) -> CustomerScores:
        """Return the registered models' scores of the customer (computed on first use)."""
        models = load_model_set(self.settings.models_dir)
        return score_snapshot(self.snapshot, models, self.catalogue)

    def customer_profile(self) -> CustomerProfile:
        """Describe the customer."""
        return profile_of(self.snapshot)

    def coverage_gaps(self) -> CoverageGaps:
        """List missing or inadequate covers against the book's peers."""
        assert self.peers is not None, "the gaps tool was not planned"
        return gaps_of(self.snapshot, self.peers)

    def check_eligibility(self) -> dict[str, Eligibility] | None:
        """Check the eligibility of each product named (None when none was)."""
        if not self.products:
            return None
        facts = eligibility_facts(self.snapshot)
        return {
            code: eligibility_of(self.snapshot, self.catalogue.product(code), facts)
            for code in self.products
        }

    def propensity(self) -> list[PropensityScore]:
        """Return purchase probabilities with drivers (the named products, else all not held)."""
        return propensity_scores(self.scores, self.catalogue, self.products or None)

    def risk_profile(self) -> RiskProfile:
        """Return the credibility risk profile per product."""
        return risk_profile_of(self.scores)

    def churn_clv(self) -> ChurnCLV:
        """Return churn probability and lifetime value."""
        return churn_clv_of(self.scores, self.catalogue)

    @cached_property
    def status(self) -> ContactPolicyStatus:
        """Return the customer's contact-policy status (computed once, shared by two tools)."""
        return customer_policy_status(self.snapshot, load_contact_policy())

    def contact_policy(self) -> ContactPolicyStatus:
        """Return whether sales contact is allowed now, and what blocks it."""
        return self.status

    def next_best_actions(self) -> list[ActionCandidate]:
        """Return the candidate actions of the customer's triggers (scored by the models)."""
        return detect_customer_candidates(
            self.snapshot,
            self.scores,
            self.catalogue,
            load_trigger_config(),
            load_contact_policy(),
            load_gap_rules(),
        )

    def arbitrate(self, candidates: list[ActionCandidate]) -> Arbitration:
        """Rank the candidates under the contact policy, with the why-not trace."""
        return arbitrate_customer(
            self.snapshot,
            candidates,
            self.status,
            load_contact_policy(),
            self.catalogue,
            self.scores,
        )

    def quote(self, products: Sequence[str]) -> Quote:
        """Quote indicative prices of products (the bundle where one applies)."""
        return quote_of(self.snapshot, list(products))


def load_inputs(
    settings: Settings,
    customer_id: str,
    now: datetime,
    products: Sequence[str],
    planned: Collection[str],
) -> TurnInputs:
    """Read the customer's snapshot and contact persons, and the peer tables if planned.

    The peer tables are read only when the gaps tool is planned.
    """
    with session_scope(settings) as session:
        snapshot = load_snapshot(session, customer_id, now)
        peers = peer_tables(session, now.date()) if "coverage_gaps" in planned else None
        people = read_contacts(session, snapshot.customer_id, snapshot.customer)
    return TurnInputs(settings, snapshot, list(products), peers, contact_persons=people)
