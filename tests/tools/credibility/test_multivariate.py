import numpy as np
import pytest

from tools.credibility.multivariate import (
    CredibilityStructure,
    credibility_weights,
    fit_multivariate,
    predict_theta,
)

TRUE_THETA0 = np.array([1.0, 0.8, 1.2])
TRUE_T = np.array([[0.30, 0.15, 0.10], [0.15, 0.25, 0.12], [0.10, 0.12, 0.35]])


def _simulate(n: int = 40_000, seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    # Lognormal random effects with mean TRUE_THETA0 and covariance TRUE_T.
    sigma = np.log1p(TRUE_T / np.outer(TRUE_THETA0, TRUE_THETA0))
    mu = np.log(TRUE_THETA0) - np.diag(sigma) / 2
    theta = np.exp(rng.multivariate_normal(mu, sigma, size=n))
    owned = rng.uniform(size=(n, 3)) < 0.8
    expected = np.where(owned, rng.uniform(0.5, 3.0, size=(n, 3)), 0.0)
    counts = rng.poisson(expected * theta)
    return counts, expected, theta


@pytest.fixture(scope="module")
def simulated():
    counts, expected, theta = _simulate()
    return counts, expected, theta, fit_multivariate(counts, expected, ["A", "B", "C"])


def test_theta0_comes_back_close(simulated) -> None:
    np.testing.assert_allclose(simulated[3].theta0, TRUE_THETA0, atol=0.03)


def test_T_comes_back_close(simulated) -> None:
    np.testing.assert_allclose(simulated[3].T, TRUE_T, atol=0.04)


def test_poisson_within_variance_is_the_observed_over_expected_mean(simulated) -> None:
    counts, expected = simulated[0], simulated[1]
    np.testing.assert_allclose(simulated[3].S, counts.sum(axis=0) / expected.sum(axis=0))


def test_not_owned_product_is_predicted_better_than_the_collective(simulated) -> None:
    counts, expected, theta, structure = simulated
    predicted = predict_theta(structure, counts, expected)
    hidden = expected[:, 0] == 0
    error_model = np.mean((predicted[hidden, 0] - theta[hidden, 0]) ** 2)
    error_collective = np.mean((structure.theta0[0] - theta[hidden, 0]) ** 2)
    assert error_model < 0.95 * error_collective


def test_with_diagonal_T_a_not_owned_product_gets_theta0() -> None:
    structure = CredibilityStructure(
        theta0=np.array([1.0, 0.7]),
        T=np.diag([0.3, 0.2]),
        S=np.array([1.0, 0.7]),
        products=["A", "B"],
    )
    theta = predict_theta(structure, np.array([[5.0, 0.0]]), np.array([[1.0, 0.0]]))
    assert theta[0, 1] == pytest.approx(0.7)
    assert theta[0, 0] > 1.0


def test_weight_column_of_a_not_owned_product_is_zero() -> None:
    alpha = credibility_weights(np.array([[2.0, 0.0, 1.0]]), TRUE_T, TRUE_THETA0)
    np.testing.assert_allclose(alpha[0, :, 1], 0.0, atol=1e-12)
