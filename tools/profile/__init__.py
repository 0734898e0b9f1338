"""Customer profile: firmographics, policies, claims, events and derived scores with inputs."""

from tools.profile.build import customer_profile
from tools.profile.models import CustomerProfile, Derived

__all__ = ["CustomerProfile", "Derived", "customer_profile"]
