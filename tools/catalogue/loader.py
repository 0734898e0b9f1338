"""Load the versioned product catalogue and industry tables (YAML files beside this module)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from tools.foundation.errors import UnknownProduct

CATALOGUE_DIR = Path(__file__).parent


class PremiumRange(BaseModel):
    """Indicative annual premium range in EUR."""

    min: int = Field(description="Lower end of the indicative range, EUR per year.")
    max: int = Field(description="Upper end of the indicative range, EUR per year.")


class TargetMarket(BaseModel):
    """Who a product is designed for (the distribution directive's target market)."""

    industries: list[str] = Field(description="Industry codes, or ['*'] for every industry.")
    employees_min: int = Field(1, description="Smallest headcount in the target market.")
    employees_max: int = Field(249, description="Largest headcount in the target market.")
    turnover_min_eur: int = Field(0, description="Smallest annual turnover, EUR.")
    turnover_max_eur: int = Field(50_000_000, description="Largest annual turnover, EUR.")

    def covers_industry(self, industry: str) -> bool:
        """Return whether the industry is in the target market."""
        return "*" in self.industries or industry in self.industries


class Product(BaseModel):
    """One product line of the catalogue."""

    code: str = Field(description="Stable product code, e.g. CYBER.")
    name: str = Field(description="Display name.")
    family: str = Field(description="Family code: core, property, people or specialty.")
    risk_area: str = Field(description="property, liability, cyber, employees or financial.")
    description: str = Field(description="One-line description of the cover.")
    premium_eur: PremiumRange = Field(description="Indicative annual premium range.")
    cross_sales_score: int = Field(description="Seed cross-sales potential, 0-100.")
    estimated: bool = Field(False, description="True when the figures are ours, not the seed's.")
    target_market: TargetMarket = Field(description="Designed-for market.")
    requires: list[str] = Field(default_factory=list, description="Prerequisite products.")
    mandatory_in: list[str] = Field(
        default_factory=list, description="Countries where the cover is statutory."
    )


class Bundle(BaseModel):
    """A discounted combination of products; each part stays purchasable on its own."""

    code: str = Field(description="Bundle code.")
    name: str = Field(description="Display name.")
    products: list[str] = Field(description="Product codes in the bundle.")
    min_products: int = Field(2, description="Fewest bundle products that earn the discount.")
    discount_pct: float = Field(description="Discount on the sum of separate prices, percent.")


class Industry(BaseModel):
    """An industry group of the book."""

    code: str = Field(description="Industry code, e.g. it_services.")
    label: str = Field(description="Display label.")
    nace: str = Field(description="NACE rev. 2 code.")
    book_share: float = Field(description="Share of the synthetic book.")
    risk: float = Field(description="Relative claim frequency of the industry.")
    standard_covers: list[str] = Field(description="Covers industry peers are expected to hold.")


class Catalogue(BaseModel):
    """The whole versioned catalogue."""

    version: str = Field(description="Catalogue version, stored with every decision.")
    products: dict[str, Product] = Field(description="Products by code.")
    affinity: dict[str, dict[str, float]] = Field(description="Cross-sell affinity a -> b.")
    bundles: dict[str, Bundle] = Field(description="Bundles by code.")
    industries: dict[str, Industry] = Field(description="Industries by code.")
    countries: dict[str, dict[str, str | float]] = Field(description="Country table.")
    size_bands: dict[str, dict[str, int]] = Field(description="Size bands by name.")

    @property
    def codes(self) -> list[str]:
        """Return every product code in catalogue order."""
        return list(self.products)

    def product(self, code: str) -> Product:
        """Return a product by code.

        Raises:
            UnknownProduct: the code is not in the catalogue.
        """
        try:
            return self.products[code.upper()]
        except KeyError:
            raise UnknownProduct(code, self.codes) from None

    def mid_premium(self) -> dict[str, float]:
        """Return the middle of each product's indicative premium range, EUR."""
        return {c: (p.premium_eur.min + p.premium_eur.max) / 2 for c, p in self.products.items()}

    def size_band(self, employees: int) -> str:
        """Return the size band (micro, small, medium) of a headcount."""
        for name, band in self.size_bands.items():
            if band["employees_min"] <= employees <= band["employees_max"]:
                return name
        return "medium" if employees > 249 else "micro"


def _read(name: str) -> dict[str, Any]:
    with (CATALOGUE_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """Load and validate the catalogue (cached: the files are versioned, not edited live)."""
    products_doc = _read("products.yaml")
    industries_doc = _read("industries.yaml")
    products = {code: Product(code=code, **body) for code, body in products_doc["products"].items()}
    bundles = {code: Bundle(code=code, **body) for code, body in products_doc["bundles"].items()}
    industries = {
        code: Industry(code=code, **body) for code, body in industries_doc["industries"].items()
    }
    return Catalogue(
        version=products_doc["version"],
        products=products,
        affinity=products_doc["affinity"],
        bundles=bundles,
        industries=industries,
        countries=industries_doc["countries"],
        size_bands=industries_doc["size_bands"],
    )
