"""Build small real stores from copies of corpus documents (fast to embed)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from knowledge.corpus_reader import CORPUS_DIR
from knowledge.ingest import ingest_corpus
from tools.foundation.settings import Settings


def store_of(documents: Iterable[str], corpus: Path, data_dir: Path) -> Settings:
    """Copy corpus documents (paths under the corpus) to ``corpus`` and ingest them."""
    for relative in documents:
        target = corpus / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS_DIR / relative, target)
    settings = Settings(data_dir=data_dir)
    ingest_corpus(settings, corpus_dir=corpus)
    return settings


def sheets_of(stem: str, languages: Iterable[str]) -> list[str]:
    """Return the corpus paths of a product's customer sheets in these languages."""
    return [f"product/{language}/{stem}.{language}.md" for language in languages]
