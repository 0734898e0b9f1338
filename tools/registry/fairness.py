"""Check that no protected attribute, and no obvious proxy of one, drives a model's scores."""

from __future__ import annotations

from collections.abc import Mapping

from tools.registry.metadata import FairnessCheck

PROTECTED_TERMS = (
    "gender",
    "sex",
    "age_of_owner",
    "owner_age",
    "birth",
    "ethnic",
    "race",
    "religion",
    "nationality",
    "disability",
    "health_status",
    "sexual",
    "marital",
    "pregnan",
    "union",
    "political",
)
"""Name fragments of protected attributes (GDPR Art. 9 and anti-discrimination law)."""

PROXY_TERMS = ("country", "language", "postcode", "zip", "city", "region", "name")
"""Name fragments of features that can stand in for nationality or ethnicity."""

MAX_PROXY_SHARE = 0.25
"""A proxy may take at most this share of the total absolute explanation."""


def fairness_check(features: list[str], contribution_share: Mapping[str, float]) -> FairnessCheck:
    """Return whether protected attributes are absent and proxies carry little weight.

    Args:
        features: The model's input feature names.
        contribution_share: Per feature, its share of the mean absolute contribution on the
            holdout (shares sum to 1 over features).

    Returns:
        The check result; ``passed`` is False if a protected feature exists or a proxy takes
        more than ``MAX_PROXY_SHARE`` of the explanation.
    """
    lowered = {f: f.lower() for f in features}
    protected = [f for f, low in lowered.items() if any(t in low for t in PROTECTED_TERMS)]
    proxies = [f for f, low in lowered.items() if any(t in low for t in PROXY_TERMS)]
    share = max((contribution_share.get(f, 0.0) for f in proxies), default=0.0)
    passed = not protected and share <= MAX_PROXY_SHARE
    if protected:
        note = f"Protected attributes are features: {', '.join(protected)}. Remove them."
    elif share > MAX_PROXY_SHARE:
        note = f"A possible proxy carries {share:.0%} of the explanation; review it."
    else:
        note = (
            "No protected attribute is a feature; possible proxies carry at most "
            f"{share:.0%} of the explanation (limit {MAX_PROXY_SHARE:.0%})."
        )
    return FairnessCheck(
        protected_features_found=protected,
        proxy_features_reviewed=proxies,
        max_proxy_share=float(share),
        passed=passed,
        note=note,
    )
