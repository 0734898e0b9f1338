from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.foundation.clock import parse_moment
from tools.foundation.errors import InvalidDate


def test_a_date_is_taken_at_noon() -> None:
    assert parse_moment(date(2026, 11, 22)) == datetime(2026, 11, 22, 12, 0)


def test_an_iso_timestamp_is_read_as_given() -> None:
    assert parse_moment("2026-11-22T09:30:00") == datetime(2026, 11, 22, 9, 30)


def test_an_iso_date_string_is_taken_at_noon() -> None:
    assert parse_moment("2026-11-22") == datetime(2026, 11, 22, 12, 0)


@pytest.mark.parametrize("bad", ["22/11/2026", "2026-13-01", "yesterday", ""])
def test_a_date_in_the_wrong_format_raises_invalid_date(bad: str) -> None:
    with pytest.raises(InvalidDate, match="ISO 8601"):
        parse_moment(bad)


def test_no_date_means_the_books_as_of_at_noon(book_session: Session, as_of: date) -> None:
    assert resolve_now(book_session, None) == datetime.combine(as_of, datetime.min.time()).replace(
        hour=12
    )


def test_an_aware_timestamp_is_converted_to_utc() -> None:
    assert parse_moment("2026-11-22T09:30:00+01:00") == datetime(2026, 11, 22, 8, 30)
