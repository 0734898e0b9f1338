"""The ``copilot report`` sub-commands: conversion of presented offers."""

from __future__ import annotations

from typing import Annotated

import typer

from tools.book.schema import ensure_schema
from tools.contact_policy import load_contact_policy
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.foundation.settings import get_settings
from tools.learning.alert_rules import alert_rules
from tools.learning.alerts import check_alerts, list_alerts
from tools.learning.conversion import (
    ConversionReport,
    Dimension,
    UnknownDimension,
    conversion_report,
    parse_dimensions,
)

app = typer.Typer(no_args_is_help=True)


@app.callback()
def report() -> None:
    """Reports on the learning loop."""


def _dimensions(text: str) -> list[Dimension]:
    try:
        return parse_dimensions(text)
    except UnknownDimension as error:
        raise typer.BadParameter(str(error), param_hint="--by") from None


def _rate(conversions: int, offers: int) -> str:
    return f"{conversions}/{offers} ({conversions / offers:.1%})" if offers else "0/0"


def _print(result: ConversionReport) -> None:
    typer.echo(f"All offers: {_rate(result.total.conversions, result.total.offers)} accepted")
    for row in result.rows:
        label = ", ".join(f"{k}={v}" for k, v in row.group.items())
        typer.echo(f"  {label}: {_rate(row.conversions, row.offers)}, {row.quotes} quotes")
    for arm, lift in result.uplift.items():
        if lift.uplift is None:
            typer.echo(f"Uplift of {arm} over control: no control offers yet")
        else:
            low, high = lift.ci_low or 0.0, lift.ci_high or 0.0
            typer.echo(
                f"Uplift of {arm} over control: {lift.uplift * 100:+.1f} points "
                f"(95 % CI {low * 100:+.1f} to {high * 100:+.1f})"
            )
    response = result.response_time
    typer.echo(
        f"High-priority triggers contacted within {response.target_hours} h: "
        f"{response.within_target}/{response.offers}"
    )


@app.command()
def conversion(
    by: Annotated[
        str, typer.Option(help="Group by: product,trigger,channel,model_version,arm.")
    ] = "product",
    json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Conversion of presented offers per group, uplift over control, and response time."""
    dimensions = _dimensions(by)
    settings = get_settings()
    ensure_schema(settings)
    with session_scope(settings) as session:
        result = conversion_report(session, dimensions, load_contact_policy().experiment)
    if json:
        typer.echo(result.model_dump_json())
    else:
        _print(result)


@app.command()
def alerts(
    check: Annotated[
        bool, typer.Option("--check", help="Check the window ending now first.")
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the alerts as JSON lines.")] = False,
) -> None:
    """List the learning loop's alerts (conversion below priority, score drift), newest first."""
    settings = get_settings()
    ensure_schema(settings)
    with session_scope(settings) as session:
        if check:
            raised = check_alerts(session, utc_now(), alert_rules(settings))
            typer.echo(f"Raised {len(raised)} new alerts.", err=json)
        stored = list_alerts(session)
    for alert in stored:
        if json:
            typer.echo(alert.model_dump_json())
        else:
            typer.echo(
                f"{alert.raised_at:%Y-%m-%d %H:%M} {alert.kind} {alert.subject}: "
                f"{alert.value:.3f} against {alert.threshold:.3f}"
            )
