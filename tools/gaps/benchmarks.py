"""Peer-benchmark and limit findings of one customer from peer tables (pure: no I/O)."""

from __future__ import annotations

from collections import defaultdict

from tools.catalogue.loader import Catalogue
from tools.gaps.models import GapReason
from tools.gaps.needs import Findings, NeedFacts, in_target_market, industry_words
from tools.gaps.pack import GapRulePack
from tools.gaps.peers import PeerRate


def band_label(catalogue: Catalogue, band: str) -> str:
    """Return a size band in words, e.g. ``10-49 employees``."""
    bounds = catalogue.size_bands.get(band)
    if bounds is None:
        return band
    return f"{bounds['employees_min']}-{bounds['employees_max']} employees"


def peer_findings(
    facts: NeedFacts,
    group: dict[str, PeerRate],
    band: str,
    catalogue: Catalogue,
    pack: GapRulePack,
) -> Findings:
    """Return products most peers hold and the customer lacks (within its target markets).

    Args:
        facts: the customer's plain values.
        group: holding rate per product of the customer's peer group.
        band: the customer's size band.
        catalogue: the product catalogue.
        pack: the gap rule pack (minimum rate and peer count).
    """
    rule = pack.peer_benchmark
    found: Findings = defaultdict(list)
    industry = industry_words(catalogue.industries[facts.industry].label)
    for code, peer in group.items():
        product = catalogue.products.get(code)
        if product is None or code in facts.held or peer.peers < rule.min_peers:
            continue
        if peer.rate < rule.min_rate or not in_target_market(
            product, facts.industry, facts.employees, facts.turnover_eur
        ):
            continue
        pct = round(100 * peer.rate)
        found[code].append(
            GapReason(
                kind="peer_benchmark",
                rule_id="peer_benchmark",
                reason=(
                    f"{pct}% of {industry} firms with {band_label(catalogue, band)} hold"
                    f" {code} ({peer.holders} of {peer.peers} peers)"
                ),
                evidence={
                    "industry": facts.industry,
                    "size_band": band,
                    "peer_count": peer.peers,
                    "holders": peer.holders,
                    "rate_pct": pct,
                    "min_rate_pct": round(100 * rule.min_rate),
                },
            )
        )
    return found


def limit_findings(
    held_limits: dict[str, int], peer_limits: dict[str, tuple[float, int]], pack: GapRulePack
) -> Findings:
    """Return held covers whose limit is well below the peers' average limit for the product.

    Args:
        held_limits: the customer's limit per product in force (EUR).
        peer_limits: average limit and holder count per product in the peer group.
        pack: the gap rule pack (ratio and minimum holders).
    """
    rule = pack.peer_limit
    found: Findings = defaultdict(list)
    for code, limit in held_limits.items():
        average, holders = peer_limits.get(code, (0.0, 0))
        if holders < rule.min_peers or limit >= rule.below_ratio * average:
            continue
        found[code].append(
            GapReason(
                kind="inadequate_limit",
                rule_id="peer_limit",
                reason=(
                    f"{code} limit EUR {limit:,} is below the EUR {round(average, -3):,.0f}"
                    f" average of {holders} peers holding {code}"
                ),
                evidence={
                    "limit_eur": limit,
                    "peer_average_limit_eur": round(average),
                    "peer_holders": holders,
                    "below_ratio": rule.below_ratio,
                },
            )
        )
    return found
