"""Train every model from the book and register the versions (``train_all``)."""

from tools.training.run import train_all

__all__ = ["train_all"]
