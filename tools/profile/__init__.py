"""Customer profile: firmographics, policies, claims, events and derived scores with inputs."""

from tools.profile.build import customer_profile, profile_of
from tools.profile.models import CustomerProfile, Derived, ProfileRequest

__all__ = ["CustomerProfile", "Derived", "ProfileRequest", "customer_profile", "profile_of"]
