"""Customer profile: firmographics, policies, claims, events and derived scores with inputs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tools.profile.models import CustomerProfile, Derived, ProfileRequest

if TYPE_CHECKING:
    from tools.profile.build import customer_profile

__all__ = ["CustomerProfile", "Derived", "ProfileRequest", "customer_profile"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the gap, eligibility and quote tools import this package's leaf
    # modules (clock, records, trends) while the profile itself reads the gap rules.
    if name == "customer_profile":
        from tools.profile.build import customer_profile

        return customer_profile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
