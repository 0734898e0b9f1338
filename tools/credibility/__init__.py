"""Credibility risk profiles: univariate and multivariate Buhlmann-Straub (Thuring et al.)."""

from tools.credibility.buhlmann_straub import BuhlmannStraubFit, fit_buhlmann_straub
from tools.credibility.multivariate import CredibilityStructure, fit_multivariate, predict_theta
from tools.credibility.profile import ProductRisk, RiskProfile, risk_book, risk_profile

__all__ = [
    "BuhlmannStraubFit",
    "CredibilityStructure",
    "ProductRisk",
    "RiskProfile",
    "fit_buhlmann_straub",
    "fit_multivariate",
    "predict_theta",
    "risk_book",
    "risk_profile",
]
