"""Coverage gaps: missing or inadequate cover per risk area, from versioned rules and peers."""

from tools.gaps.build import coverage_gaps
from tools.gaps.models import CoverageGaps, Gap, GapReason, GapsRequest, PeerSummary
from tools.gaps.peers import peer_holding_rates

__all__ = [
    "CoverageGaps",
    "Gap",
    "GapReason",
    "GapsRequest",
    "PeerSummary",
    "coverage_gaps",
    "peer_holding_rates",
]
