"""Months of cover: a program pays for whole calendar months, often part of a year (July to December)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CoverMonths:
    """`count` consecutive months from `start` (any day of it; the month is what counts)."""

    start: dt.date
    count: int

    def __post_init__(self) -> None:
        if not isinstance(self.count, int) or self.count < 1:
            raise ValueError("lama perlindungan minimal 1 bulan")
        object.__setattr__(self, "start", self.start.replace(day=1))

    @classmethod
    def parse(cls, text: str, count: int) -> "CoverMonths":
        """From "YYYY-MM"; a clear ValueError otherwise."""
        try:
            year, month = (int(part) for part in text.strip().split("-"))
            start = dt.date(year, month, 1)
        except ValueError as exc:
            raise ValueError(f"bulan {text!r} tidak dikenal; tulis YYYY-MM, mis. 2026-07") from exc
        return cls(start, count)

    @property
    def months(self) -> list[dt.date]:
        return [add_months(self.start, n) for n in range(self.count)]

    @property
    def end(self) -> dt.date:
        """The first day of the last month covered."""
        return add_months(self.start, self.count - 1)

    def overlaps(self, other: "CoverMonths") -> bool:
        return self.start <= other.end and other.start <= self.end


def months_between(earlier_end: dt.date, later_start: dt.date) -> int:
    """Whole months with no cover between a last covered month and the next first covered month."""
    gap = (later_start.year - earlier_end.year) * 12 + later_start.month - earlier_end.month - 1
    return max(gap, 0)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
