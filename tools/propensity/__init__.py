"""Propensity to buy each product, with drivers."""
