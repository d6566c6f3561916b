"""Whole rupiah read from what a person types or a file holds, in one place, exactly.

Jaring's money is integer rupiah. An amount is accepted only when the text says one number and
only one way: digits, optionally grouped by thousands with dots (or a space between groups),
optionally after "Rp" and before ",00" or ",-". Everything else is refused with a message that
shows how to write it, never guessed: "30240000.50" is not Rp3.024.000.050, and "30,240,000"
(English grouping, or a decimal comma?) is not read at all.

Pure Python: the core never imports Django. Messages are Indonesian (`str(exc)`), with the same
message in English for pages shown in English.
"""

import re
from decimal import Decimal, InvalidOperation

# Rp999.999.999.999.999: above any regional budget, far below what the database column holds.
MAX_RUPIAH = 10**15 - 1
# Between groups of thousands: a dot, or a space as spreadsheets and phones write it.
GROUP_SEPARATORS = ".\u0020\u00a0\u202f\u2009"
SUFFIXES = (",00", ",-")

_SEPARATOR = f"[{re.escape(GROUP_SEPARATORS)}]"
_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_NUMBER = re.compile(rf"0|[1-9][0-9]*|[1-9][0-9]{{0,2}}(?:{_SEPARATOR}[0-9]{{3}})+")
_DIGITS_AND_SEPARATORS = re.compile(rf"[0-9]+(?:{_SEPARATOR}[0-9]+)*")
_DECIMAL = re.compile(r"(?P<whole>.*[0-9])[.,](?P<cents>[0-9]{1,2})")
_COMMA_GROUPS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?e[+-]?[0-9]+", re.IGNORECASE)
_EXAMPLE = 30_240_000


class RupiahRejected(ValueError):
    """A text that is not an amount of whole rupiah; `str(exc)` says why in Indonesian."""

    def __init__(self, indonesian: str, english: str):
        super().__init__(indonesian)
        self.indonesian = indonesian
        self.english = english

    def message(self, language: str = "id") -> str:
        """The message in a Django language code's language: "en..." is English, anything else Indonesian."""
        return self.english if language.lower().startswith("en") else self.indonesian


def parse_rupiah(text: str) -> int:
    """The whole rupiah `text` says ("30.240.000", "Rp 30.240.000,00", "30240000"); RupiahRejected otherwise."""
    written = text.strip()
    body = _PREFIX.sub("", written)
    for suffix in SUFFIXES:
        if body.endswith(suffix):
            body = body.removesuffix(suffix)
            break
    if _NUMBER.fullmatch(body):
        amount = int(_digits(body))
        if amount > MAX_RUPIAH:
            ways_id, ways_en = _ways(_EXAMPLE, example=True)
            raise RupiahRejected(
                f"«{written}» melebihi Rp{_grouped(MAX_RUPIAH)}: periksa angka nolnya (tulis {ways_id}).",
                f"“{written}” is more than Rp{_grouped(MAX_RUPIAH)}: check the zeros (write {ways_en}).",
            )
        return amount
    raise _why(written, _PREFIX.sub("", written))


def rupiah_text(amount: int) -> str:
    """An amount the way Jaring writes it and reads it back: "Rp30.240.000"."""
    return f"Rp{_grouped(amount)}"


def _why(written: str, body: str) -> RupiahRejected:
    """The refusal that names what is wrong with `written` and shows how to write it."""
    if not body:
        ways_id, ways_en = _ways(_EXAMPLE, example=True)
        return RupiahRejected(f"Jumlah rupiah kosong: tulis {ways_id}.", f"The amount is empty: write {ways_en}.")
    if body[0] in "-−–" or written[0] in "-−–":
        ways_id, ways_en = _ways(_EXAMPLE, example=True)
        return RupiahRejected(
            f"«{written}»: jumlah rupiah tidak boleh negatif; tulis 0 atau lebih, {ways_id}.",
            f"“{written}”: an amount in rupiah cannot be negative; write 0 or more, {ways_en}.",
        )
    if _SCIENTIFIC.fullmatch(body):
        value = _scientific_value(body)
        ways_id, ways_en = _ways(value) if value is not None else _ways(_EXAMPLE, example=True)
        return RupiahRejected(
            f"«{written}» ditulis dengan notasi ilmiah: tulis angkanya utuh, {ways_id}.",
            f"“{written}” is in scientific notation: write the whole number, {ways_en}.",
        )
    decimal = _DECIMAL.fullmatch(body)
    if decimal and not _COMMA_GROUPS.fullmatch(body):
        whole = _whole_or_none(decimal["whole"])
        ways_id, ways_en = _ways(whole) if whole is not None else _ways(_EXAMPLE, example=True)
        if set(decimal["cents"]) != {"0"}:
            return RupiahRejected(
                f"«{written}» bukan rupiah bulat: tulis {ways_id} (tanpa sen).",
                f"“{written}” is not whole rupiah: write {ways_en} (no cents).",
            )
        if body[decimal.end("whole")] == ".":
            return RupiahRejected(
                f"«{written}»: titik memisahkan ribuan, bukan sen; tulis {ways_id}.",
                f"“{written}”: a dot separates thousands, not cents; write {ways_en}.",
            )
        return RupiahRejected(
            f"«{written}»: tulis {ways_id}, tanpa sen atau dengan ,00.",
            f"“{written}”: write {ways_en}, without cents or with ,00.",
        )
    if _COMMA_GROUPS.fullmatch(body):
        ways_id, ways_en = _ways(int(body.replace(",", "")))
        return RupiahRejected(
            f"«{written}» tidak jelas: koma memisahkan sen, bukan ribuan. Tulis {ways_id} jika itu maksudnya.",
            f"“{written}” is ambiguous: a comma separates cents, not thousands. "
            f"Write {ways_en} if that is what you mean.",
        )
    if _DIGITS_AND_SEPARATORS.fullmatch(body):
        if body.startswith("0"):
            ways_id, ways_en = _ways(int(_digits(body)))
            return RupiahRejected(
                f"«{written}»: angka tidak diawali nol; tulis {ways_id}.",
                f"“{written}”: a number does not start with 0; write {ways_en}.",
            )
        return RupiahRejected(
            f"«{written}»: titik memisahkan ribuan, jadi sebelum titik pertama ada 1–3 angka dan "
            f"sesudah setiap titik tepat 3 angka, mis. {_grouped(_EXAMPLE)}; atau tulis tanpa titik: {_EXAMPLE}.",
            f"“{written}”: a dot separates thousands, so 1–3 digits come before the first dot and exactly 3 "
            f"after each dot, e.g. {_grouped(_EXAMPLE)}; or write it without dots: {_EXAMPLE}.",
        )
    return RupiahRejected(
        f"«{written}» bukan jumlah rupiah: tulis mis. {_EXAMPLE}, {_grouped(_EXAMPLE)} atau {rupiah_text(_EXAMPLE)}.",
        f"“{written}” is not an amount in rupiah: write e.g. {_EXAMPLE}, {_grouped(_EXAMPLE)} "
        f"or {rupiah_text(_EXAMPLE)}.",
    )


def _ways(amount: int, *, example: bool = False) -> tuple[str, str]:
    """How to write an amount, in Indonesian and English: "30240000 atau 30.240.000" ("mis. ..." for an example)."""
    ways_id, ways_en = (
        (str(amount), str(amount))
        if amount < 1000
        else (f"{amount} atau {_grouped(amount)}", f"{amount} or {_grouped(amount)}")
    )
    return (f"mis. {ways_id}", f"e.g. {ways_en}") if example else (ways_id, ways_en)


def _digits(body: str) -> str:
    return "".join(char for char in body if char.isascii() and char.isdigit())


def _grouped(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _whole_or_none(text: str) -> int | None:
    """The amount before a decimal separator, when it is itself well written."""
    try:
        return parse_rupiah(text)
    except RupiahRejected:
        return None


def _scientific_value(text: str) -> int | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not 0 <= value <= MAX_RUPIAH or value != value.to_integral_value():
        return None
    return int(value)
