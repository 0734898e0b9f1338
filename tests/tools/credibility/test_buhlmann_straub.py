import numpy as np
import pytest

from tools.credibility.buhlmann_straub import fit_buhlmann_straub

# Hachemeister (1975) data as printed in R actuar's documentation: 5 states x 12 quarters.
RATIOS = np.array(
    [
        [1738, 1642, 1794, 2051, 2079, 2234, 2032, 2035, 2115, 2262, 2267, 2517],
        [1364, 1408, 1597, 1444, 1342, 1675, 1470, 1448, 1464, 1831, 1612, 1471],
        [1759, 1685, 1479, 1763, 1674, 2103, 1502, 1622, 1828, 2155, 2233, 2059],
        [1223, 1146, 1010, 1257, 1426, 1532, 1953, 1123, 1343, 1243, 1762, 1306],
        [1456, 1499, 1609, 1741, 1482, 1572, 1606, 1735, 1607, 1573, 1613, 1690],
    ],
    dtype=float,
)
WEIGHTS = np.array(
    [
        [7861, 9251, 8706, 8575, 7917, 8263, 9456, 8003, 7365, 7832, 7849, 9077],
        [1622, 1742, 1523, 1515, 1622, 1602, 1964, 1515, 1527, 1748, 1654, 1861],
        [1147, 1357, 1329, 1204, 998, 1077, 1277, 1218, 896, 1003, 1108, 1121],
        [407, 396, 348, 341, 315, 328, 352, 331, 287, 384, 321, 342],
        [2902, 3172, 3046, 3068, 2693, 2910, 3275, 2697, 2663, 3017, 3242, 3425],
    ],
    dtype=float,
)


@pytest.fixture(scope="module")
def fit():
    return fit_buhlmann_straub(RATIOS, WEIGHTS)


def test_collective_mean_matches_actuar(fit) -> None:
    assert fit.collective_mean == pytest.approx(1683.713, abs=1e-3)


def test_between_variance_matches_actuar(fit) -> None:
    assert fit.between_variance == pytest.approx(89638.73, abs=1e-2)


def test_within_variance_matches_actuar(fit) -> None:
    assert fit.within_variance == pytest.approx(139120026, abs=1)


def test_credibility_factors_match_actuar_to_1e_6(fit) -> None:
    expected = [0.9847404, 0.9276352, 0.8984754, 0.7279092, 0.9587911]
    np.testing.assert_allclose(fit.credibility, expected, atol=1e-6)


def test_premiums_match_actuar(fit) -> None:
    expected = [2055.165, 1523.706, 1793.444, 1442.967, 1603.285]
    np.testing.assert_allclose(fit.premiums, expected, atol=1e-3)


def test_collective_mean_is_not_the_exposure_weighted_mean(fit) -> None:
    exposure_mean = (RATIOS * WEIGHTS).sum() / WEIGHTS.sum()
    assert exposure_mean == pytest.approx(1865.40, abs=0.01)
    assert abs(fit.collective_mean - exposure_mean) > 100
