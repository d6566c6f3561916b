"""What people type into forms and options, read strictly: a value is what was written or it is refused.

Rupiah amounts have their own reader (`core.money.parse_rupiah`); these read dates and whole numbers.
"""

import datetime as dt
import re

# Digits, or digits grouped by thousands with dots as Indonesians write them (1.250).
_WHOLE = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)$")


def parse_iso_date(text: str) -> dt.date | None:
    """A YYYY-MM-DD text (a form's date field), or None when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def parse_whole_number(text: str) -> int | None:
    """A whole number as typed ("18", "2027", "1.250"), or None when it is anything else ("1.5", "-3", "12a")."""
    cleaned = (text or "").strip()
    return int(cleaned.replace(".", "")) if _WHOLE.match(cleaned) else None
