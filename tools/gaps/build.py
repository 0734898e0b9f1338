"""The ``coverage_gaps`` tool: missing or inadequate cover per risk area, each with its reasons."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.catalogue.loader import Catalogue, load_catalogue
from tools.foundation.clock import Moment
from tools.gaps.benchmarks import limit_findings, peer_findings
from tools.gaps.models import CoverageGaps, PeerRate, PeerSummary
from tools.gaps.needs import Findings, NeedFacts, expected_covers, merge, metric_findings
from tools.gaps.pack import GapRulePack, load_gap_rules
from tools.gaps.peers import PeerRate as PeerTableRate
from tools.gaps.peers import PeerTables, peer_tables
from tools.gaps.ranking import rank_gaps
from tools.growth import growth_trends
from tools.snapshot import CustomerSnapshot, load_snapshot


def need_facts(records: CustomerSnapshot, pack: GapRulePack) -> NeedFacts:
    """Return the plain values the gap rules read, from a customer's snapshot."""
    customer = records.customer
    return NeedFacts(
        industry=customer.industry_code,
        country=customer.country,
        employees=customer.employees,
        turnover_eur=customer.turnover_eur,
        held=frozenset(records.held_products),
        trends=growth_trends(records.events, records.now, pack.trend_window_days),
    )


def _peer_summary(
    facts: NeedFacts, band: str, group: dict[str, PeerTableRate], size: int, pack: GapRulePack
) -> PeerSummary:
    rates = [
        PeerRate(product=code, holders=rate.holders, rate_pct=round(100 * rate.rate, 1))
        for code, rate in sorted(group.items(), key=lambda item: (-item[1].rate, item[0]))
    ]
    return PeerSummary(
        industry=facts.industry,
        size_band=band,
        peer_count=size,
        rates=rates,
        benchmark_quoted=size >= pack.peer_benchmark.min_peers,
    )


def _held_limits(records: CustomerSnapshot) -> dict[str, int]:
    limits: dict[str, int] = {}
    for policy in records.policies_in_force:
        limits[policy.product_code] = max(limits.get(policy.product_code, 0), policy.limit_eur)
    return limits


def coverage_gaps(session: Session, customer_id: str, *, now: Moment = None) -> CoverageGaps:
    """List a customer's missing or inadequate covers, each with the rules that flagged it.

    A missing cover is flagged by the industry's key or standard covers, statutory cover in
    the customer's country, headcount rules (e.g. 15+ employees: D&O and EPL), growth rules
    (e.g. headcount +50%: workers' compensation and group life) or a peer benchmark (most
    firms of the same industry and size band hold it). A held cover is flagged for a limits
    review after growth (revenue +30%, new locations) or when its limit is well below peers'.
    Only products whose target market includes the customer are listed.

    Args:
        session: a session on the book of business.
        customer_id: the customer's id (already resolved).
        now: the moment to assess (date, datetime or ISO string); default the book's as-of.

    Returns:
        The gaps, most important first, with the peer group they were compared with.

    Raises:
        UnknownCustomer: no customer has this id.
        InvalidDate: ``now`` is not a readable date.
    """
    snapshot = load_snapshot(session, customer_id, resolve_now(session, now))
    return gaps_of(snapshot, peer_tables(session, snapshot.now.date()))


def gaps_of(records: CustomerSnapshot, peers: PeerTables) -> CoverageGaps:
    """Return the ``coverage_gaps`` of a snapshot against the book's peer tables (no I/O)."""
    catalogue, pack = load_catalogue(), load_gap_rules()
    facts = need_facts(records, pack)
    band = catalogue.size_band(facts.employees)
    key = (facts.industry, band)
    group = peers.rates.get(key, {})
    # Every peer holds some cover, so any product's rate carries the group size.
    size = next(iter(group.values())).peers if group else 0
    missing = {
        code: reasons
        for code, reasons in merge(
            expected_covers(facts, catalogue, pack),
            peer_findings(facts, group, band, catalogue, pack),
        ).items()
        if code not in facts.held
    }
    findings = merge(
        missing, _limit_reviews(records, facts, peers.limits.get(key, {}), catalogue, pack)
    )
    return CoverageGaps(
        customer_id=records.customer.id,
        customer_name=records.customer.name,
        as_of=records.now,
        held_products=sorted(facts.held),
        gaps=rank_gaps(findings, facts.held, catalogue, pack),
        peers=_peer_summary(facts, band, group, size, pack),
        rule_pack_version=pack.version,
        catalogue_version=catalogue.version,
    )


def _limit_reviews(
    records: CustomerSnapshot,
    facts: NeedFacts,
    peer_limits: dict[str, tuple[float, int]],
    catalogue: Catalogue,
    pack: GapRulePack,
) -> Findings:
    growth = metric_findings(pack.limit_review_rules, facts.trends, kind="inadequate_limit")
    reviews = merge(
        {code: reasons for code, reasons in growth.items() if code in facts.held},
        limit_findings(_held_limits(records), peer_limits, pack),
    )
    return {code: reasons for code, reasons in reviews.items() if code in catalogue.products}
