from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from copilot.cli import knowledge_cmd
from knowledge.corpus_reader import CORPUS_DIR
from knowledge.ingest import ingest_corpus
from tools.foundation.settings import Settings, get_settings


def invoke(*args: str) -> Result:
    wrapper = typer.Typer()
    wrapper.add_typer(knowledge_cmd.app, name="knowledge")
    return CliRunner().invoke(wrapper, ["knowledge", *args])


@pytest.fixture
def use_data_dir(monkeypatch: pytest.MonkeyPatch, tiny_settings: Settings) -> Iterator[Settings]:
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tiny_settings.data_dir))
    get_settings.cache_clear()
    yield tiny_settings
    get_settings.cache_clear()


def test_ingest_command_reports_counts(
    monkeypatch: pytest.MonkeyPatch, use_data_dir: Settings, tiny_corpus: Path
) -> None:
    monkeypatch.setattr(
        knowledge_cmd,
        "ingest_corpus",
        lambda settings, progress: ingest_corpus(settings, progress, corpus_dir=tiny_corpus),
    )
    result = invoke("ingest")
    assert result.exit_code == 0, result.output
    assert "3 documents, 6 chunks" in result.output


def test_search_command_shows_the_citation(use_data_dir: Settings, tiny_corpus: Path) -> None:
    ingest_corpus(use_data_dir, corpus_dir=tiny_corpus)
    result = invoke("search", "ransomware", "--product", "CYBER", "-k", "1", "--full")
    assert result.exit_code == 0, result.output
    assert "tiny-cyber@1.0#" in result.output


def test_search_command_rejects_unknown_country(use_data_dir: Settings) -> None:
    result = invoke("search", "consent", "--country", "XX")
    assert result.exit_code == 2 and "Unknown country" in result.output


def test_search_command_reads_customer_sheets_when_asked(
    use_data_dir: Settings, tiny_corpus: Path
) -> None:
    (tiny_corpus / "product" / "sv").mkdir()
    shutil.copy(CORPUS_DIR / "product/sv/product-cyber.sv.md", tiny_corpus / "product" / "sv")
    ingest_corpus(use_data_dir, corpus_dir=tiny_corpus)

    customer = invoke("search", "dataintrång", "--customer", "-k", "1", "--full")
    advisor = invoke("search", "dataintrång", "-k", "3", "--full")

    assert customer.exit_code == 0 and "Skyddar" in customer.output  # the Swedish sheet's words
    assert advisor.exit_code == 0 and "Skyddar" not in advisor.output
