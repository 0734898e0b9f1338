"""Derive the suite's cases from the loaded book: the seed cases and the generated draw."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from evals.recommendations.book_facts import read_facts
from evals.recommendations.cases import Case, generated_case, seed_case
from evals.recommendations.dataset import Dataset
from tools.book.models import GroundTruth
from tools.catalogue.loader import Catalogue
from tools.eligibility.pack import EligibilityRulePack

WorstQuintile = Callable[[str], frozenset[str]]
"""Return the products a customer is in the worst credibility quintile for."""


@dataclass
class Derivation:
    """The derived cases and what the reader should know about them."""

    seed: list[Case]
    """The seed use cases found in the book, in use-case order."""
    generated: list[Case]
    """The generated cases, stratum by stratum, in draw order."""
    notices: list[str] = field(default_factory=list)
    """Strata left short, missing seed customers or ground truth."""


def draw_order(customer_ids: list[str], salt: str) -> list[str]:
    """Return the ids in the stable pseudo-random order the draw walks them in."""
    return sorted(customer_ids, key=lambda cid: hashlib.sha256(f"{salt}{cid}".encode()).digest())


def derive_cases(
    session: Session,
    dataset: Dataset,
    now: datetime,
    catalogue: Catalogue,
    pack: EligibilityRulePack,
    worst_quintile: WorstQuintile,
) -> Derivation:
    """Build the seed cases and draw the generated ones from the book's ground truth.

    Args:
        session: Open session on the book.
        dataset: The dataset (seed expectations, strata, windows).
        now: The decision moment.
        catalogue: The product catalogue.
        pack: The eligibility rule pack (availability, excluded industries).
        worst_quintile: The credibility risk profile's worst-quintile products per customer.
    """
    out = Derivation(seed=[], generated=[])
    for seed in dataset.seed_cases:
        try:
            facts = read_facts(session, seed.customer_id, now)
        except KeyError:
            out.notices.append(f"seed customer {seed.customer_id} is not in the book")
            continue
        worst = worst_quintile(seed.customer_id)
        out.seed.append(seed_case(seed, facts, dataset, catalogue, pack, worst))
    truths = {t.customer_id: t.purchase_probability for t in session.scalars(select(GroundTruth))}
    if not truths:
        out.notices.append("the book has no ground truth (imported?): no generated cases")
        return out
    out.generated, short = _draw(session, dataset, now, truths, catalogue, pack, worst_quintile)
    out.notices += short
    return out


def _draw(
    session: Session,
    dataset: Dataset,
    now: datetime,
    truths: dict[str, dict[str, float]],
    catalogue: Catalogue,
    pack: EligibilityRulePack,
    worst_quintile: WorstQuintile,
) -> tuple[list[Case], list[str]]:
    # Walk the customers in draw order, each into its first stratum until all are full; a
    # stratum the book cannot fill leaves its places to extra plain customers.
    wanted = {stratum.tag: stratum.take for stratum in dataset.generated.strata}
    drawn: dict[str, list[Case]] = {tag: [] for tag in wanted}
    spare: list[Case] = []
    for customer_id in draw_order(list(truths), dataset.generated.salt):
        if all(len(drawn[tag]) >= n for tag, n in wanted.items()):
            break
        facts = read_facts(session, customer_id, now)
        case = generated_case(
            facts, truths[customer_id], dataset, catalogue, pack, worst_quintile(customer_id)
        )
        tag = case.tags[1]
        if tag in wanted and len(drawn[tag]) < wanted[tag]:
            drawn[tag].append(case)
        elif tag == "plain":
            spare.append(case)
    cases: list[Case] = []
    notices = []
    for tag, n in wanted.items():
        cases += drawn[tag]
        if len(drawn[tag]) < n:
            notices.append(f"stratum {tag}: {len(drawn[tag])} of {n} in this book")
    missing = dataset.generated.count - len(cases)
    if missing > 0 and spare:
        cases += spare[:missing]
        notices.append(f"{min(missing, len(spare))} extra plain customers fill the short strata")
    return cases, notices


def sample_cases(derivation: Derivation, sample: int | None) -> list[Case]:
    """Return every case, or ``sample`` of them: the seed cases, then every k-th generated one."""
    cases = derivation.seed + derivation.generated
    if sample is None or sample >= len(cases):
        return cases
    seed = derivation.seed[:sample]
    left = sample - len(seed)
    if left <= 0:
        return seed
    generated = derivation.generated
    step = len(generated) / left
    return seed + [generated[int(i * step)] for i in range(left)]
