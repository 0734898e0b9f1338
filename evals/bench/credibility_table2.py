"""Reproduce the paper's experiment (Thuring et al., Figures 3-5 and Table 2) on our book.

Run: ``python evals/bench/credibility_table2.py`` (the configured book) or
``python evals/bench/credibility_table2.py --generate 20000`` (a temporary synthetic book of
that size, seed 42; a larger book gives the structure parameters more claims to learn from).
For each product with a random effect, one owned product is hidden, theta is estimated from
the customer's other products, customers are cut into quintiles Phi1 (lowest theta) ..
Phi5, and the deviation 100 (sum n / sum lambda - 1) % of the hidden product's claims is
printed per quintile, for Phi1-4 against Phi5, and for a random 80/20 split.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from tools.book.generator import BookSpec, generate_book
from tools.book.repository import book_as_of
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.credibility.book_model import claims_experience, fit_credibility
from tools.credibility.experiment import table2
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings, get_settings
from tools.propensity.book_frames import load_book_frames


def _book(customers: int | None, folder: Path) -> Settings:
    if customers is None:
        return get_settings()
    settings = Settings(data_dir=folder)
    migrate(settings)
    with session_factory(settings)() as session:
        generate_book(session, BookSpec(customers=customers, seed=42, as_of=date(2026, 11, 22)))
    return settings


def main() -> None:
    """Fit the credibility model on the book and print the Table-2 style results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", type=int, default=None, help="Use a temporary book of N.")
    args = parser.parse_args()
    codes = load_catalogue().codes
    with tempfile.TemporaryDirectory() as folder:
        settings = _book(args.generate, Path(folder))
        started = time.perf_counter()
        with session_factory(settings)() as session:
            frames, at = load_book_frames(session), book_as_of(session)
        with threadpool_limits(1):
            model = fit_credibility(frames, at, codes)
            experience = claims_experience(frames, at, codes)
    assert model.structure is not None
    tau = np.diag(model.structure.T)
    informative = [c for c, t in zip(codes, tau, strict=True) if t > 0]
    print(
        f"Book as of {at}: {len(experience.exposure):,} customers with policies; "
        f"fitted in {time.perf_counter() - started:.1f} s"
    )
    print(
        "theta0: "
        + ", ".join(
            f"{c} {t:.2f}"
            for c, t in zip(codes, model.structure.theta0, strict=True)
            if c in informative
        )
    )
    print("Products with a random effect (tau^2 > 0): " + ", ".join(informative))
    table = table2(model, experience, informative)
    print("\nDeviation of observed vs a-priori expected claims on the hidden product, %")
    print("(Phi1 = lowest estimated theta ... Phi5 = highest; the paper avoids Phi5)\n")
    print(table.round(1).to_string())


if __name__ == "__main__":
    main()
