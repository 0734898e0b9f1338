"""``copilot simulate``: play the learning loop on a generated book and print what it measured."""

from __future__ import annotations

from typing import Annotated

import typer

from evals.simulation.loop import simulate as run_simulation
from evals.simulation.models import SimulationResult, SimulationSpec


def _points(name: str, value: float, low: float | None, high: float | None) -> str:
    return (
        f"{name} {value * 100:+.1f} points "
        f"(95 % CI {(low or 0.0) * 100:+.1f} to {(high or 0.0) * 100:+.1f})"
    )


def _print(result: SimulationResult) -> None:
    typer.echo(f"{result.offers} offers to {result.customers} customers over {result.days} days")
    typer.echo(
        f"Conversion before retraining {result.conversion_before:.1%} "
        f"(expected {result.expected_before:.1%}), after {result.conversion_after:.1%} "
        f"(expected {result.expected_after:.1%}; oracle {result.oracle_expected:.1%})"
    )
    if result.retraining_gain is not None:
        gain, low, high = (
            result.retraining_gain,
            result.retraining_gain_ci_low,
            result.retraining_gain_ci_high,
        )
        typer.echo(_points("Retraining gain", gain, low, high))
    typer.echo(
        f"Retraining learned from {result.outcomes_learned} outcomes and ratings "
        f"({result.ratings_used} advisor ratings)"
    )
    typer.echo(
        f"Treated {result.treated_conversion:.1%} vs control {result.control_conversion:.1%} "
        f"({result.control_customers} customers)"
    )
    if result.uplift is not None:
        typer.echo(_points("Uplift", result.uplift, result.uplift_ci_low, result.uplift_ci_high))


def simulate(
    days: Annotated[int, typer.Option(min=2, help="Length of the run; retrain halfway.")] = 90,
    customers: Annotated[int, typer.Option(min=50, help="Customers in the generated book.")] = 600,
    seed: Annotated[int, typer.Option(help="Seed of the book and the responses.")] = 11,
    response_spread: Annotated[
        float,
        typer.Option(min=0, max=2, help="Assumed spread of products' response to offers."),
    ] = 0.5,
    json: Annotated[bool, typer.Option("--json", help="End with one JSON line.")] = False,
) -> None:
    """Recommend, present, draw outcomes from the ground truth, retrain, recommend again."""
    spec = SimulationSpec(
        days=days, customers=customers, seed=seed, response_spread=response_spread
    )
    result = run_simulation(spec)
    _print(result)
    if json:
        typer.echo(result.model_dump_json())
