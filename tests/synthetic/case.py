"""A whole region's case with its truth known, as a Disnaker receives it (issue 16).

`program_case(people=20_000)` builds Kota Malang (35.73): the true people (occupation, DTSEN desil,
death, BPJS status), six OPD lists typed by others (DISNAKER, DINSOS with a DESIL column, KEMENAG,
KELURAHAN, SATPOLPP, DISHUB; each person in 1-3 of them), BPJS's roster and Dukcapil's death list,
as the bytes of the files, with frames that say which true person each row, roster entry and
death is. Besides the damage of `people.synthetic_lists` and `files.opd_list_file`:

- about 3 % of rows give the KECAMATAN but no kelurahan (the ALAMAT names none either);
- about 1 % of people (5 % of those on the roster) arrive ONLY with their NIK as Excel keeps it,
  rounded at the 15th digit (…0428 as …0430), as 16-digit text or as a number cell, and half of
  their rows with a letter of the name mistyped;
- the roster (KPJ, NIK, NAMA, TGL LAHIR, SEGMEN, STATUS) has the exact NIK and sometimes a
  mistyped name (AMINAH as AAINAH): ~8 % of people AKTIF, ~3 % NON AKTIF, and ~1 % entries of
  people in no list;
- ~1.5 % of people die, on days over 2026-2027: some before the cover start 2027-07-01, some after.
"""

import datetime as dt
import io
from dataclasses import dataclass

import polars as pl

from jaring.core.deaths import NAME_MIN_SCORE, name_score
from tests.files import xlsx_bytes
from tests.synthetic.files import HEADER, excel_rounded, opd_list_file, region_places
from tests.synthetic.people import Random, synthetic_lists, synthetic_people

REGION = "35.73"  # Kota Malang
COVER_START = dt.date(2027, 7, 1)
# OPD code -> (its name, the file it sends). csv files come from old Excel: one with ";" and a BOM.
LISTS: dict[str, tuple[str, str]] = {
    "DISNAKER": ("Dinas Tenaga Kerja dan PMPTSP Kota Malang", "DISNAKER-pekerja-rentan-2026.xlsx"),
    "DINSOS": ("Dinas Sosial P3AP2KB Kota Malang", "DINSOS-dtsen-pekerja-informal.xlsx"),
    "KEMENAG": ("Kantor Kementerian Agama Kota Malang", "KEMENAG-guru-ngaji-marbot.csv"),
    "KELURAHAN": ("Rekap Kelurahan se-Kota Malang", "KELURAHAN-rekap-pekerja-2026.xlsx"),
    "SATPOLPP": ("Satuan Polisi Pamong Praja Kota Malang", "SATPOLPP-linmas.csv"),
    "DISHUB": ("Dinas Perhubungan Kota Malang", "DISHUB-ojek-jukir.xlsx"),
}
ROSTER_FILE = "bpjs-peserta-kota-malang.xlsx"
DEATHS_FILE = "dukcapil-kematian-2025-2026.xlsx"
# Occupation category (jaring/core/occupations.py) -> (share of people, words the lists use for it).
OCCUPATIONS: dict[str, tuple[float, tuple[str, ...]]] = {
    "petani": (0.22, ("Petani", "PETANI", "Buruh Tani", "Tani", "Petani Tembakau", "Pekebun")),
    "buruh_serabutan": (
        0.18,
        ("Buruh serabutan", "Serabutan", "Buruh Harian Lepas", "BHL", "Kuli Bangunan", "Tukang Batu"),
    ),
    "ojek": (0.12, ("Ojol", "Driver Grab", "Gojek", "Ojek", "Ojek Online", "Kurir")),
    "pedagang": (0.12, ("Pedagang kaki lima", "PKL", "Pedagang", "Warung", "Wiraswasta")),
    "guru_ngaji": (0.06, ("Guru Ngaji", "Guru Ngaji/TPQ", "Ustadz TPQ", "Guru TPQ")),
    "marbot": (0.05, ("Marbot", "Marbot Masjid", "Takmir", "Modin")),
    "linmas": (0.05, ("Linmas", "LINMAS", "Anggota Linmas", "Hansip")),
    "rt_rw": (0.03, ("Ketua RT", "Ketua RW")),
    "penggali_makam": (0.02, ("Penggali Makam", "Juru Kunci Makam")),
    "juru_parkir": (0.05, ("Jukir", "Juru Parkir", "Tukang Parkir")),
    "pemulung": (0.04, ("Pemulung", "Rongsok")),
    "nelayan": (0.01, ("Nelayan",)),
    "pekerja_sosial": (0.05, ("Kader Posyandu", "Relawan")),
}
DESIL_WEIGHTS = (0.18, 0.17, 0.15, 0.12, 0.10, 0.08, 0.07, 0.05, 0.04, 0.04)  # Dinsos lists the poorest most
DESIL_FORMS = ("{}", "Desil {}", "D{}", "0{}")  # "3", "Desil 3", "D3", "03" (10 stays "10" in the last)
ACTIVE_SHARE, INACTIVE_SHARE, OFF_LIST_SHARE = 0.08, 0.03, 0.01
DEATH_SHARE, KECAMATAN_ONLY_SHARE = 0.015, 0.03
ROUNDED_SHARE, ROUNDED_ROSTER_SHARE = 0.01, 0.05
ROSTER_NAME_MISTYPED = 0.10
# A death list is published after the deaths it names: 2025-01-01 .. 2026-11-15, before the list's day
# (a date after it is refused at import) and so before the program's cover starts.
DEATHS_FROM, DEATH_DAYS = dt.date(2025, 1, 1), 683
_LIST_HEADER_EXTRA = {"DINSOS": "DESIL"}
_STEPS = [1, 2, 4, 5]  # (offset + k * step) % 6 gives k = 0, 1, 2 three different lists


@dataclass(frozen=True)
class ProgramCase:
    """The files as bytes (name -> content) and the truth.

    - `lists`: OPD code -> file name; `opd_names`: OPD code -> its name.
    - `people`: one row per true person: person_id, nik (true), name, sex, birth_date,
      kelurahan_code, kecamatan_code, occupation (category code), desil, death_date, bpjs_status
      (active / inactive / null), bpjs_segment, kpj, listed, copies (rows in lists), nik_rounded.
    - `rows`: one row per list row: file, source, No (the sheet's "No" cell), person_id,
      nik_written, nik_rounded, kecamatan_only, occupation_text, desil_text.
    - `roster`: one row per roster entry: row (1 = first data row), kpj, person_id, status, segment,
      name_mistyped, listed.
    - `deaths`: nik, person_id, death_date.
    """

    files: dict[str, bytes]
    lists: dict[str, str]
    opd_names: dict[str, str]
    roster_file: str
    deaths_file: str
    people: pl.DataFrame
    rows: pl.DataFrame
    roster: pl.DataFrame
    deaths: pl.DataFrame
    cover_start: dt.date = COVER_START
    region: str = REGION


def program_case(people: int = 20_000, *, seed: int = 16) -> ProgramCase:
    places = region_places(REGION)
    villages = places.get_column("code").to_list()
    off_list = max(1, round(people * OFF_LIST_SHARE))
    truth = _people(synthetic_people(people + off_list, villages=villages, seed=seed), listed=people, seed=seed)

    listed = truth.filter(pl.col("listed"))
    rows = synthetic_lists(listed.select("person_id", *_PERSON_FIELDS), villages=villages, seed=seed + 1)
    rows = _assign_lists(rows, truth, seed=seed + 2)
    has_dinsos = rows.filter(pl.col("source") == "DINSOS").get_column("person_id").unique().implode()
    rnd = Random(seed + 3)
    weighted_desil = _weighted(rnd.uniform(truth.height), [str(d) for d in range(1, 11)], DESIL_WEIGHTS)
    truth = truth.with_columns(
        desil=pl.when(pl.col("person_id").is_in(has_dinsos) & (rnd.uniform(truth.height) < 0.9))
        .then(weighted_desil.cast(pl.Int8))
        .otherwise(None)
    )
    copies = rows.group_by("person_id").len("copies")
    truth = truth.join(copies, on="person_id", how="left").with_columns(pl.col("copies").fill_null(0))

    files: dict[str, bytes] = {}
    truth_rows = []
    for number, (code, (_opd, file_name)) in enumerate(LISTS.items()):
        part = rows.filter(pl.col("source") == code)
        text, row_truth = _list_file(part, truth, places, code=code, seed=seed + 10 + number)
        files[file_name] = _write(text, file_name)
        truth_rows.append(row_truth.with_columns(file=pl.lit(file_name), source=pl.lit(code)))
    roster_text, roster_truth = _roster(truth, seed=seed + 30)
    files[ROSTER_FILE] = _write(roster_text, ROSTER_FILE)
    deaths_text, deaths_truth = _deaths(truth, seed=seed + 31)
    files[DEATHS_FILE] = _write(deaths_text, DEATHS_FILE)
    return ProgramCase(
        files=files,
        lists={code: file_name for code, (_opd, file_name) in LISTS.items()},
        opd_names={code: opd for code, (opd, _file) in LISTS.items()},
        roster_file=ROSTER_FILE,
        deaths_file=DEATHS_FILE,
        people=truth.select(
            "person_id",
            "nik",
            "name",
            "sex",
            "birth_date",
            "kelurahan_code",
            "kecamatan_code",
            "occupation",
            "desil",
            "death_date",
            "bpjs_status",
            "bpjs_segment",
            "kpj",
            "listed",
            "copies",
            "nik_rounded",
        ),
        rows=pl.concat(truth_rows).select(
            "file",
            "source",
            "No",
            "person_id",
            "nik_written",
            "nik_rounded",
            "kecamatan_only",
            "occupation_text",
            "desil_text",
        ),
        roster=roster_truth,
        deaths=deaths_truth,
    )


def should_be_eligible(people: pl.DataFrame, *, cover_start: dt.date = COVER_START, ages=(18, 60)) -> pl.Expr:
    """The truth's verdict for a program of Kota Malang with an age range, excluding who BPJS lists as active.

    (Whether a person has a linked row is the benchmark's to add: it depends on the import.)
    """
    from jaring.core.frames import age_on

    age = age_on(pl.col("birth_date"), cover_start)
    return (
        age.is_between(*ages)
        & (pl.col("death_date").is_null() | (pl.col("death_date") >= pl.lit(cover_start)))
        & pl.col("kelurahan_code").str.starts_with(f"{REGION}.")
        & (pl.col("bpjs_status").fill_null("") != "active")
    )


_PERSON_FIELDS = ("nik", "name", "sex", "birth_date", "kelurahan_code", "rt_rw", "phone")


def _people(frame: pl.DataFrame, *, listed: int, seed: int) -> pl.DataFrame:
    rnd = Random(seed + 100)
    n = frame.height
    codes = list(OCCUPATIONS)
    on_list = pl.col("person_id") < listed
    u_bpjs = rnd.uniform(n)
    status = (
        pl.when(on_list)
        .then(
            pl.when(u_bpjs < ACTIVE_SHARE)
            .then(pl.lit("active"))
            .when(u_bpjs < ACTIVE_SHARE + INACTIVE_SHARE)
            .then(pl.lit("inactive"))
        )
        .otherwise(pl.when(u_bpjs < 0.7).then(pl.lit("active")).otherwise(pl.lit("inactive")))
    )
    frame = frame.with_columns(
        listed=on_list,
        kecamatan_code=pl.col("kelurahan_code").str.slice(0, 8),
        occupation=_weighted(rnd.uniform(n), codes, [OCCUPATIONS[code][0] for code in codes]),
        bpjs_status=status,
        _u_segment=rnd.uniform(n),
        death_date=pl.when(on_list & (rnd.uniform(n) < DEATH_SHARE)).then(
            pl.lit(DEATHS_FROM) + pl.duration(days=(rnd.uniform(n) * DEATH_DAYS).cast(pl.Int64))
        ),
        _u_round=rnd.uniform(n),
        _u_serial=rnd.uniform(n),
        _offset=(rnd.uniform(n) * len(LISTS)).cast(pl.Int64),
        _step=pl.lit(pl.Series(_STEPS)).gather((rnd.uniform(n) * len(_STEPS)).cast(pl.UInt32)),
    )
    on_roster = pl.col("bpjs_status").is_not_null()
    frame = frame.with_columns(
        bpjs_segment=pl.when(on_roster).then(
            pl.when(pl.col("_u_segment") < 0.4).then(pl.lit("PU")).otherwise(pl.lit("BPU"))
        ),
        kpj=pl.when(on_roster).then((pl.col("person_id") * 97 + 17_000_000_013).cast(pl.String)),
        nik_rounded=on_list
        & (pl.col("_u_round") < pl.when(on_roster).then(ROUNDED_ROSTER_SHARE).otherwise(ROUNDED_SHARE)),
        _nik_before=pl.col("nik"),
    )
    # Excel's rounding misleads with a serial such as 0428: …0430 is still a NIK, of someone else or of no one
    # (…0001 would become a serial 0000, which no NIK has). A city's 850,000 people have serials that high, the
    # generator's few thousand mostly 0001: whose NIK Excel rounds gets a serial of 0011-0999 not ending in 0.
    serial = (pl.col("_u_serial") * 989).cast(pl.Int64) + 11
    serial = pl.when(serial % 10 == 0).then(serial + 1).otherwise(serial)
    frame = frame.with_columns(
        nik=pl.when(pl.col("nik_rounded"))
        .then(pl.col("nik").str.slice(0, 12) + serial.cast(pl.String).str.zfill(4))
        .otherwise(pl.col("nik"))
    )
    taken = pl.col("nik_rounded") & pl.col("nik").is_duplicated()  # another person's NIK: keep the old serial
    frame = frame.with_columns(
        nik=pl.when(taken).then(pl.col("_nik_before")).otherwise(pl.col("nik")),
        nik_rounded=pl.col("nik_rounded") & ~taken,
    )
    return frame.with_columns(nik_as_excel=excel_rounded(pl.col("nik"))).drop(
        "_u_segment", "_u_round", "_u_serial", "_nik_before"
    )


def _assign_lists(rows: pl.DataFrame, truth: pl.DataFrame, *, seed: int) -> pl.DataFrame:
    """Each person's 1-3 rows in as many different lists; the Excel-rounded NIK on all rows of those who have one."""
    codes = list(LISTS)
    rows = rows.join(
        truth.select("person_id", "_offset", "_step", "nik_rounded", "nik_as_excel"), on="person_id", how="left"
    ).with_columns(_k=pl.int_range(pl.len()).over("person_id"))
    rnd = Random(seed)
    n = rows.height
    return rows.with_columns(
        source=pl.lit(pl.Series(codes)).gather((pl.col("_offset") + pl.col("_k") * pl.col("_step")) % len(codes)),
        nik=pl.when(pl.col("nik_rounded")).then(pl.col("nik_as_excel")).otherwise(pl.col("nik")),
        name=pl.when(pl.col("nik_rounded") & (rnd.uniform(n) < 0.5))
        .then(mistyped(pl.col("name"), rnd.uniform(n), rnd.choice(n, list("AIUENRMKST"))))
        .otherwise(pl.col("name")),
    ).drop("_offset", "_step", "_k", "nik_as_excel")


def _list_file(
    part: pl.DataFrame, truth: pl.DataFrame, places: pl.DataFrame, *, code: str, seed: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the list's columns, with _nik_number marking NIK cells that are numbers; truth of its rows)."""
    text, _truth = opd_list_file(part.drop("nik_rounded"), places, seed=seed)
    rnd = Random(seed + 1000)
    n = part.height
    words = pl.DataFrame(
        {"occupation": list(OCCUPATIONS), "_words": [list(words) for _share, words in OCCUPATIONS.values()]}
    )
    extra = (
        part.select("person_id", "nik", "nik_rounded", "kelurahan_code")
        .with_row_index("_i")
        .join(truth.select("person_id", "occupation", "desil"), on="person_id", how="left")
        .join(words, on="occupation", how="left")
        .join(places.select(kelurahan_code="code", _kel="name", _kec="district_name"), on="kelurahan_code", how="left")
        .sort("_i")
        .with_columns(
            kecamatan_only=rnd.uniform(n) < KECAMATAN_ONLY_SHARE,
            occupation_text=pl.col("_words").list.get(
                (rnd.uniform(n) * pl.col("_words").list.len()).cast(pl.Int64), null_on_oob=True
            ),
            _nik_number=pl.col("nik_rounded") & (rnd.uniform(n) < 0.5),
            _desil_form=(rnd.uniform(n) * len(DESIL_FORMS)).cast(pl.Int64),
        )
    )
    desil = pl.col("desil").cast(pl.String)
    desil_text = pl.lit(None, dtype=pl.String)
    for number, form in enumerate(DESIL_FORMS):
        written = desil.str.zfill(2) if form == "0{}" else pl.format(form, desil)
        desil_text = pl.when(pl.col("_desil_form") == number).then(written).otherwise(desil_text)
    extra = extra.with_columns(desil_text=pl.when(pl.col("desil").is_not_null()).then(desil_text))
    text = pl.concat([text, extra.select("kecamatan_only", "occupation_text", "nik_rounded", "nik", "_kel", "_kec",
                                         "_nik_number", "desil_text")], how="horizontal")  # fmt: skip
    text = text.with_columns(
        NIK=pl.when(pl.col("nik_rounded")).then(pl.col("nik")).otherwise(pl.col("NIK")),
        Kelurahan=pl.when(pl.col("kecamatan_only"))
        .then(None)
        .otherwise(pl.coalesce(pl.col("Kelurahan"), pl.col("_kel"))),
        Kecamatan=pl.when(pl.col("kecamatan_only"))
        .then(pl.col("_kec").str.to_titlecase())
        .otherwise(pl.col("Kecamatan")),
        Pekerjaan=pl.col("occupation_text"),
    )
    row_truth = pl.DataFrame(
        {
            "No": text.get_column("No").cast(pl.Int64),
            "person_id": part.get_column("person_id"),
            "nik_written": text.get_column("NIK"),
            "nik_rounded": text.get_column("nik_rounded"),
            "kecamatan_only": text.get_column("kecamatan_only"),
            "occupation_text": text.get_column("occupation_text"),
            "desil_text": text.get_column("desil_text") if code == "DINSOS" else pl.Series([None] * n, dtype=pl.String),
        }
    )
    columns = [*HEADER, *([_LIST_HEADER_EXTRA[code]] if code in _LIST_HEADER_EXTRA else [])]
    listed = text.rename({"desil_text": "DESIL"}).select(*columns, "_nik_number")
    return listed, row_truth


def _roster(truth: pl.DataFrame, *, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    entries = truth.filter(pl.col("bpjs_status").is_not_null())
    rnd = Random(seed)
    n = entries.height
    entries = entries.with_columns(
        name_mistyped=rnd.uniform(n) < ROSTER_NAME_MISTYPED,
        _order=pl.col("person_id").hash(seed),
        _mistyped=mistyped(pl.col("name").str.to_uppercase(), rnd.uniform(n), rnd.choice(n, list("AIUENRMKST"))),
    ).sort("_order")
    text = entries.select(
        KPJ="kpj",
        NIK="nik",
        NAMA=pl.when(pl.col("name_mistyped")).then(pl.col("_mistyped")).otherwise(pl.col("name").str.to_uppercase()),
        **{"TGL LAHIR": pl.col("birth_date").dt.strftime("%d-%m-%Y")},
        SEGMEN="bpjs_segment",
        STATUS=pl.when(pl.col("bpjs_status") == "active").then(pl.lit("AKTIF")).otherwise(pl.lit("NON AKTIF")),
    )
    roster_truth = entries.select(
        row=pl.int_range(1, pl.len() + 1),
        kpj="kpj",
        person_id="person_id",
        status="bpjs_status",
        segment="bpjs_segment",
        name_mistyped="name_mistyped",
        listed="listed",
    )
    return text, roster_truth


def _deaths(truth: pl.DataFrame, *, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    died = truth.filter(pl.col("death_date").is_not_null()).sort("death_date", "person_id")
    rnd = Random(seed)
    text = died.select(
        NIK="nik",
        NAMA=pl.col("name").str.to_uppercase(),
        _date="death_date",
        _as_text=rnd.uniform(died.height) < 0.5,
    )
    return text, died.select("nik", "person_id", "death_date")


def mistyped(name: pl.Expr, draw: pl.Expr, letter: pl.Expr) -> pl.Expr:
    """One letter of `name` typed as `letter` (AMINAH as AAINAH), never the first; a space stays a space."""
    length = name.str.len_chars()
    position = (draw * (length - 1)).cast(pl.Int64) + 1
    position = pl.when(name.str.slice(position, 1) == " ").then(position - 1).otherwise(position)
    original = name.str.slice(position, 1)
    letter = pl.when(original.str.to_uppercase() == letter).then(pl.lit("O")).otherwise(letter)
    letter = pl.when(original == original.str.to_lowercase()).then(letter.str.to_lowercase()).otherwise(letter)
    return (
        pl.when(length >= 3).then(name.str.slice(0, position) + letter + name.str.slice(position + 1)).otherwise(name)
    )


def _weighted(draw: pl.Expr, options: list[str], weights) -> pl.Expr:
    total, out = 0.0, pl.lit(options[-1])
    thresholds = []
    for option, weight in zip(options, weights, strict=True):
        total += weight
        thresholds.append((total, option))
    for threshold, option in reversed(thresholds[:-1]):
        out = pl.when(draw < threshold).then(pl.lit(option)).otherwise(out)
    return out


def _write(frame: pl.DataFrame, file_name: str) -> bytes:
    """xlsx with typed cells (No and some NIKs as numbers, some dates as date cells), or csv as old Excel saves it."""
    if file_name.endswith(".csv"):
        frame = frame.drop("_nik_number", strict=False)
        buffer = io.BytesIO()
        if file_name.startswith("KEMENAG"):
            frame.write_csv(buffer, separator=";", include_bom=True)
        else:
            frame.write_csv(buffer)
        return buffer.getvalue()
    if "_date" in frame.columns:  # the death list
        header = ["NIK", "NAMA", "TANGGAL MENINGGAL"]
        body = [
            [nik, name, when.strftime("%d-%m-%Y") if as_text else when]
            for nik, name, when, as_text in frame.select("NIK", "NAMA", "_date", "_as_text").iter_rows()
        ]
        return xlsx_bytes({"Kematian": [header, *body]})
    numbers = frame.get_column("_nik_number") if "_nik_number" in frame.columns else None
    frame = frame.drop("_nik_number", strict=False)
    header = frame.columns
    body = []
    for index, row in enumerate(frame.iter_rows()):
        cells = list(row)
        for column, name in enumerate(header):
            value = cells[column]
            if value is None:
                continue
            if name == "No":
                cells[column] = int(value)
            elif name == "NIK" and numbers is not None and numbers[index]:
                cells[column] = int(value)  # a 16-digit number cell: exact as a float below 2**53
            elif name == "DESIL" and value.isdigit() and not value.startswith("0"):
                cells[column] = int(value)
        body.append(cells)
    return xlsx_bytes({"Data": [list(header), *body]})


def dukcapil_answer(case: ProgramCase, sent: pl.DataFrame) -> bytes:
    """Dukcapil's answer (xlsx: NO, NIK, NAMA, HASIL PADANAN) on `sent` (columns NIK and Nama/Name).

    Dukcapil knows every true person's NIK and name, listed or not: a NIK no one holds is "TIDAK
    DITEMUKAN", one whose holder's name is clearly not the one sent (a slip onto a neighbour's NIK)
    is "NAMA TIDAK SESUAI", the others "SESUAI".
    """
    name_column = next(column for column in sent.columns if column.strip().upper() in ("NAMA", "NAME"))
    asked = sent.select(NIK=pl.col("NIK").str.strip_chars(), NAMA=pl.col(name_column))
    known = case.people.select(NIK="nik", _true_name="name")
    joined = asked.join(known, on="NIK", how="left", maintain_order="left")
    results = [
        "TIDAK DITEMUKAN" if true_name is None else "SESUAI" if name_score(name, true_name) >= NAME_MIN_SCORE
        else "NAMA TIDAK SESUAI"
        for name, true_name in zip(joined.get_column("NAMA"), joined.get_column("_true_name"), strict=True)
    ]  # fmt: skip
    rows = [["NO", "NIK", "NAMA", "HASIL PADANAN"]]
    rows += [
        [number, nik, name, result]
        for number, (nik, name, result) in enumerate(
            zip(joined.get_column("NIK"), joined.get_column("NAMA"), results, strict=True), start=1
        )
    ]
    return xlsx_bytes({"Hasil Verifikasi": rows})
