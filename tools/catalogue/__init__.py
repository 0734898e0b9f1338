"""The versioned product catalogue: products, affinities, bundles, industries and countries."""

from tools.catalogue.loader import Catalogue, Product, load_catalogue

__all__ = ["Catalogue", "Product", "load_catalogue"]
