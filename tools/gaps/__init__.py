"""Coverage gaps: missing or inadequate cover per risk area, from versioned rules and peers."""

from tools.gaps.build import coverage_gaps, gaps_of
from tools.gaps.models import CoverageGaps, Gap, GapReason, GapsRequest, PeerSummary
from tools.gaps.peers import PeerTables, peer_holding_rates, peer_tables

__all__ = [
    "CoverageGaps",
    "Gap",
    "GapReason",
    "GapsRequest",
    "PeerSummary",
    "PeerTables",
    "coverage_gaps",
    "gaps_of",
    "peer_holding_rates",
    "peer_tables",
]
