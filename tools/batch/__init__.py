"""The nightly batch: the whole book scored column-wise into each advisor's action list."""

from tools.batch.report import BatchReport
from tools.batch.run import run_batch

__all__ = ["BatchReport", "run_batch"]
