from tools.catalogue.loader import load_catalogue
from tools.quote.table import load_rating_table


def test_every_product_has_a_tariff_claim_frequency() -> None:
    frequencies = load_rating_table().claims_experience.expected_frequency
    assert set(load_catalogue().codes) <= set(frequencies)


def test_every_country_and_size_band_has_a_factor() -> None:
    table, catalogue = load_rating_table(), load_catalogue()
    assert set(catalogue.countries) <= set(table.country_factor)
    assert set(catalogue.size_bands) <= set(table.size_band_position)


def test_claims_bands_ascend_and_end_unbounded() -> None:
    bands = load_rating_table().claims_experience.bands
    bounds = [b.max_ratio or 0.0 for b in bands[:-1]]
    assert bounds == sorted(bounds) and bands[-1].max_ratio is None


def test_amounts_round_to_the_table_step() -> None:
    assert load_rating_table().round_eur(2_044.9) == 2_040
