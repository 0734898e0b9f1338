"""Derive segment, lifecycle, risk, engagement and coverage from plain values (no I/O).

Each function reads only its arguments and the versioned thresholds, so the batch path can
evaluate the same thresholds column-wise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from tools.catalogue.loader import Catalogue
from tools.gaps.needs import Findings
from tools.growth.trends import EventLike, GrowthTrends
from tools.profile.derivation import EngagementRule, LifecycleRule, RiskRule
from tools.profile.models import AreaCoverage, Derived, Level, Lifecycle, Segment

RISK_AREAS = ("property", "liability", "cyber", "employees", "financial")
SELF_SERVICE_EVENTS = ("portal_login", "document_download", "quote_request")


def derive_segment(employees: int, catalogue: Catalogue) -> Derived[Segment]:
    """Return the size segment (micro, small, medium) of a headcount."""
    band = catalogue.size_band(employees)
    bounds = catalogue.size_bands[band]
    return Derived[Segment](
        value=band,
        label=f"{band} ({bounds['employees_min']}-{bounds['employees_max']} employees)",
        rule="catalogue size bands by headcount",
        inputs={"employees": employees, "size_bands": catalogue.size_bands},
    )


def _level(score: float, levels: dict[str, int]) -> str:
    reached = [name for name, low in levels.items() if score >= low]
    return (
        max(reached, key=lambda name: levels[name])
        if reached
        else min(levels, key=lambda n: levels[n])
    )


def derive_lifecycle(
    founded: date, now: datetime, trends: GrowthTrends, rule: LifecycleRule
) -> Derived[Lifecycle]:
    """Return the lifecycle stage: startup (young), growth, declining or mature (stable)."""
    age = (now.date() - founded).days / 365.25
    changes = [c.growth_pct for c in (trends.revenue, trends.headcount) if c is not None]
    stage: Lifecycle = "mature"
    if age < rule.startup_max_age_years:
        stage = "startup"
    elif any(pct >= rule.growth_min_pct for pct in changes):
        stage = "growth"
    elif any(pct <= rule.decline_max_pct for pct in changes):
        stage = "declining"
    return Derived[Lifecycle](
        value=stage,
        label=stage,
        rule=(
            f"startup if founded under {rule.startup_max_age_years:g} years ago; growth if"
            f" revenue or headcount rose {rule.growth_min_pct:g}% or more in"
            f" {trends.window_days} days; declining if either fell {-rule.decline_max_pct:g}%"
            " or more; otherwise mature"
        ),
        inputs={
            "company_age_years": round(age, 1),
            "revenue_growth_pct": trends.revenue.growth_pct if trends.revenue else None,
            "headcount_growth_pct": trends.headcount.growth_pct if trends.headcount else None,
            "trend_window_days": trends.window_days,
        },
    )


def derive_risk_score(
    industry: str, industry_risk: float, band: str, claims: int, open_claims: int, rule: RiskRule
) -> Derived[int]:
    """Return the risk score 1-100 from industry risk, size band and recent claims."""
    industry_points = rule.industry_weight * industry_risk
    claim_points = min(rule.points_per_claim * claims, rule.max_claim_points)
    open_points = rule.open_claim_points if open_claims else 0
    total = industry_points + rule.size_points[band] + claim_points + open_points
    score = int(min(100, max(1, round(total))))
    level = _level(score, rule.levels)
    return Derived[int](
        value=score,
        label=f"{level} risk ({score}/100)",
        rule=(
            f"{rule.industry_weight:g} x industry risk + size-band points"
            f" + {rule.points_per_claim} per claim (max {rule.max_claim_points})"
            f" + {rule.open_claim_points} if a claim is open, clipped to 1-100"
        ),
        inputs={
            "industry": industry,
            "industry_risk": industry_risk,
            "industry_points": round(industry_points, 1),
            "size_band": band,
            "size_points": rule.size_points[band],
            "claims_in_window": claims,
            "claim_points": claim_points,
            "open_claims": open_claims,
            "open_claim_points": open_points,
            "level": level,
        },
    )


def _count(events: Iterable[EventLike], kinds: tuple[str, ...], start: datetime) -> int:
    return sum(1 for e in events if e.event_type in kinds and e.occurred_at >= start)


def derive_engagement(
    events: list[EventLike], now: datetime, rule: EngagementRule
) -> Derived[Level]:
    """Return the engagement level from self-service actions, with the recent-week figures."""
    window_start = now - timedelta(days=rule.window_days)
    spike_start = now - timedelta(days=rule.spike_days)
    actions = _count(events, SELF_SERVICE_EVENTS, window_start)
    recent = _count(events, SELF_SERVICE_EVENTS, spike_start)
    baseline = actions - recent
    periods = max((rule.window_days - rule.spike_days) / rule.spike_days, 1.0)
    baseline_rate = baseline / periods
    level: Level = _level(actions, rule.levels)  # type: ignore[assignment]
    change = round(100 * (recent - baseline_rate) / baseline_rate) if baseline_rate else None
    return Derived[Level](
        value=level,
        label=f"{level} engagement ({actions} self-service actions in {rule.window_days} days)",
        rule=f"self-service actions in the last {rule.window_days} days; levels {rule.levels}",
        inputs={
            "window_days": rule.window_days,
            "actions_in_window": actions,
            "logins_in_window": _count(events, ("portal_login",), window_start),
            "downloads_in_window": _count(events, ("document_download",), window_start),
            "quote_requests_in_window": _count(events, ("quote_request",), window_start),
            f"logins_last_{rule.spike_days}_days": _count(events, ("portal_login",), spike_start),
            f"actions_last_{rule.spike_days}_days": recent,
            f"baseline_actions_per_{rule.spike_days}_days": round(baseline_rate, 2),
            "activity_change_pct": change,
        },
    )


def derive_coverage(
    expected: Findings, held: set[str], catalogue: Catalogue
) -> tuple[Derived[int], list[AreaCoverage]]:
    """Return the coverage score (share of expected covers held) and coverage per risk area."""
    areas = []
    for area in RISK_AREAS:
        due = sorted(c for c in expected if catalogue.products[c].risk_area == area)
        mine = sorted(
            c for c in held if c in catalogue.products and catalogue.products[c].risk_area == area
        )
        missing = [c for c in due if c not in held]
        score = round(100 * (len(due) - len(missing)) / len(due)) if due else None
        areas.append(AreaCoverage(area=area, score=score, expected=due, held=mine, missing=missing))
    due_all = sorted(expected)
    covered = [c for c in due_all if c in held]
    score = round(100 * len(covered) / len(due_all)) if due_all else 100
    derived = Derived[int](
        value=score,
        label=f"{score}/100 ({len(covered)} of {len(due_all)} expected covers held)",
        rule="share of the covers the gap rules expect (industry, statutory, size, growth) held",
        inputs={
            "expected": {code: [r.rule_id for r in expected[code]] for code in due_all},
            "held_expected": covered,
        },
    )
    return derived, areas
