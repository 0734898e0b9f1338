"""Credibility risk profiles: univariate and multivariate Buhlmann-Straub (Thuring et al.)."""

from tools.credibility.buhlmann_straub import BuhlmannStraubFit, fit_buhlmann_straub
from tools.credibility.multivariate import CredibilityStructure, fit_multivariate, predict_theta
from tools.credibility.profile import (
    ProductRisk,
    RiskProfile,
    profile_from_part,
    risk_book,
    risk_profile,
)
from tools.credibility.scorer import (
    CredibilityPart,
    CredibilityScorer,
    CustomerExperience,
    credibility_scorer,
    experience_of,
)

__all__ = [
    "BuhlmannStraubFit",
    "CredibilityPart",
    "CredibilityScorer",
    "CredibilityStructure",
    "CustomerExperience",
    "ProductRisk",
    "RiskProfile",
    "credibility_scorer",
    "experience_of",
    "fit_buhlmann_straub",
    "fit_multivariate",
    "predict_theta",
    "profile_from_part",
    "risk_book",
    "risk_profile",
]
