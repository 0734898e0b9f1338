from datetime import date

from tools.catalogue.loader import load_catalogue
from tools.quote.rating import Exposure, RatingFacts, claims_factor, expected_claims, rate_product
from tools.quote.table import load_rating_table

TODAY = date(2026, 11, 22)


def _facts(**overrides: object) -> RatingFacts:
    values: dict[str, object] = {
        "industry": "it_services",
        "industry_risk": 0.9,
        "country": "SE",
        "employees": 15,
        "size_band": "small",
        "claims_observed": 0,
        "claims_expected": 0.0,
    }
    values.update(overrides)
    return RatingFacts(**values)  # type: ignore[arg-type]


def test_a_bigger_size_band_sits_higher_in_the_catalogue_range() -> None:
    cyber, table = load_catalogue().products["CYBER"], load_rating_table()
    small = rate_product(cyber, _facts(), table)[0]
    medium = rate_product(cyber, _facts(size_band="medium"), table)[0]
    assert medium > small


def test_claims_worse_than_tariff_raise_the_factor() -> None:
    table = load_rating_table()
    assert claims_factor(3, 1.0, table)[0] > claims_factor(1, 1.0, table)[0]


def test_a_claims_free_history_earns_the_better_than_tariff_factor() -> None:
    factor, label = claims_factor(0, 1.0, load_rating_table())
    assert factor < 1 and label == "better than tariff"


def test_too_little_history_is_neutral() -> None:
    assert claims_factor(0, 0.01, load_rating_table()) == (
        1.0,
        "too little claims history with us to rate",
    )


def test_expected_claims_count_only_exposure_inside_the_window() -> None:
    table = load_rating_table()
    old = Exposure("GL", date(2010, 1, 1), date(2015, 1, 1))
    recent = Exposure("GL", date(2023, 11, 22), None)
    assert expected_claims([old], TODAY, 10, 1.0, table) == 0
    assert round(expected_claims([recent], TODAY, 10, 1.0, table), 2) == 0.24
