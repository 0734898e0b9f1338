from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copilot.cli.compliance_cmd import app
from tests.copilot.compliance.conftest import ENGLISH_EMAIL, FACTS

runner = CliRunner()


def _files(tmp_path: Path, text: str, facts: str) -> list[str]:
    draft, fact_file = tmp_path / "draft.txt", tmp_path / "facts.json"
    draft.write_text(text, encoding="utf-8")
    fact_file.write_text(facts, encoding="utf-8")
    return [
        "--draft",
        str(draft),
        "--facts",
        str(fact_file),
        "--country",
        "SE",
        "--language",
        "en",
        "--channel",
        "email",
    ]


def test_compliant_template_exits_0(tmp_path: Path) -> None:
    args = _files(
        tmp_path, "Subject: Cyber cover for 15 employees\n" + ENGLISH_EMAIL, json.dumps(FACTS)
    )
    result = runner.invoke(app, ["check", *args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["passed"] is True


def test_blocked_template_exits_1_with_json_findings(tmp_path: Path) -> None:
    args = _files(tmp_path, "Subject: Save EUR 999\n" + ENGLISH_EMAIL, json.dumps(FACTS))
    result = runner.invoke(app, ["check", *args, "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["passed"] is False
    assert {"rule", "severity", "message", "excerpt"} <= set(report["findings"][0])
    assert "999" in [finding["excerpt"] for finding in report["findings"]]


def test_no_consent_option_blocks(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, json.dumps(FACTS))
    assert runner.invoke(app, ["check", *args, "--no-consent"]).exit_code == 1


def test_retrieved_option_checks_citations_origin(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, json.dumps(FACTS))
    assert runner.invoke(app, ["check", *args, "--retrieved", "kb:a,kb:b"]).exit_code == 0


def test_invalid_json_facts_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", *_files(tmp_path, ENGLISH_EMAIL, "{not json")])
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_country_exits_2(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, "{}")
    args[args.index("SE")] = "XX"
    assert runner.invoke(app, ["check", *args]).exit_code == 2


def test_unknown_language_exits_2(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, "{}")
    args[args.index("en")] = "de"
    assert runner.invoke(app, ["check", *args]).exit_code == 2


def test_missing_draft_file_exits_2(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, "{}")
    args[1] = str(tmp_path / "missing.txt")
    assert runner.invoke(app, ["check", *args]).exit_code == 2


def test_rules_lists_the_pack_as_json() -> None:
    result = runner.invoke(app, ["rules", "--country", "DK", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rules"]["claims.urgency"]["severity"] == "block"


def test_rules_unknown_country_exits_2() -> None:
    assert runner.invoke(app, ["rules", "--country", "XX"]).exit_code == 2


@pytest.mark.slow  # imports every sub-command (chromadb, sklearn...)
def test_main_cli_routes_compliance_check(tmp_path: Path) -> None:
    from copilot.cli.main import app as main_app

    args = _files(tmp_path, ENGLISH_EMAIL, json.dumps(FACTS))
    result = runner.invoke(main_app, ["compliance", "check", *args, "--json"])
    assert result.exit_code == 0, result.output


def test_several_drafts_are_checked_in_one_run_with_a_json_line_each(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, json.dumps(FACTS))
    bad = tmp_path / "bad.txt"
    bad.write_text("Subject: Save EUR 999\n" + ENGLISH_EMAIL, encoding="utf-8")
    result = runner.invoke(app, ["check", *args, "--draft", str(bad), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(Path(r["file"]).name, r["passed"]) for r in lines] == [
        ("draft.txt", True),
        ("bad.txt", False),
    ]


def test_a_folder_of_drafts_is_checked_file_by_file(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(ENGLISH_EMAIL, encoding="utf-8")
    args = _files(tmp_path, ENGLISH_EMAIL, json.dumps(FACTS))
    args[1] = str(folder)
    result = runner.invoke(app, ["check", *args, "--json"])
    assert result.exit_code == 0, result.output
    assert [Path(json.loads(x)["file"]).name for x in result.stdout.splitlines()] == [
        "a.txt",
        "b.txt",
    ]


def test_an_unreadable_draft_among_several_is_bad_input(tmp_path: Path) -> None:
    args = _files(tmp_path, ENGLISH_EMAIL, json.dumps(FACTS))
    result = runner.invoke(app, ["check", *args, "--draft", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
