"""The ``copilot compliance`` sub-commands: lint any text with the compliance gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from copilot.compliance import ComplianceContext, ComplianceReport, DraftText, check_draft
from copilot.compliance.models import normalise_language
from copilot.compliance.rulepacks import COUNTRIES, load_rule_pack
from copilot.plan import CHANNELS
from tools.contactability import contact_channel_of
from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)

BAD_INPUT = 2


@app.callback()
def compliance() -> None:
    """Run the compliance gate on drafted texts and templates."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(BAD_INPUT)


def _read_draft(path: Path, channel: str, language: str) -> DraftText:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"cannot read draft file {path}: {error}") from None
    subject = None
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        subject, text = first.split(":", 1)[1].strip(), rest
    return DraftText(subject=subject, body=text, channel=channel, language=language)


def _read_facts(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"cannot read facts file {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise _fail(f"facts file {path} is not valid JSON: {error}") from None


def _validate(country: str, language: str, channel: str) -> str:
    if country.upper() not in COUNTRIES:
        raise _fail(f"unknown country {country!r}; use one of {', '.join(COUNTRIES)}")
    if channel not in CHANNELS:
        raise _fail(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    try:
        return normalise_language(language)
    except ValueError as error:
        raise _fail(str(error)) from None


def _print_table(report: ComplianceReport) -> None:
    console = Console()
    verdict = "[green]PASSED[/green]" if report.passed else "[red]BLOCKED[/red]"
    console.print(f"{verdict}  rule pack {report.rule_pack.id} {report.rule_pack.version}")
    if not report.findings:
        return
    table = Table("severity")
    table.add_column("rule", no_wrap=True)
    table.add_column("message")
    table.add_column("excerpt")
    for finding in report.findings:
        colour = "red" if finding.severity == "block" else "yellow"
        table.add_row(
            f"[{colour}]{finding.severity}[/{colour}]",
            finding.rule,
            finding.message,
            finding.excerpt,
        )
    console.print(table)


DraftOption = Annotated[
    list[Path],
    typer.Option(
        "--draft",
        help="Plain-text draft (a first line 'Subject: ...' is the subject), or a folder of"
        " .txt drafts; repeat the option to check several in one run.",
    ),
]
FactsOption = Annotated[
    Path, typer.Option("--facts", help="JSON facts (e.g. tool outputs); every figure is grounded.")
]
CountryOption = Annotated[str, typer.Option("--country", help="Rule pack: SE, NO, DK, FI or IS.")]
LanguageOption = Annotated[str, typer.Option("--language", help="en, sv, da, nb (no), fi or is.")]
ChannelOption = Annotated[
    str, typer.Option("--channel", help="email, call_script, portal_message or talking_points.")
]
InsurerOption = Annotated[
    str | None, typer.Option("--insurer", help="Insurer carrying the risk (default: settings).")
]
ConsentOption = Annotated[
    bool,
    typer.Option(
        "--consent/--no-consent",
        help="Assume the channel's marketing consent is on record (default: yes, for linting).",
    ),
]
RetrievedOption = Annotated[
    str | None,
    typer.Option("--retrieved", help="Comma-separated retrieved chunk ids; omitted: not checked."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def _context(
    country: str,
    language: str,
    channel: str,
    insurer: str | None,
    consent: bool,
    retrieved: str | None,
) -> ComplianceContext:
    ids = None if retrieved is None else [i.strip() for i in retrieved.split(",") if i.strip()]
    try:
        return ComplianceContext(
            country=country,
            language=language,
            channel=channel,
            insurer_name=insurer or get_settings().insurer_name,
            retrieved_chunk_ids=ids,
            consent={contact_channel_of(channel): consent},
        )
    except ValidationError as error:
        raise _fail(f"invalid options: {error}") from None


def draft_files(paths: list[Path]) -> list[Path]:
    """Return the draft files named: files as given, folders as their ``*.txt`` files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise _fail(f"folder {path} holds no .txt drafts")
            files.extend(found)
        else:
            files.append(path)
    return files


def _report_line(path: Path, report: ComplianceReport) -> str:
    return json.dumps({"file": str(path), **report.model_dump(mode="json")}, ensure_ascii=False)


@app.command("check")
def check(
    draft: DraftOption,
    facts: FactsOption,
    country: CountryOption,
    language: LanguageOption = "en",
    channel: ChannelOption = "email",
    insurer: InsurerOption = None,
    consent: ConsentOption = True,
    retrieved: RetrievedOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run the gate on drafts; exit 0 when all pass, 1 when any is blocked, 2 on bad input.

    With one draft, ``--json`` prints its report; with several (or a folder), one JSON line
    per draft with its ``file``. Every draft is read before any is checked, so a bad file
    stops the run before it reports anything.
    """
    lang = _validate(country, language, channel)
    files = draft_files(draft)
    drafts = [(path, _read_draft(path, channel, lang)) for path in files]
    fact_doc = _read_facts(facts)
    context = _context(country, lang, channel, insurer, consent, retrieved)
    reports = [(path, check_draft(text, fact_doc, context)) for path, text in drafts]
    for path, report in reports:
        if as_json and len(reports) == 1:
            typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        elif as_json:
            typer.echo(_report_line(path, report))
        else:
            if len(reports) > 1:
                Console().print(f"[bold]{path}[/bold]")
            _print_table(report)
    raise typer.Exit(0 if all(report.passed for _, report in reports) else 1)


@app.command("rules")
def rules(country: CountryOption, as_json: JsonOption = False) -> None:
    """List the rules of a country's rule pack: severity, version, channels, regulations."""
    try:
        pack = load_rule_pack(country)
    except CopilotError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(pack.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    table = Table(title=pack.description)
    table.add_column("rule", no_wrap=True)
    for column in ("severity", "version", "channels", "references"):
        table.add_column(column)
    for rule_id, setting in pack.rules.items():
        if setting.enabled:
            channels = ", ".join(setting.channels) if setting.channels else "all"
            table.add_row(
                rule_id, setting.severity, setting.version, channels, ", ".join(setting.references)
            )
    Console().print(f"rule pack {pack.id} {pack.version} (base {pack.base_version})")
    Console().print(table)
