"""Read the Markdown corpus: front-matter, validation and chunking by section.

Each document is ``knowledge/corpus/<type>/<doc_id>.md`` with a YAML front-matter block. A chunk
is one ``##``/``###`` section; its text starts with the document title and the heading trail so
the heading travels with the words it governs (the embedding and the citation both see it).
Sections longer than ``max_chars`` are split at paragraph boundaries, heading repeated.

Advisor documents sit directly under ``<type>/``; customer-facing product sheets sit under
``product/<language>/<doc_id>.md`` with ``audience: customer``, a doc_id ending in
``.<language>`` and a cover and an exclusion section (see ``knowledge.section_kinds``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from knowledge.section_kinds import Audience, section_kind, sheet_languages
from tools.catalogue import load_catalogue
from tools.foundation.errors import InvalidInput

CORPUS_DIR = Path(__file__).parent / "corpus"
COUNTRIES = ("SE", "NO", "DK", "FI", "IS")
ALL = "ALL"
CHUNKER_VERSION = "3"
_PREAMBLE_MAX_CHARS = 400
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")

DocType = Literal["product", "compliance", "playbook"]


class CorpusError(InvalidInput):
    """A corpus document is malformed; the message names the file and the problem."""


class Document(BaseModel):
    """One parsed corpus document."""

    doc_id: str = Field(description="Stable id, also the file name without .md.")
    title: str = Field(description="Human title, cited in drafts.")
    type: DocType = Field(description="product, compliance or playbook.")
    products: list[str] = Field(description="Product codes the document is about ([] = none).")
    countries: list[str] = Field(description="Country codes it applies to (ALL = every country).")
    language: str = Field(description="ISO 639-1 language of the text (en, sv, nb, da, fi, is).")
    audience: Audience = Field("advisor", description="Who reads it: advisor or customer.")
    version: str = Field(description="Document version; part of every chunk id.")
    effective_date: dt.date = Field(description="Date from which the guidance applies.")
    body: str = Field(description="Markdown body after the front-matter.")
    sha256: str = Field(description="Hash of the file text and chunker version.")

    @field_validator("products")
    @classmethod
    def _known_products(cls, value: list[str]) -> list[str]:
        known = load_catalogue().codes
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise ValueError(f"unknown product codes {unknown}; known: {known}")
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        known = sheet_languages()
        if value not in known:
            raise ValueError(f"unknown language {value!r}; use one of {', '.join(known)}")
        return value

    @field_validator("countries")
    @classmethod
    def _expand_all(cls, value: list[str]) -> list[str]:
        codes = [code.upper() for code in value]
        if ALL in codes:
            return list(COUNTRIES)
        unknown = sorted(set(codes) - set(COUNTRIES))
        if unknown:
            raise ValueError(f"unknown country codes {unknown}; use {list(COUNTRIES)} or ALL")
        return codes


class Section(BaseModel):
    """One chunk of a document, ready to embed."""

    index: int = Field(description="Position of the chunk in the document, from 0.")
    heading: str = Field(description="Heading trail, e.g. 'Exclusions > War'.")
    text: str = Field(description="Chunk text, starting with the title and heading trail.")


def parse_document(path: Path) -> Document:
    """Parse one Markdown file with front-matter.

    Raises:
        CorpusError: the front-matter is missing or a field is invalid.
    """
    raw = path.read_text(encoding="utf-8")
    parts = raw.split("---\n", 2)
    if not raw.startswith("---\n") or len(parts) < 3:
        raise CorpusError(f"{path}: no YAML front-matter between '---' lines at the top.")
    # BaseLoader keeps every scalar a string, so the country code NO never becomes False.
    meta = yaml.load(parts[1], Loader=yaml.BaseLoader) or {}  # noqa: S506
    digest = hashlib.sha256((CHUNKER_VERSION + raw).encode("utf-8")).hexdigest()
    try:
        doc = Document(**meta, body=parts[2], sha256=digest)
    except (ValidationError, TypeError) as error:
        raise CorpusError(f"{path}: invalid front-matter: {error}") from None
    if doc.doc_id != path.stem:
        raise CorpusError(f"{path}: doc_id {doc.doc_id!r} must equal the file name {path.stem!r}.")
    if doc.audience == "customer":
        _check_customer_sheet(path, doc)
    return doc


def _check_customer_sheet(path: Path, doc: Document) -> None:
    """Check a customer sheet: one product, its language in the name, cover and exclusion."""
    if doc.type != "product" or len(doc.products) != 1:
        raise CorpusError(f"{path}: a customer sheet is type product about exactly one product.")
    if not doc.doc_id.endswith(f".{doc.language}") or path.parent.name != doc.language:
        raise CorpusError(
            f"{path}: a customer sheet in {doc.language!r} is product/{doc.language}/"
            f"<name>.{doc.language}.md with doc_id <name>.{doc.language}."
        )
    kinds = {section_kind(heading) for heading, _ in _sections(doc.body)}
    missing = sorted({"cover", "exclusion"} - kinds)
    if missing:
        raise CorpusError(
            f"{path}: a customer sheet needs its {' and '.join(missing)} section; "
            "use the headings of knowledge/section_kinds.py for its language."
        )


def load_corpus(root: Path = CORPUS_DIR) -> list[Document]:
    """Load every ``*.md`` document under ``root``, sorted by doc_id.

    Raises:
        CorpusError: a document is malformed or two share a doc_id.
    """
    docs = sorted((parse_document(p) for p in root.rglob("*.md")), key=lambda d: d.doc_id)
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            raise CorpusError(f"Duplicate doc_id {doc.doc_id!r} under {root}.")
        seen.add(doc.doc_id)
    return docs


def corpus_hash(docs: list[Document]) -> str:
    """Return a short hash identifying this exact corpus (recorded in eval reports)."""
    joined = "\n".join(f"{d.doc_id}@{d.version}:{d.sha256}" for d in docs)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def _sections(body: str) -> list[tuple[str, list[str]]]:
    """Split a body into (heading trail, lines) pairs; text before any heading is 'Overview'."""
    trail: dict[int, str] = {}
    sections: list[tuple[str, list[str]]] = [("Overview", [])]
    for line in body.splitlines():
        match = _HEADING.match(line)
        if match is None:
            sections[-1][1].append(line)
            continue
        level, title = len(match.group(1)), match.group(2)
        if level == 1:
            continue  # the document title is already in every chunk
        trail = {lvl: text for lvl, text in trail.items() if lvl < level}
        trail[level] = title
        sections.append((" > ".join(trail[lvl] for lvl in sorted(trail)), []))
    sections = [(heading, lines) for heading, lines in sections if "\n".join(lines).strip()]
    # A short preamble (the disclaimer) would be a chunk that answers nothing: it leads the
    # first section instead, so every document's first passage still carries it.
    if len(sections) > 1 and sections[0][0] == "Overview":
        preamble = "\n".join(sections[0][1]).strip()
        if len(preamble) <= _PREAMBLE_MAX_CHARS:
            heading, lines = sections[1]
            sections = [(heading, [preamble, "", *lines]), *sections[2:]]
    return sections


def _split_paragraphs(text: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for paragraph in re.split(r"\n\s*\n", text):
        if current and len(current) + len(paragraph) + 2 > max_chars:
            pieces.append(current)
            current = paragraph
        else:
            current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        pieces.append(current)
    return pieces


def chunk_document(doc: Document, max_chars: int = 1100) -> list[Section]:
    """Split a document into heading-led chunks (see the module docstring)."""
    chunks: list[Section] = []
    for heading, lines in _sections(doc.body):
        for piece in _split_paragraphs("\n".join(lines).strip(), max_chars):
            text = f"{doc.title} - {heading}\n\n{piece.strip()}"
            chunks.append(Section(index=len(chunks), heading=heading, text=text))
    return chunks
