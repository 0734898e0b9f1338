"""Load the versioned rating table (``rating.yaml`` beside this module)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

RATING_PATH = Path(__file__).parent / "rating.yaml"


class ClaimsBand(BaseModel):
    """A claims-experience band: observed/expected claims up to ``max_ratio``."""

    max_ratio: float | None = Field(description="Upper bound of the ratio; None: unbounded.")
    factor: float = Field(description="Premium factor of the band.")
    label: str = Field(description="The band in plain words.")


class ClaimsExperience(BaseModel):
    """How claims history moves the premium."""

    window_years: int = Field(description="Years of claims and exposure compared.")
    min_expected_claims: float = Field(description="Below this expectation: no claims factor.")
    size_exponent: float = Field(description="Tariff size scaling exponent.")
    expected_frequency: dict[str, float] = Field(description="Tariff claims per policy-year.")
    bands: list[ClaimsBand] = Field(description="Bands in ascending ratio order.")

    def band(self, ratio: float) -> ClaimsBand:
        """Return the band of an observed/expected claims ratio."""
        for band in self.bands:
            if band.max_ratio is None or ratio <= band.max_ratio:
                return band
        return self.bands[-1]


class RatingTable(BaseModel):
    """The whole versioned rating table."""

    version: str = Field(description="Rating-table version, stored with every quote.")
    currency: str = Field(description="Currency of every figure.")
    label: str = Field(description="The label every quote carries.")
    rounding_eur: int = Field(description="Figures are rounded to this many EUR.")
    spread_pct: float = Field(description="Half-width of the indicative range, percent.")
    size_band_position: dict[str, float] = Field(description="Point in the range by size band.")
    industry_weight: float = Field(description="Weight of industry risk in its factor.")
    country_factor: dict[str, float] = Field(description="Factor by country.")
    claims_experience: ClaimsExperience = Field(description="Claims-experience rating.")

    def round_eur(self, amount: float) -> int:
        """Return an amount rounded to the table's EUR step."""
        step = self.rounding_eur
        return int(round(amount / step) * step)


@lru_cache(maxsize=1)
def load_rating_table() -> RatingTable:
    """Load and validate the rating table (cached: the file is versioned)."""
    with RATING_PATH.open(encoding="utf-8") as handle:
        return RatingTable.model_validate(yaml.safe_load(handle))
