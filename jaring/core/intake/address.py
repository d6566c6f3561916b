"""Where a row's worker lives: the kelurahan and kecamatan of the region, read from the address columns
or the address text, matched to the region's places exactly, by a folded key or by a close spelling."""

from collections.abc import Set
from dataclasses import dataclass

import polars as pl
from rapidfuzz import fuzz, process

from jaring.core.intake.expressions import attach_lookup

PLACE_FUZZY_MIN_SCORE = 85


@dataclass(frozen=True)
class RegionPlaces:
    """The kecamatan and kelurahan/desa of the region a list comes from, as plain frames."""

    region_code: str
    region_name: str
    districts: pl.DataFrame  # code, name, name_key
    villages: pl.DataFrame  # code, name, name_key, district_code


# --- address ---------------------------------------------------------------------------------------


def name_key_expr(column: pl.Expr) -> pl.Expr:
    """`regions.region_name_key` as an expression."""
    text = column.str.replace_all(r"\s+", " ").str.strip_chars()
    text = text.str.replace(r"(?i)^(?:kabupaten|kab)(?:\.\s*|\s+)", "kabupaten ")
    text = text.str.replace(r"(?i)^(?:kotamadya|kodya|kota)(?:\.\s*|\s+)", "kota ")
    text = text.str.replace(r"(?i)^(?:kecamatan|kec|kelurahan|kel|desa|ds|distrik)(?:\.\s*|\s+)", "")
    return text.str.to_lowercase().str.replace_all(r"[^0-9a-z]+", "")


_KEL_WORD = r"(?:kelurahan|kel|desa|ds)"
_KEC_WORD = r"(?:kecamatan|kec)"
_PLACE = r"[a-z][a-z0-9'\-]*(?:\s+[a-z][a-z0-9'\-]*)*?"  # one or more words, as few as needed
_PLACE_END = rf"\s*(?:[,.;]|\b{_KEC_WORD}\b|\bkab(?:upaten)?\b|\bkota\b|\d|$)"


def with_address(frame: pl.DataFrame, places: RegionPlaces) -> pl.DataFrame:
    address = pl.col("address_text")
    in_address = address.str.extract_groups(
        r"(?i)\brt\.?\s*(?P<rt>\d{1,3})\s*(?:/|,|\s)\s*(?:rw\.?\s*)?(?P<rw>\d{1,3})\b"
    )
    combined = pl.col("rt_rw_text").str.extract_groups(r"(?P<rt>\d{1,3})\D+(?P<rw>\d{1,3})")
    rt = pl.coalesce(
        pl.col("rt_text").str.extract(r"(\d{1,3})", 1), combined.struct.field("rt"), in_address.struct.field("rt")
    )
    rw = pl.coalesce(
        pl.col("rw_text").str.extract(r"(\d{1,3})", 1), combined.struct.field("rw"), in_address.struct.field("rw")
    )
    # A free-text address names its kelurahan and kecamatan after a word that says which is which;
    # read only where the list has no column for them (most rows of most lists have one).
    unnamed = frame.filter(
        address.is_not_null() & (pl.col("kelurahan_text").is_null() | pl.col("kecamatan_text").is_null())
    ).select(
        "_i",
        _marked_kel=address.str.extract(rf"(?i)\b{_KEL_WORD}\.?\s*(?:{_KEL_WORD}\.?\s*)?({_PLACE}){_PLACE_END}", 1),
        _marked_kec=address.str.extract(rf"(?i)\b{_KEC_WORD}\.?\s*({_PLACE}){_PLACE_END}", 1),
    )
    frame = attach_lookup(frame, unnamed, on=["_i"])
    marked_kel, marked_kec = pl.col("_marked_kel"), pl.col("_marked_kec")
    street = (
        address.str.replace(r"(?i)[,\s]*\brt\.?\s*\d{1,3}\s*(?:/|,|\s)\s*(?:rw\.?\s*)?\d{1,3}\b", "")
        .str.replace(rf"(?i)[,\s]*\b(?:{_KEL_WORD}|{_KEC_WORD}|kab|kabupaten|kota)\b\.?.*$", "")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" ,")
    )
    frame = frame.with_columns(
        street=street.replace("", None),
        rt=rt.cast(pl.Int32, strict=False).cast(pl.String).str.zfill(3),
        rw=rw.cast(pl.Int32, strict=False).cast(pl.String).str.zfill(3),
        _kec_key=name_key_expr(pl.coalesce(pl.col("kecamatan_text"), marked_kec)),
        _kel_key=name_key_expr(pl.coalesce(pl.col("kelurahan_text"), marked_kel)),
    )
    district_of = _place_lookup(frame, "_kec_key", places.districts)
    frame = attach_lookup(frame, district_of.rename({"code": "kecamatan_code"}), on=["_kec_key"])
    # Kelurahan names repeat across kecamatan; inside a known kecamatan the name is unambiguous.
    villages = places.villages
    frame = attach_lookup(
        frame,
        villages.select(_kel_key="name_key", kecamatan_code="district_code", _kel_in_district=pl.col("code")).unique(
            ["_kel_key", "kecamatan_code"], keep="none"
        ),
        on=["_kel_key", "kecamatan_code"],
    )
    unique_names = villages.group_by("name_key").agg(pl.col("code").first(), pl.len().alias("_n"))
    shared = set(unique_names.filter(pl.col("_n") > 1).get_column("name_key").to_list())
    anywhere = _place_lookup(frame, "_kel_key", unique_names.filter(pl.col("_n") == 1).drop("_n"), shared=shared)
    frame = attach_lookup(frame, anywhere.rename({"code": "_kel_anywhere"}), on=["_kel_key"])
    frame = frame.with_columns(kelurahan_code=pl.coalesce("_kel_in_district", "_kel_anywhere"))
    frame = attach_lookup(frame, _unmarked_kelurahan(frame, places), on=["_i"])
    frame = frame.with_columns(kelurahan_code=pl.coalesce("kelurahan_code", "_kel_unmarked"))
    return frame.with_columns(
        kecamatan_code=pl.coalesce(pl.col("kecamatan_code"), pl.col("kelurahan_code").str.slice(0, 8))
    )


def _unmarked_kelurahan(frame: pl.DataFrame, places: RegionPlaces) -> pl.DataFrame:
    """_i, _kel_unmarked: the kelurahan an address names without "Kel."/"Desa" ("… RT 3/5 Sumbersari Lowokwaru").

    What follows the street and RT/RW is read against the region's own kelurahan and kecamatan, once
    per distinct text: a kecamatan said last narrows the kelurahan to its own, and close spellings
    count (rapidfuzz), as for a Kelurahan column.
    """
    todo = frame.filter(
        pl.col("kelurahan_code").is_null() & pl.col("kelurahan_text").is_null() & pl.col("address_text").is_not_null()
    ).select("_i", "kecamatan_code", "_nik_region", _tail=_address_tail(pl.col("address_text")))
    empty = pl.DataFrame(schema={"_i": pl.UInt32, "_kel_unmarked": pl.String})
    todo = todo.filter(pl.col("_tail") != "")
    if todo.is_empty() or places.villages.is_empty():
        return empty
    reader = _TailReader(places)
    # Most people live in the kecamatan their KTP was issued in: a name several kecamatan share is
    # read as the one of the NIK's kecamatan, when the address names no kecamatan.
    todo = todo.with_columns(_hint=pl.col("_nik_region").str.slice(0, 8))
    keys = ["_tail", "kecamatan_code", "_hint"]
    distinct = todo.select(keys).unique()
    codes = [reader.kelurahan(tail, district, hint) for tail, district, hint in distinct.iter_rows()]
    found = distinct.with_columns(_kel_unmarked=pl.Series(codes, dtype=pl.String))
    return todo.join(found, on=keys, how="left", nulls_equal=True).select("_i", "_kel_unmarked").cast({"_i": pl.UInt32})


def _address_tail(address: pl.Expr) -> pl.Expr:
    """The words after the street, its house number and the RT/RW, in lowercase."""
    text = address.str.to_lowercase()
    after_rt = text.str.extract(r"\brt\.?\s*\d{1,3}\s*(?:/|,|\s)\s*(?:rw\.?\s*)?\d{1,3}\b(.*)$", 1)
    after_number = text.str.extract(r"\bno\.?\s*\d+[a-z]?\b(.*)$", 1)
    tail = pl.coalesce(after_rt, after_number, pl.lit(""))
    return tail.str.replace_all(r"[^a-z0-9]+", " ").str.strip_chars()


class _TailReader:
    """Reads "sumbersri lowokwaru" as a kelurahan (and its kecamatan) of one region."""

    WINDOW = 3  # a place name has at most this many words

    def __init__(self, places: RegionPlaces):
        self.districts = dict(places.districts.select("name_key", "code").iter_rows())
        self.villages: dict[str, list[tuple[str, str]]] = {}
        for key, code, district in places.villages.select("name_key", "code", "district_code").iter_rows():
            self.villages.setdefault(key, []).append((code, district))
        self._choices: dict[str | None, dict[str, list[str]]] = {}  # per kecamatan, built when first needed

    def kelurahan(self, tail: str, district: str | None, hint: str | None = None) -> str | None:
        words = tail.split()
        rest = words
        if district is None:
            # A kecamatan said after the kelurahan; some words must be left for the kelurahan.
            for size in range(min(self.WINDOW, len(words) - 1), 0, -1):
                code = self._match(self.districts, "".join(words[-size:]), cutoff=80)
                if code is not None:
                    district, rest = code, words[:-size]
                    break
        best: tuple[float, int, str] | None = None
        for start in range(len(rest)):
            for size in range(1, self.WINDOW + 1):
                if start + size > len(rest):
                    break
                key = "".join(rest[start : start + size])
                for score, code in self._villages(key, district, hint):
                    if best is None or (score, start) > best[:2]:
                        best = (score, start, code)
        return best[2] if best else None

    def _villages(self, key: str, district: str | None, hint: str | None) -> list[tuple[float, str]]:
        if district not in self._choices:
            within = {
                name: [code for code, parent in entries if district is None or parent == district]
                for name, entries in self.villages.items()
            }
            self._choices[district] = {name: codes for name, codes in within.items() if codes}
        choices = self._choices[district]
        if key in choices:
            name, score = key, 100.0
        elif len(key) < 5 or not choices:
            return []
        else:
            found = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=PLACE_FUZZY_MIN_SCORE)
            if found is None:
                return []
            name, score = found[0], found[1]
        codes = choices[name]
        if len(codes) > 1 and hint is not None:
            codes = [code for code in codes if code.startswith(f"{hint}.")]
        # A name several kelurahan share is no answer without its kecamatan.
        return [(score, codes[0])] if len(codes) == 1 else []

    @staticmethod
    def _match(table: dict[str, str], key: str, *, cutoff: float) -> str | None:
        if key in table:
            return table[key]
        if len(key) < 5:
            return None
        found = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=cutoff)
        return table[found[0]] if found else None


def _place_lookup(
    frame: pl.DataFrame, key_column: str, places: pl.DataFrame, *, shared: Set[str] = frozenset()
) -> pl.DataFrame:
    """key -> code for every distinct key in the frame: exact name first, then a close spelling.

    A key that is exactly a name several places share (`shared`) gets no close spelling instead.
    """
    keys = frame.select(pl.col(key_column).drop_nulls().unique()).get_column(key_column).to_list()
    exact = dict(places.select("name_key", "code").iter_rows())
    choices = list(exact)
    codes = []
    for key in keys:
        code = exact.get(key)
        if code is None and choices and len(key) >= 4 and key not in shared:
            best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=PLACE_FUZZY_MIN_SCORE)
            code = exact[best[0]] if best else None
        codes.append(code)
    return pl.DataFrame({key_column: keys, "code": codes}, schema={key_column: pl.String, "code": pl.String})
