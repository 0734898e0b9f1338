"""Turn per-product findings into ranked gaps (pure: no I/O)."""

from __future__ import annotations

from tools.catalogue.loader import Catalogue
from tools.gaps.models import Gap, GapReason
from tools.gaps.needs import Findings
from tools.gaps.pack import GapRulePack


def reason_points(reason: GapReason, pack: GapRulePack) -> int:
    """Return the priority points of one reason (seed key covers outrank other standards)."""
    key = "industry_key" if reason.rule_id == "industry_key_covers" else reason.kind
    return pack.priority_points[key]


def gap_points(reasons: list[GapReason], pack: GapRulePack) -> int:
    """Return a gap's points: its strongest reason, plus a bonus per further kind of reason."""
    strongest = max(reason_points(r, pack) for r in reasons)
    kinds = {r.kind for r in reasons}
    return strongest + pack.priority_points["extra_reason"] * (len(kinds) - 1)


def affinity_from_held(code: str, held: frozenset[str], catalogue: Catalogue) -> float:
    """Return the strongest catalogue affinity from a held product towards ``code``."""
    return max((catalogue.affinity.get(h, {}).get(code, 0.0) for h in held), default=0.0)


def build_gap(
    code: str,
    reasons: list[GapReason],
    held_codes: frozenset[str],
    catalogue: Catalogue,
    pack: GapRulePack,
) -> Gap:
    """Return one unranked gap (priority 0) from the reasons that flagged a product."""
    ordered = sorted(reasons, key=lambda r: -reason_points(r, pack))
    product = catalogue.products[code]
    return Gap(
        product=code,
        product_name=product.name,
        risk_area=product.risk_area,
        kind=ordered[0].kind,
        reason="; ".join(dict.fromkeys(r.reason for r in ordered)),
        evidence={r.rule_id: r.evidence for r in ordered},
        reasons=ordered,
        priority=0,
        priority_points=gap_points(ordered, pack),
        held=code in held_codes,
        missing_prerequisites=[code for code in product.requires if code not in held_codes],
    )


def rank_gaps(
    findings: Findings, held: frozenset[str], catalogue: Catalogue, pack: GapRulePack
) -> list[Gap]:
    """Return the gaps most important first, with ``priority`` 1..n.

    Order: priority points, then affinity from the products held, then the catalogue's
    cross-sales score, then the product code (so the order is total and reproducible).
    """
    gaps = [
        build_gap(code, reasons, held, catalogue, pack)
        for code, reasons in findings.items()
        if reasons
    ]
    gaps.sort(
        key=lambda g: (
            -g.priority_points,
            -affinity_from_held(g.product, held, catalogue),
            -catalogue.products[g.product].cross_sales_score,
            g.product,
        )
    )
    return [gap.model_copy(update={"priority": rank}) for rank, gap in enumerate(gaps, start=1)]
