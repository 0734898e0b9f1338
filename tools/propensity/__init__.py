"""Propensity to buy each product in the next 12 months, with drivers in plain words."""

from tools.propensity.drivers import Driver
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.scorer import PropensityPart, PropensityScorer, propensity_scorer
from tools.propensity.scoring import PropensityScore, score_book, score_customer, scores_from_part
from tools.propensity.vector import CustomerVector, customer_vector

__all__ = [
    "CustomerVector",
    "Driver",
    "PropensityClassifier",
    "PropensityPart",
    "PropensityScore",
    "PropensityScorer",
    "customer_vector",
    "propensity_scorer",
    "score_book",
    "score_customer",
    "scores_from_part",
]
