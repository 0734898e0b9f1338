"""Credibility risk profiles: univariate and multivariate Buhlmann-Straub."""
