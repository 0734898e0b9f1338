"""Propensity to buy each product in the next 12 months, with drivers in plain words."""

from tools.propensity.drivers import Driver
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.scoring import PropensityScore, score_book, score_customer

__all__ = ["Driver", "PropensityClassifier", "PropensityScore", "score_book", "score_customer"]
