"""Selection within the budget: rank the eligible, give each funding source's money to whole people
in rank order (respecting what the source may pay for), and keep the rest as a waiting list.

Deterministic: the same candidates, priorities and sources always give the same selection. Vectorised
per source (a cumulative sum of costs in rank order), so a million candidates take well under a second.
"""

from dataclasses import dataclass

import polars as pl

from jaring.core.frames import format_str
from jaring.core.intake.messages import is_english
from jaring.core.linkage.persons import nik_check_text
from jaring.core.linkage.pipeline import connected_components
from jaring.core.programs.batches import rejection_reason_text
from jaring.core.programs.contributions import require_whole

# The candidates frame: one row per eligible person.
CANDIDATES_SCHEMA = {
    "person_id": pl.Int64,
    "occupation": pl.String,
    "desil": pl.Int8,  # DTSEN desil; lower is poorer; unknown ranks after known
    "risk": pl.Int8,  # the occupation's accident risk, higher first
    "covered_last_year": pl.Boolean,  # continuity: their membership should not lapse
    "age": pl.Int16,
}


@dataclass(frozen=True)
class Priority:
    """The order of the ranking keys; each key is one of CANDIDATES_SCHEMA's, ascending or descending."""

    keys: tuple[tuple[str, bool], ...] = (
        ("covered_last_year", True),  # True first
        ("desil", False),  # poorest first
        ("risk", True),  # riskiest work first
        ("age", True),  # older first
    )


@dataclass(frozen=True)
class Source:
    """A funding source: its money for the program (integer rupiah), what one person costs from it for
    the program's months (contributions may differ by fund: the PP 50/2025 discount), and what it may pay for."""

    code: str
    amount: int
    cost_per_person: int
    categories: frozenset[str] | None = None  # None: any occupation

    def __post_init__(self) -> None:
        for value, what in ((self.amount, "dana"), (self.cost_per_person, "biaya per orang")):
            require_whole(value, f"{what} {self.code} harus rupiah bulat 0 atau lebih, bukan {value!r}")
        if self.cost_per_person == 0:
            raise ValueError(f"biaya per orang {self.code} tidak boleh 0")


@dataclass(frozen=True)
class FundStanding:
    """Where one source's money stands: what one person costs from it, how many whole people its amount
    pays for, what is spent, and the rank where its money ran out (None while it can pay for one more)."""

    per_person: int
    buys: int
    spent: int
    exhausted_at: int | None


def fund_standing(source: Source, *, spent: int, exhausted_at: int | None) -> FundStanding:
    """`source` after spending `spent`; the last selection run found its money ran out at `exhausted_at`.

    The money has run out only while what is left pays for nobody more: a rejection by BPJS frees
    money until the next top-up, and then the fund no longer says it ran out.
    """
    require_whole(spent, f"terpakai {source.code} harus rupiah bulat 0 atau lebih, bukan {spent!r}")
    ran_out = source.amount - spent < source.cost_per_person
    return FundStanding(
        per_person=source.cost_per_person,
        buys=source.amount // source.cost_per_person,
        spent=spent,
        exhausted_at=exhausted_at if ran_out else None,
    )


def rank(candidates: pl.DataFrame, priority: Priority = Priority()) -> pl.DataFrame:
    """The candidates in priority order with their rank (1 = first); ties broken by person id."""
    columns = [name for name, _descending in priority.keys] + ["person_id"]
    descending = [descending for _name, descending in priority.keys] + [False]
    return (
        candidates.sort(columns, descending=descending, nulls_last=True)
        .with_row_index("rank", offset=1)
        .with_columns(pl.col("rank").cast(pl.Int64))
    )


def hold_back(ranked: pl.DataFrame, pairs: pl.DataFrame, *, taken: pl.Series | None = None) -> pl.DataFrame:
    """`ranked` with `hold`: why a candidate may not be paid for now (null: they may).

    - "nik:<codes>": their NIK must be checked first (the `nik_check` column): BPJS must never get a
      wrong NIK.
    - "pair:<person id>": a possible duplicate (`pairs`: person_l, person_r, undecided) ranked above
      them, or already enrolled (`taken`), may be the same worker: one worker is never paid twice,
      so of every group of undecided pairs only the best-ranked may be paid for.
    """
    nik_hold = (
        pl.when(pl.col("nik_check").fill_null("") != "").then(pl.lit("nik:") + pl.col("nik_check"))
        if "nik_check" in ranked.columns
        else pl.lit(None, dtype=pl.String)
    )
    ranked = ranked.with_columns(hold=nik_hold)
    taken = taken if taken is not None else pl.Series("person_id", [], dtype=pl.Int64)
    members = pl.concat(
        [
            ranked.select("person_id", "rank"),
            pl.DataFrame({"person_id": taken.cast(pl.Int64)}).with_columns(rank=pl.lit(0, dtype=pl.Int64)),
        ]
    ).unique("person_id", keep="first")
    known = members.get_column("person_id").implode()
    edges = pairs.filter(pl.col("person_l").is_in(known) & pl.col("person_r").is_in(known)).select(
        unique_id_l="person_l", unique_id_r="person_r"
    )
    if edges.is_empty():
        return ranked
    nodes = pl.concat([edges.get_column("unique_id_l"), edges.get_column("unique_id_r")]).unique()
    groups = (
        connected_components(nodes, edges)
        .rename({"unique_id": "person_id"})
        .join(members, on="person_id")
        .with_columns(_keeper=pl.col("person_id").sort_by("rank").first().over("cluster_id"))
        .filter(pl.col("person_id") != pl.col("_keeper"))
        .select("person_id", _pair=format_str("pair:{}", "_keeper"))
    )
    return (
        ranked.join(groups, on="person_id", how="left", maintain_order="left")
        .with_columns(hold=pl.coalesce("hold", "_pair"))
        .drop("_pair")
    )


def allocate_unheld(ranked: pl.DataFrame, sources: list[Source]) -> tuple[pl.DataFrame, dict[str, int]]:
    """`allocate` over the candidates nobody holds back (`hold` null); the held wait, in rank order, with it."""
    free = ranked.filter(pl.col("hold").is_null())
    chosen, exhausted_at = allocate(free, sources)
    held = ranked.filter(pl.col("hold").is_not_null()).select(
        "rank", "person_id", "occupation", source=pl.lit(None, dtype=pl.String), cost=pl.lit(None, dtype=pl.Int64)
    )
    together = pl.concat([chosen, held]).sort("rank")
    return together.join(ranked.select("person_id", "hold"), on="person_id", how="left"), exhausted_at


def select(ranked: pl.DataFrame, sources: list[Source]) -> pl.DataFrame:
    """rank, person_id, source (or null), cost, waiting_reason: whole people, each source's money in rank order."""
    chosen, exhausted_at = allocate(ranked, sources)
    return with_waiting_reasons(chosen, sources, exhausted_at).drop("occupation")


def allocate(ranked: pl.DataFrame, sources: list[Source]) -> tuple[pl.DataFrame, dict[str, int]]:
    """rank, person_id, occupation, source (its code, or null), cost; and the rank at which each source's
    money ran out (sources that did not run out: absent).

    Restricted sources (e.g. DBHCHT for tobacco farmers, a CSR sponsor for ojol) spend first, on the
    people they may pay for; the unrestricted ones then take the rest in rank order. Why each waiting
    person waits follows from the rest (`with_waiting_reasons`), so it is worked out only for the rows shown.
    """
    ordered = _spending_order(sources)
    chosen = ranked.select("rank", "person_id", "occupation").with_columns(
        source=pl.lit(None, dtype=pl.String), cost=pl.lit(None, dtype=pl.Int64)
    )
    exhausted_at: dict[str, int] = {}
    for source in ordered:
        open_ = pl.col("source").is_null()
        allowed = open_ & _may_pay(source)
        affordable = source.amount // source.cost_per_person
        position = allowed.cast(pl.Int64).cum_sum()  # the candidate's place among those this source may pay for
        pick = allowed & (position <= affordable)
        # Where the money ran out: the first allowed candidate it could not pay for.
        beyond = chosen.filter(allowed & (position == affordable + 1)).get_column("rank")
        if not beyond.is_empty():
            exhausted_at[source.code] = int(beyond[0])
        chosen = chosen.with_columns(
            source=pl.when(pick).then(pl.lit(source.code)).otherwise("source"),
            cost=pl.when(pick).then(pl.lit(source.cost_per_person)).otherwise("cost"),
        )
    return chosen, exhausted_at


# Why a person waits, in the reader's language (the rank is written the reader's way: 25.809 / 25,809).
WAITING_TEXT = {
    "id": {
        "ran_out": "dana {source} habis pada peringkat {rank}",
        "no_fund": "tidak ada dana yang boleh membiayai",
        "rejected": "ditolak BPJS: {reason}",
        "pair": "kemungkinan orang yang sama dengan #{person}, menunggu keputusan",
        "nik": "NIK perlu diperiksa ({why})",
    },
    "en": {
        "ran_out": "{source} money ran out at rank {rank}",
        "no_fund": "no fund may pay for this person",
        "rejected": "rejected by BPJS: {reason}",
        "pair": "possibly the same person as #{person}, waiting for a decision",
        "nik": "the NIK must be checked ({why})",
    },
}


def with_waiting_reasons(
    chosen: pl.DataFrame, sources: list[Source], exhausted_at: dict[str, int], language: str = "id"
) -> pl.DataFrame:
    """`chosen` (occupation, source) with waiting_reason: each waiting person hears about the sources that
    could have paid for them and where each ran out; null for the selected."""
    english = is_english(language)
    text = WAITING_TEXT["en" if english else "id"]
    parts = [
        pl.when(_may_pay(source)).then(pl.lit(text["ran_out"].format(source=source.code, rank=_whole(at, english))))
        for source in _spending_order(sources)
        if (at := exhausted_at.get(source.code)) is not None
    ]
    reason = pl.concat_str(parts, separator="; ", ignore_nulls=True) if parts else pl.lit(None, dtype=pl.String)
    return chosen.with_columns(
        waiting_reason=pl.when(pl.col("source").is_null()).then(
            pl.when(reason.is_null() | (reason == "")).then(pl.lit(text["no_fund"])).otherwise(reason)
        )
    )


def hold_text(hold: str, language: str = "id") -> str:
    """Why a held candidate waits: "kemungkinan orang yang sama dengan #12, …" or "NIK perlu diperiksa (…)"."""
    key = "en" if is_english(language) else "id"
    kind, _colon, value = hold.partition(":")
    if kind == "pair":
        return WAITING_TEXT[key]["pair"].format(person=value)
    return WAITING_TEXT[key]["nik"].format(why=nik_check_text(value, language))


def rejected_text(reason: str, language: str = "id") -> str:
    """Why a person BPJS refused is waiting again, with BPJS's own words (in English when they are words
    BPJS is known to write: `batches.rejection_reason_text`)."""
    words = rejection_reason_text(reason, language)
    return WAITING_TEXT["en" if is_english(language) else "id"]["rejected"].format(reason=words)


def _whole(number: int, english: bool) -> str:
    return f"{number:,}" if english else f"{number:,}".replace(",", ".")


def _spending_order(sources: list[Source]) -> list[Source]:
    return sorted(sources, key=lambda source: (source.categories is None, source.code))


def _may_pay(source: Source) -> pl.Expr:
    return pl.lit(True) if source.categories is None else pl.col("occupation").is_in(list(source.categories))


def spent(selection: pl.DataFrame) -> dict[str, int]:
    """Money used per source, in whole rupiah."""
    return dict(
        selection.filter(pl.col("source").is_not_null()).group_by("source").agg(pl.col("cost").sum()).iter_rows()
    )


# How dangerous each catalogue occupation's work is, for the "risk" key (3 highest). Road, water,
# heights and heavy tools first; an unknown occupation ranks as 1.
OCCUPATION_RISK = {
    "ojek": 3,
    "sopir_angkot": 3,
    "becak": 3,
    "nelayan": 3,
    "penggali_makam": 3,
    "buruh_serabutan": 3,
    "petugas_kebersihan": 3,
    "pemulung": 3,
    "juru_parkir": 2,
    "petani": 2,
    "linmas": 2,
    "satpam_lingkungan": 2,
    "pemulasaran_jenazah": 2,
    "atlet": 2,
    "pedagang": 1,
    "marbot": 1,
    "guru_ngaji": 1,
    "rt_rw": 1,
    "pekerja_seni": 1,
    "pekerja_sosial": 1,
    "pekerja_disabilitas": 1,
    "lainnya": 1,
}
PRIORITY_KEYS = ("covered_last_year", "desil", "risk", "age")


def priority_from(keys: list[str]) -> Priority:
    """A priority from keys such as ["covered_last_year", "-desil"]; "-" reverses a key's natural order.

    Natural orders: covered last year first, poorest desil first, riskiest first, oldest first.
    """
    natural = dict(Priority().keys)
    chosen: list[tuple[str, bool]] = []
    for key in keys or [name for name, _descending in Priority().keys]:
        name = key.lstrip("-")
        if name not in natural:
            raise ValueError(f"kunci prioritas '{name}' tidak dikenal; yang ada: {', '.join(PRIORITY_KEYS)}")
        if name in [existing for existing, _descending in chosen]:
            raise ValueError(f"kunci prioritas '{name}' disebut dua kali")
        descending = natural[name] != key.startswith("-")
        chosen.append((name, descending))
    return Priority(keys=tuple(chosen))
