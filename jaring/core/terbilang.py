"""Amounts in Indonesian words, as official letters write them beside the figures ("terbilang").

42_000_000 is "empat puluh dua juta"; `rupiah_words` adds "rupiah". The forms follow the usual rules:
"se-" for one ten, hundred or thousand (sepuluh, sebelas, seratus, seribu) but "satu juta", "satu
miliar"; 11-19 are "-belas". Pure Python: the core never imports Django.
"""

_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Each group of three digits from the right, after the first: ribu, juta, miliar, triliun, ...
_SCALES = ("", "ribu", "juta", "miliar", "triliun", "kuadriliun")


def number_words(number: int) -> str:
    """A whole number of 0 or more in Indonesian words: 1_500_000 → "satu juta lima ratus ribu"."""
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise ValueError(f"terbilang hanya untuk bilangan bulat 0 atau lebih, bukan {number!r}")
    if number == 0:
        return "nol"
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    if len(groups) > len(_SCALES):
        raise ValueError("bilangan terlalu besar untuk ditulis dengan kata")
    words: list[str] = []
    for position in range(len(groups) - 1, -1, -1):
        group = groups[position]
        if group == 0:
            continue
        if position == 1 and group == 1:
            words.append("seribu")
            continue
        words.append(_hundreds(group))
        if _SCALES[position]:
            words.append(_SCALES[position])
    return " ".join(words)


def rupiah_words(amount: int) -> str:
    """An amount of rupiah in words, as a letter writes it in brackets: "empat puluh dua juta rupiah"."""
    return f"{number_words(amount)} rupiah"


def _hundreds(number: int) -> str:
    """1-999 in words."""
    hundreds, rest = divmod(number, 100)
    words = []
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words.append(f"{_UNITS[hundreds]} ratus")
    if rest:
        words.append(_tens(rest))
    return " ".join(words)


def _tens(number: int) -> str:
    """1-99 in words."""
    if number < 10:
        return _UNITS[number]
    if number == 10:
        return "sepuluh"
    if number == 11:
        return "sebelas"
    if number < 20:
        return f"{_UNITS[number - 10]} belas"
    tens, units = divmod(number, 10)
    return f"{_UNITS[tens]} puluh" + (f" {_UNITS[units]}" if units else "")
