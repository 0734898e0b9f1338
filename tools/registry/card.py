"""Render a Markdown model card from a version's metadata (generated, never hand-edited)."""

from __future__ import annotations

from typing import Any

from tools.registry.metadata import ModelMetadata


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _table(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    columns = list(dict.fromkeys(c for _, v in rows for c in v))
    lines = ["| | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, values in rows:
        lines.append(f"| {name} | " + " | ".join(_fmt(values.get(c, "")) for c in columns) + " |")
    return lines


def _metrics_section(metrics: dict[str, Any]) -> list[str]:
    if not metrics:
        return ["No holdout metrics were recorded."]
    lines = [f"- {k}: {_fmt(v)}" for k, v in metrics.items() if not isinstance(v, dict)]
    groups: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]] = {}
    for name, values in metrics.items():
        if isinstance(values, dict):
            groups.setdefault(tuple(values), []).append((name, values))
    for rows in groups.values():
        lines += ["", *_table(rows)]
    return lines


def _calibration_section(calibration: dict[str, Any]) -> list[str]:
    if not calibration:
        return ["No reliability table was recorded."]
    lines: list[str] = []
    for name, table in calibration.items():
        lines += [
            f"**{name}**",
            "",
            "| bin | n | mean predicted | observed rate |",
            "|---|---|---|---|",
        ]
        for row in table:
            lines.append(
                f"| {row['bin']} | {row['n']} | {row['mean_predicted']:.4f} "
                f"| {row['observed_rate']:.4f} |"
            )
        lines.append("")
    return lines


def _fairness_section(meta: ModelMetadata) -> list[str]:
    check = meta.fairness
    if check is None:
        return ["Not applicable: this model has no customer features (claims experience only)."]
    return [
        f"- Result: {'passed' if check.passed else 'FAILED'}",
        f"- Protected attributes among the features: {check.protected_features_found or 'none'}",
        f"- Possible proxies reviewed: {', '.join(check.proxy_features_reviewed) or 'none'}",
        f"- Largest share of explanation taken by a proxy: {check.max_proxy_share:.1%}",
        f"- {check.note}",
    ]


_FEEDBACK_LABELS = {
    "settled_offers": "Settled offers (accepted, declined or no response)",
    "accepted": "of which accepted",
    "offers_with_rating": "Offers whose recommendation an advisor rated",
    "excluded_not_about_fit": "Negatives excluded (rated wrong timing, tone or already discussed)",
    "confirmed_negatives": "Negatives counted twice (rated 1-2 stars: not relevant, wrong product)",
    "rating_only_negatives": "Low fit ratings of recommendations never presented (negatives)",
    "recommendation_ratings": "Recommendation ratings read",
    "rows_used": "Rows the offsets were fitted on",
    "rows_skipped": "Rows skipped (product held or no policy in force that day)",
}


def _feedback_section(feedback: dict[str, Any] | None) -> list[str]:
    if feedback is None:
        return []
    lines = [
        "",
        "## Learning from outcomes and advisors' ratings",
        f"- Rules version: {feedback.get('rules_version', '-')} (`tools/learning/feedback.py`)",
    ]
    lines += [f"- {label}: {feedback.get(key, 0)}" for key, label in _FEEDBACK_LABELS.items()]
    reasons = feedback.get("ratings_by_reason") or {}
    shown = ", ".join(f"{code} {count}" for code, count in reasons.items()) or "none"
    lines.append(f"- Reason codes of the ratings read: {shown}")
    offsets = feedback.get("offsets") or {}
    if not offsets:
        return [*lines, "- No offsets: nothing settled to learn from yet."]
    used = feedback.get("rows_by_product") or {}
    lines += ["", "| product | rows | log-odds offset |", "|---|---|---|"]
    lines += [f"| {code} | {used.get(code, '')} | {d:+.3f} |" for code, d in offsets.items()]
    return lines


def render_model_card(meta: ModelMetadata) -> str:
    """Return the Markdown model card of one model version.

    Args:
        meta: The version's metadata.

    Returns:
        Markdown text with data, features, metrics, calibration, limits and fairness sections.
    """
    lines = [
        f"# Model card: {meta.kind} `{meta.version}`",
        "",
        "## Data",
        f"- Trained at: {meta.trained_at.isoformat()}",
        f"- Data snapshot: {meta.data_snapshot}",
        f"- Source: {meta.data_source}",
        f"- Training rows: {meta.n_rows}",
        f"- Learner: {meta.learner}",
        "",
        "## Features",
        ", ".join(f"`{f}`" for f in meta.features) or "none",
        "",
        "## Metrics (holdout; how each was measured is in the limits and notes)",
        *_metrics_section(meta.metrics),
        "",
        "## Calibration",
        *_calibration_section(meta.calibration),
        "",
        "## Fairness",
        *_fairness_section(meta),
        "",
        "## Known limits",
        *([f"- {item}" for item in meta.limits] or ["- none recorded"]),
        *_feedback_section(meta.feedback),
    ]
    for key, value in meta.notes.items():
        lines += ["", f"## {key}", str(value)]
    return "\n".join(lines) + "\n"
