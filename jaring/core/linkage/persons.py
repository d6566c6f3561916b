"""From scored pairs to persons: remembered decisions, who belongs to whom, and the golden record.

Pure frame logic; the apps read the rows, call these, and write the results in bulk.
"""

import polars as pl

from jaring.core.dukcapil import FOUND, NIK_CHECK_OF
from jaring.core.frames import format_str
from jaring.core.intake.messages import is_english
from jaring.core.intake.nik import excel_copies
from jaring.core.linkage.pipeline import APART, AUTO, connected_components

SAME, DIFFERENT = "same", "different"
ACCEPTED = "accepted"
GOLDEN_FIELDS = ("nik", "name", "birth_date", "sex", "kelurahan_code", "kecamatan_code", "phone", "occupation", "desil")
# Every field of a person a frame may carry, with its type: the apps' person frames take subsets of it
# (`person_schema`), so a field is typed once whatever reads it.
PERSON_FIELDS = pl.Schema(
    {
        "person_id": pl.Int64,
        "nik": pl.String,
        "name": pl.String,
        "birth_date": pl.Date,
        "sex": pl.String,
        "kelurahan_code": pl.String,
        "kecamatan_code": pl.String,
        "phone": pl.String,
        "occupation": pl.String,
        "desil": pl.Int8,
        "nik_check": pl.String,
        "birth_date_from_nik": pl.Boolean,
        "birth_place": pl.String,
        "street": pl.String,
        "rt": pl.String,
        "rw": pl.String,
    }
)


def person_schema(*names: str, **more: pl.DataType | type[pl.DataType]) -> dict[str, pl.DataType | type[pl.DataType]]:
    """The PERSON_FIELDS named, in that order, and any extra columns of the frame (`source_rows=pl.Int64`)."""
    unknown = [name for name in names if name not in PERSON_FIELDS]
    if unknown:
        raise KeyError(f"not person fields: {', '.join(unknown)}")
    return {**{name: PERSON_FIELDS[name] for name in names}, **more}


# The documented rule for each field of a golden record: among the person's rows that have a value,
# take the row accepted without warnings before one with warnings, then the most recent submission,
# then the earliest row of that submission.
GOLDEN_RULE = "tanpa catatan dahulu, lalu kiriman terbaru, lalu baris pertama"
DECIDED_SCHEMA = pl.Schema({"l": pl.Int64, "r": pl.Int64, "remembered": pl.String})
ASSIGNMENT_SCHEMA = pl.Schema({"id": pl.Int64, "person_id": pl.Int64, "cluster_id": pl.String})


def apply_remembered_decisions(pairs: pl.DataFrame, decided: pl.DataFrame) -> pl.DataFrame:
    """A pair a person already decided keeps that decision: it is never asked again.

    `decided` has l < r (record ids) and `remembered` ("same" or "different").
    """
    keyed = pairs.with_columns(
        l=pl.min_horizontal(pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64)),
        r=pl.max_horizontal(pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64)),
    ).join(decided.cast(DECIDED_SCHEMA), on=["l", "r"], how="left")
    return keyed.with_columns(
        decision=pl.when(pl.col("remembered") == SAME)
        .then(pl.lit(AUTO))
        .when(pl.col("remembered") == DIFFERENT)
        .then(pl.lit(APART))
        .otherwise(pl.col("decision"))
    ).drop("l", "r", "remembered")


def assign_persons(*, new: pl.DataFrame, known: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Give every new row (`id`) a person: an existing one (`person_id`) or a new one (`cluster_id`).

    `known` holds the rows already linked (`id`, `person_id`); `pairs` the scored pairs with their
    decision (unique_id_l/r are record ids as text). Rows of one new cluster share a `cluster_id`
    and have no `person_id`. Where one cluster reaches two existing persons, its new rows join the
    older person; the persons themselves are not merged without a review (the pairs stay queued).
    """
    if new.is_empty():
        return pl.DataFrame(schema=ASSIGNMENT_SCHEMA)
    known = known.select(unique_id=pl.col("id").cast(pl.String), person_id=pl.col("person_id"))
    fresh = new.select(pl.col("id").cast(pl.Int64), unique_id=pl.col("id").cast(pl.String))
    auto = pairs.filter(pl.col("decision") == AUTO).select("unique_id_l", "unique_id_r")
    # Only the known rows that an automatic pair touches matter; each is tied to a node for its person.
    touched = pl.concat([auto.get_column("unique_id_l"), auto.get_column("unique_id_r")]).unique().implode()
    reached = known.filter(pl.col("unique_id").is_in(touched))
    person_node = format_str("p{}", pl.col("person_id"))
    ties = reached.select(unique_id_l=pl.col("unique_id"), unique_id_r=person_node)
    nodes = pl.concat(
        [fresh.get_column("unique_id"), reached.get_column("unique_id"), reached.select(person_node).to_series()]
    ).unique()
    components = connected_components(nodes, pl.concat([auto, ties]))
    persons_in = (
        components.filter(pl.col("unique_id").str.starts_with("p"))
        .group_by("cluster_id")
        .agg(pl.col("unique_id").str.slice(1).cast(pl.Int64).min().alias("person_id"))
    )
    return (
        fresh.join(components, on="unique_id", how="left")
        .join(persons_in, on="cluster_id", how="left")
        .select("id", "person_id", pl.when(pl.col("person_id").is_null()).then("cluster_id").alias("cluster_id"))
        .cast(ASSIGNMENT_SCHEMA)
    )


def golden_records(
    rows: pl.DataFrame, confirmed: pl.Series | None = None, dukcapil: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One golden record per `person_id` from their rows, with `field_sources` as JSON text.

    `rows` has id, person_id, status, submission_id and the GOLDEN_FIELDS (null = no value), and
    may have the row's NIK flags: nik_excel (an Excel number cell ending in 0), nik_mismatch (the
    NIK's date or sex is not the row's), nik_district (its kecamatan code exists nowhere) and
    birth_from_nik (no birth date written: read from the NIK).

    Most fields follow GOLDEN_RULE. The NIK is the one most of the person's undamaged rows carry
    (never a copy Excel made of another of their NIKs), and `nik_check` says why it must be checked
    before it goes to BPJS: "conflict" (two NIKs equally supported), "excel" or "mismatch" (only
    damaged rows carry it, or its kecamatan code exists nowhere: "district"), "serial" (a serial of
    1000 or more), "zero" (it ends in 0: Excel's rounding of another NIK, saved as text,
    looks just like it). A NIK in `confirmed` (someone compared it with the KTP) is chosen first and
    needs no check. `dukcapil` (nik, result: `core.dukcapil`'s FOUND, OTHER_NAME, NOT_FOUND) is what
    Dukcapil answered: a NIK it knows under the person's name comes next and needs no other check,
    unless another NIK of the person's rows is found too ("dukcapil_two": the rows are two real
    people's); a NIK it knows as someone else's ("dukcapil_name") or not at all ("dukcapil_missing")
    is chosen last and carries that code. A written birth date wins over one read from a NIK, and a date read from a NIK
    is the chosen NIK's (`birth_date_from_nik`). The desil is the latest list's (DTSEN lists are
    re-issued), and the kecamatan is the kelurahan's when one is known.
    """
    rows = rows.with_columns(
        [pl.lit(None, dtype=dtype).alias(name) for name, dtype in _OPTIONAL.items() if name not in rows.columns]
    )
    flags = [pl.col(name).fill_null(False).alias(name) for name in (*_NIK_FLAGS, "birth_from_nik")]
    ordered = rows.with_columns(flags).sort(
        [pl.col("status") != ACCEPTED, pl.col("submission_id"), pl.col("id")], descending=[False, True, False]
    )
    plain = ("name", "sex", "kelurahan_code", "phone", "occupation")
    best = ordered.group_by("person_id", maintain_order=True).agg(
        *[pl.col(name).drop_nulls().first() for name in plain],
        *[pl.col("id").filter(pl.col(name).is_not_null()).first().alias(f"_{name}_source") for name in plain],
        _kecamatan=pl.col("kecamatan_code").drop_nulls().first(),
        _kecamatan_row=pl.col("id").filter(pl.col("kecamatan_code").is_not_null()).first(),
        _stated_birth=pl.col("birth_date").filter(~pl.col("birth_from_nik")).drop_nulls().first(),
        _stated_birth_source=pl.col("id")
        .filter(~pl.col("birth_from_nik") & pl.col("birth_date").is_not_null())
        .first(),
    )
    # The latest list's desil, whatever its notes: DTSEN is re-issued and each list replaces the last
    # (few lists carry a desil, so few rows are sorted).
    latest = (
        ordered.filter(pl.col("desil").is_not_null())
        .sort("submission_id", descending=True, maintain_order=True)
        .group_by("person_id")
        .agg(pl.col("desil").first(), pl.col("id").first().alias("_desil_source"))
    )
    answers = dukcapil if dukcapil is not None else pl.DataFrame(schema={"nik": pl.String, "result": pl.String})
    answers = answers.unique("nik", keep="last")
    found = answers.filter(pl.col("result") == FOUND).get_column("nik").implode()
    refuted = answers.filter(pl.col("result") != FOUND).select(
        "nik", _refuted=pl.col("result").replace_strict(NIK_CHECK_OF, default=None, return_dtype=pl.String)
    )
    niks = _golden_nik(ordered, _confirmed(confirmed), found, refuted.get_column("nik").implode())
    kelurahan_district = pl.col("kelurahan_code").str.slice(0, 8)
    golden = (
        best.join(niks, on="person_id", how="left")
        .join(latest, on="person_id", how="left")
        .with_columns(
            birth_date=pl.coalesce("_stated_birth", "_nik_birth"),
            _birth_date_source=pl.coalesce("_stated_birth_source", "_nik_birth_source"),
            birth_date_from_nik=pl.col("_stated_birth").is_null() & pl.col("_nik_birth").is_not_null(),
            kecamatan_code=pl.coalesce(kelurahan_district, "_kecamatan"),
            _kecamatan_code_source=pl.when(pl.col("kelurahan_code").is_not_null())
            .then(pl.col("_kelurahan_code_source"))
            .otherwise(pl.col("_kecamatan_row")),
        )
        .join(refuted, on="nik", how="left")
        .with_columns(
            nik_check=pl.when(pl.col("nik").is_in(_confirmed(confirmed)))
            .then(pl.lit(""))
            .when(pl.col("nik").is_in(found))
            .then(pl.when(pl.col("_found_niks") > 1).then(pl.lit("dukcapil_two")).otherwise(pl.lit("")))
            .otherwise(
                pl.concat_str(
                    [pl.col("_refuted"), pl.col("nik_check").replace("", None)], separator=",", ignore_nulls=True
                ).fill_null("")
            ),
        )
    )
    sources = pl.concat_str(
        [
            pl.when(pl.col(f"_{name}_source").is_not_null()).then(
                format_str(f'"{name}": {{}}', pl.col(f"_{name}_source"))
            )
            for name in GOLDEN_FIELDS
        ],
        separator=", ",
        ignore_nulls=True,
    )
    return golden.with_columns(field_sources=pl.lit("{") + sources + pl.lit("}")).select(
        "person_id", *GOLDEN_FIELDS, "field_sources", "nik_check", "birth_date_from_nik"
    )


# Columns a caller may leave out of golden_records' rows (older callers and tests): no value, no flag.
_OPTIONAL = {
    "kecamatan_code": pl.String,
    "desil": pl.Int8,
    "nik_excel": pl.Boolean,
    "nik_mismatch": pl.Boolean,
    "nik_district": pl.Boolean,
    "birth_from_nik": pl.Boolean,
}
_NIK_FLAGS = ("nik_excel", "nik_mismatch", "nik_district")
# A serial this high is a slip (Dukcapil numbers the people of a kecamatan born on one day, of one sex)
# unless the date is one Dukcapil gives people whose birthday is unknown, whose serials run high.
SERIAL_DOUBT_FROM = 1000
_PLACEHOLDER_DAYS = ("0101", "3112", "4101", "7112", "0107", "4107")
NIK_CHECKS = (
    "conflict",
    "excel",
    "zero",
    "mismatch",
    "district",
    "serial",
    "dukcapil_name",
    "dukcapil_missing",
    "dukcapil_two",
)


# Why a NIK must be checked, in words.
NIK_CHECK_TEXT = {
    "id": {
        "conflict": "daftar-daftar menyebut NIK berbeda",
        "excel": "NIK tersimpan sebagai angka di Excel, digit terakhirnya mungkin berubah",
        "zero": "NIK berakhir dengan 0; Excel mungkin membulatkannya",
        "mismatch": "tanggal lahir atau jenis kelamin di NIK tidak sesuai data orangnya",
        "district": "kode kecamatan di NIK tidak ada",
        "serial": "nomor urut NIK tidak wajar (1000 atau lebih)",
        "age_from_nik": "umurnya dihitung dari NIK itu, jadi belum pasti",
        "dukcapil_name": "menurut Dukcapil NIK ini milik orang lain",
        "dukcapil_missing": "Dukcapil tidak menemukan NIK ini",
        "dukcapil_two": "Dukcapil mengenal dua NIK dari baris-barisnya atas nama yang mirip: mungkin dua orang",
    },
    "en": {
        "conflict": "the lists give different NIKs",
        "excel": "the NIK was stored as an Excel number; its last digit may have changed",
        "zero": "the NIK ends in 0; Excel may have rounded it",
        "mismatch": "the NIK's birth date or sex is not the person's",
        "district": "the NIK's kecamatan code does not exist",
        "serial": "the NIK's serial number is implausible (1000 or more)",
        "age_from_nik": "the age was read from that NIK, so it is not certain",
        "dukcapil_name": "Dukcapil says this NIK is someone else's",
        "dukcapil_missing": "Dukcapil does not know this NIK",
        "dukcapil_two": "Dukcapil knows two NIKs of the rows under like names: they may be two people",
    },
}


def nik_check_text(codes: str, language: str = "id") -> str:
    """ "conflict,zero" in words, in the reader's language."""
    words = NIK_CHECK_TEXT["en" if is_english(language) else "id"]
    return "; ".join(words.get(code, code) for code in codes.split(",") if code)


def _confirmed(confirmed: pl.Series | None) -> pl.Expr:
    return pl.lit(confirmed if confirmed is not None else pl.Series([], dtype=pl.String)).implode()


def _golden_nik(ordered: pl.DataFrame, confirmed: pl.Expr, found: pl.Series, refuted: pl.Series) -> pl.DataFrame:
    """person_id, nik, _nik_source, nik_check: the NIK a person's rows support best, and why it needs a check.

    A NIK that is an Excel copy of another NIK of the same person (rounded or cut after 15 digits)
    is never chosen. Among the others, the one most undamaged rows carry wins, then the one most
    rows carry, then the golden rule's order. Two NIKs equally supported are a conflict: one of
    them is a slip, and nothing here can tell which.
    """
    niks = ordered.with_row_index("_order").filter(pl.col("nik").is_not_null())
    doubt = pl.any_horizontal(_NIK_FLAGS)
    # Rows keep the golden rule's order inside each group: "first" is the best row carrying the NIK.
    per_nik = niks.group_by("person_id", "nik").agg(
        _clean=(~doubt).sum(),
        _rows=pl.len(),
        _first=pl.col("_order").first(),
        _nik_source=pl.col("id").first(),
        _nik_birth=pl.col("birth_date").drop_nulls().first(),
        _nik_birth_source=pl.col("id").filter(pl.col("birth_date").is_not_null()).first(),
        _excel=pl.col("nik_excel").any(),
        _mismatch=pl.col("nik_mismatch").any(),
        _district=pl.col("nik_district").any(),
    )
    # Most persons' rows give one NIK: nothing to weigh. The others' NIKs are compared.
    several = pl.len().over("person_id") > 1
    single = per_nik.filter(~several).with_columns(_tied=pl.lit(False), _found_niks=pl.lit(0, dtype=pl.UInt32))
    per_nik = per_nik.filter(several)
    present = per_nik.select("person_id", "nik")
    # A NIK ending in 0 is its own rounding: only a copy of another NIK counts.
    copies = pl.concat([present.select("person_id", "nik", _copy=form) for form in excel_copies(pl.col("nik"))]).filter(
        pl.col("_copy") != pl.col("nik")
    )
    per_nik = per_nik.with_columns(
        _is_copy=pl.struct("person_id", "nik").is_in(
            copies.select(pl.struct("person_id", nik="_copy")).to_series().implode()
        ),
        _confirmed=pl.col("nik").is_in(confirmed),
        _found=pl.col("nik").is_in(found),
        _refuted=pl.col("nik").is_in(refuted),
    ).sort(
        ["person_id", "_confirmed", "_found", "_refuted", "_is_copy", "_clean", "_rows", "_first"],
        descending=[False, True, True, False, False, True, True, False],
    )
    # Two NIKs of one person's rows that Dukcapil both knows under a like name are two real people's.
    found_niks = per_nik.filter(~pl.col("_is_copy")).group_by("person_id").agg(_found_niks=pl.col("_found").sum())
    chosen = per_nik.group_by("person_id", maintain_order=True).first()
    rivals = (
        # A NIK Dukcapil refuted is no rival: it is not the person's.
        per_nik.filter(~pl.col("_is_copy") & ~pl.col("_refuted"))
        .join(chosen.select("person_id", _best_clean="_clean", _best_rows="_rows"), on="person_id")
        .filter((pl.col("_clean") == pl.col("_best_clean")) & (pl.col("_rows") == pl.col("_best_rows")))
        .group_by("person_id")
        .agg(_tied=pl.len() > 1)
    )
    chosen = pl.concat(
        [
            single,
            chosen.join(rivals, on="person_id", how="left")
            .join(found_niks, on="person_id", how="left")
            .with_columns(pl.col("_tied").fill_null(False), pl.col("_found_niks").fill_null(0))
            .select(single.columns),
        ]
    )
    unsupported = pl.col("_clean") == 0
    return chosen.with_columns(
        nik_check=pl.concat_str(
            [
                pl.when(pl.col("_tied")).then(pl.lit("conflict")),
                pl.when(unsupported & pl.col("_excel")).then(pl.lit("excel")),
                # Excel's copy saved as text looks like any NIK ending in 0, and lists copy each other's
                # cells: only someone who saw the KTP can tell (a NikConfirmation).
                pl.when(~(unsupported & pl.col("_excel")) & pl.col("nik").str.ends_with("0")).then(pl.lit("zero")),
                pl.when(unsupported & pl.col("_mismatch")).then(pl.lit("mismatch")),
                pl.when(unsupported & pl.col("_district")).then(pl.lit("district")),
                pl.when(
                    (pl.col("nik").str.slice(12, 4).cast(pl.Int32, strict=False) >= SERIAL_DOUBT_FROM)
                    & ~pl.col("nik").str.slice(6, 4).is_in(_PLACEHOLDER_DAYS)
                ).then(pl.lit("serial")),
            ],
            separator=",",
            ignore_nulls=True,
        )
    ).select("person_id", "nik", "_nik_source", "_nik_birth", "_nik_birth_source", "nik_check", "_found_niks")


def persons_sharing_nik(rows: pl.DataFrame) -> int:
    """How many persons have a row whose valid NIK, birth date and sex another person's row also has.

    Rows: nik, birth_date, sex, person_id. Those always link, so this is zero unless something went
    wrong (or a person split them by hand). Not counted: a family-card number typed as NIK, shared by
    members born on other days, and a mistyped NIK that hit someone of the other sex born the same
    day; such pairs are left to the model and the review queue.
    """
    linked = rows.filter(
        pl.col("nik").is_not_null() & pl.col("birth_date").is_not_null() & pl.col("person_id").is_not_null()
    ).select("nik", "birth_date", "sex", "person_id")
    key = ["nik", "birth_date", "sex"]
    shared = linked.group_by(key).agg(pl.col("person_id").n_unique().alias("_persons")).filter(pl.col("_persons") > 1)
    if shared.is_empty():
        return 0
    return linked.join(shared.select(key), on=key, how="semi").get_column("person_id").n_unique()
