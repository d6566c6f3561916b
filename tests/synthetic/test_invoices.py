"""The bill generator keeps its own promises: every class planted as many times as asked, files that open,
totals that add up, the same bill for the same seed, and a million csv lines in seconds."""

import datetime as dt
import io
import re
import time

import openpyxl
import polars as pl
import pytest

from tests.synthetic.invoices import (
    HEADER,
    JHT,
    JKK,
    JKM,
    UNREADABLE,
    WRONG_BY,
    ErrorShares,
    invoice_case,
    members_frame,
    rupiah,
)

PERIOD = dt.date(2026, 7, 1)
CLASSES = {
    "matched",
    "not_enrolled",
    "not_billed",
    "amount_differs",
    "after_end",
    "billed_twice",
    "kpj_nik_mismatch",
    "unreadable",
}
DETAILS = {
    "amount_differs": {"income_level", "discount", "jht"},
    "after_end": {"death"},
    "billed_twice": {"same_invoice", "two_kpj", "other_program"},
    "unreadable": set(UNREADABLE),
}
# Planted errors of a member-month (each takes one line of `members`, or its line away).
MEMBER_MONTH_ERRORS = ("not_billed", "income_level", "discount", "jht", "kpj_nik_mismatch", "unreadable", "after_end")


@pytest.fixture(scope="module")
def members():
    return members_frame(300, period=PERIOD, seed=18)


@pytest.fixture(scope="module")
def others():
    return members_frame(200, period=PERIOD, seed=19)


@pytest.fixture(scope="module")
def case(members, others):
    return invoice_case(members, period=PERIOD, others=others)


@pytest.fixture(scope="module")
def sheet(case):
    workbook = openpyxl.load_workbook(io.BytesIO(case.data))
    assert workbook.sheetnames == ["TAGIHAN"]
    return [list(row) for row in workbook["TAGIHAN"].iter_rows(values_only=True)]


def test_members_look_like_kota_malang_s(members):
    assert members.columns == ["person_id", "nik", "kpj", "name", "month", "jkk", "jkm", "jht"]
    assert members.height == 300 and (members.get_column("month") == PERIOD).all()
    assert members.get_column("person_id").is_unique().all()
    assert members.get_column("nik").is_unique().all() and members.get_column("kpj").is_unique().all()
    for nik in members.get_column("nik"):
        found = re.fullmatch(r"3573(0[1-5])(\d\d)(\d\d)(\d\d)(\d{4})", nik)
        assert found, nik
        day, month, year = int(found[2]), int(found[3]), int(found[4])
        born = dt.date(2000 + year if 2000 + year <= 2008 else 1900 + year, month, day - 40 if day > 40 else day)
        assert 18 <= (PERIOD - born).days / 365.25 <= 65.1
    assert any(int(nik[6:8]) > 40 for nik in members.get_column("nik"))  # women
    assert all(re.fullmatch(r"\d{11}", kpj) for kpj in members.get_column("kpj"))
    assert any(kpj.startswith("0") for kpj in members.get_column("kpj"))  # a leading zero to keep
    assert all(re.fullmatch(r"[A-Z][A-Z' .-]+", name) for name in members.get_column("name"))
    assert members.select((pl.col("jkk") == JKK) & (pl.col("jkm") == JKM) & (pl.col("jht") == 0)).to_series().all()


def test_members_over_months_and_with_jht():
    frame = members_frame(50, period=PERIOD, seed=4, months=3, package_jht=True)
    assert frame.height == 150
    assert sorted(frame.get_column("month").unique()) == [dt.date(2026, 5, 1), dt.date(2026, 6, 1), PERIOD]
    assert (frame.group_by("person_id").len().get_column("len") == 3).all()
    assert (frame.get_column("jht") == JHT).all()
    other = members_frame(50, period=PERIOD, seed=5)
    assert not set(other.get_column("person_id")) & set(frame.get_column("person_id"))
    assert not set(other.get_column("kpj")) & set(frame.get_column("kpj"))
    assert not set(other.get_column("nik")) & set(frame.get_column("nik"))


def test_every_class_and_detail_is_planted(case):
    truth = case.truth
    assert set(truth.get_column("klass")) == CLASSES
    for klass, details in DETAILS.items():
        assert set(truth.filter(pl.col("klass") == klass).get_column("detail")) == details, klass
    others = truth.filter(~pl.col("klass").is_in(list(DETAILS)))
    assert (others.get_column("detail") == "").all()
    assert truth.columns == ["row", "kpj", "nik", "month", "total", "klass", "detail", "person_id"]


def test_planted_counts_are_the_error_shares(case, members):
    n, errors = members.height, ErrorShares()
    assert (errors.count("two_kpj", n), errors.count("unreadable", n), errors.count("discount", n)) == (2, 4, 5)
    counts = dict(case.truth.group_by(pl.concat_str("klass", pl.lit("/"), "detail")).len().iter_rows())
    unreadable = errors.unreadable_counts(n)
    assert unreadable == dict.fromkeys(UNREADABLE, 1)
    planted = {name: errors.count(name, n) for name in MEMBER_MONTH_ERRORS}
    assert counts == {
        "matched/": n - sum(planted.values()),
        "not_enrolled/": errors.count("not_enrolled", n),
        # A member's unreadable line bills nothing readable: its member-month is not billed too.
        "not_billed/": planted["not_billed"] + planted["unreadable"],
        "amount_differs/income_level": planted["income_level"],
        "amount_differs/discount": planted["discount"],
        "amount_differs/jht": planted["jht"],
        "after_end/death": planted["after_end"],
        "billed_twice/same_invoice": errors.count("same_invoice", n),
        "billed_twice/two_kpj": errors.count("two_kpj", n),
        "billed_twice/other_program": errors.count("other_program", n),
        "kpj_nik_mismatch/": planted["kpj_nik_mismatch"],
        **{f"unreadable/{kind}": count for kind, count in unreadable.items()},
    }


def test_every_expected_member_month_is_billed_once_or_not_billed(case, members, others):
    truth = case.truth
    died = case.deaths.get_column("person_id")
    assert died.len() == ErrorShares().count("after_end", members.height)
    assert (case.deaths.get_column("death_date") < PERIOD).all()
    assert (case.deaths.get_column("death_date") >= dt.date(2026, 6, 1)).all()
    expected = members.filter(~pl.col("person_id").is_in(died.implode()))
    standing = truth.filter(pl.col("klass").is_in(["matched", "amount_differs", "kpj_nik_mismatch"]))
    standing = standing.filter(pl.col("person_id").is_not_null())
    unbilled = truth.filter(pl.col("klass") == "not_billed")
    accounted = pl.concat([standing, unbilled]).select("person_id", "month")
    assert accounted.is_duplicated().sum() == 0
    assert accounted.sort("person_id").equals(expected.select("person_id", "month").sort("person_id"))
    assert unbilled.get_column("row").is_null().all() and (unbilled.get_column("total") == 0).all()
    # The dead are billed once more, after their death, and expected no more.
    assert sorted(truth.filter(pl.col("klass") == "after_end").get_column("person_id")) == sorted(died)
    # Lines for no one here: fresh people, and people of the other program.
    assert truth.filter(pl.col("klass") == "not_enrolled").get_column("person_id").is_null().all()
    fresh = truth.filter(pl.col("klass") == "not_enrolled").get_column("nik")
    assert not set(fresh) & (set(members.get_column("nik")) | set(others.get_column("nik")))


def test_the_planted_lines_are_what_their_class_says(case, members, others):
    lines = case.truth.filter(pl.col("row").is_not_null())
    assert lines.get_column("row").is_unique().all()
    own = members.select("person_id", "month", own_kpj="kpj", own_nik="nik")
    lines = lines.join(own, on=["person_id", "month"], how="left")

    def of(klass: str, detail: str = "") -> pl.DataFrame:
        return lines.filter((pl.col("klass") == klass) & (pl.col("detail") == detail))

    assert (of("matched").get_column("total") == JKK + JKM).all()
    assert (of("amount_differs", "discount").get_column("total") == 8_400).all()
    assert (of("amount_differs", "jht").get_column("total") == JKK + JKM + JHT).all()
    assert of("amount_differs", "income_level").get_column("total").is_in([21_800, 26_800, 31_800]).all()
    mismatched = of("kpj_nik_mismatch")
    assert (mismatched.get_column("kpj") != mismatched.get_column("own_kpj")).all()
    assert mismatched.get_column("kpj").is_in(members.get_column("kpj").implode()).all()
    assert (mismatched.get_column("nik") == mismatched.get_column("own_nik")).all()
    # Twice: the repeat comes after the line it repeats, which is matched; the second KPJ is no one's.
    matched = of("matched")
    for repeat in of("billed_twice", "same_invoice").iter_rows(named=True):
        first = matched.filter((pl.col("nik") == repeat["nik"]) & (pl.col("month") == repeat["month"]))
        assert first.height == 1 and first.item(0, "row") < repeat["row"] and first.item(0, "kpj") == repeat["kpj"]
    for second in of("billed_twice", "two_kpj").iter_rows(named=True):
        first = matched.filter((pl.col("nik") == second["nik"]) & (pl.col("month") == second["month"]))
        assert first.height == 1 and first.item(0, "kpj") == second["own_kpj"] != second["kpj"]
        assert second["kpj"] not in set(members.get_column("kpj")) | set(others.get_column("kpj"))
    elsewhere = of("billed_twice", "other_program")
    assert elsewhere.get_column("person_id").is_in(others.get_column("person_id").implode()).all()
    assert not elsewhere.get_column("person_id").is_in(members.get_column("person_id").implode()).any()
    unreadable = lines.filter(pl.col("klass") == "unreadable")
    assert unreadable.filter(pl.col("detail").str.starts_with("amount_")).get_column("total").is_null().all()
    assert unreadable.filter(pl.col("detail") == "month_invalid").get_column("month").is_null().all()
    no_nik = unreadable.filter(pl.col("detail") == "nik_missing")
    assert no_nik.get_column("nik").is_null().all() and no_nik.get_column("kpj").is_null().all()


def test_the_xlsx_opens_with_openpyxl_as_a_branch_writes_it(case, sheet):
    assert case.file_name == "TAGIHAN_SG_2026-07.xlsx"
    titles = [row[0] for row in sheet[:4]]
    assert titles == [
        "BPJS KETENAGAKERJAAN KANTOR CABANG MALANG",
        "TAGIHAN IURAN PESERTA BUKAN PENERIMA UPAH",
        "KODE WADAH : SG-3573-0001",
        "PERIODE : JULI 2026",
    ]
    assert all(cell is None for cell in sheet[4]) and case.first_line_row == 7
    assert tuple(sheet[5]) == HEADER
    lines = case.truth.filter(pl.col("row").is_not_null()).sort("row")
    body = sheet[case.first_line_row - 1 : case.first_line_row - 1 + lines.height]
    assert [row[0] for row in body] == list(range(1, lines.height + 1))
    for truth_row, (row, kpj, nik, klass) in zip(
        body, lines.select("row", "kpj", "nik", "klass").iter_rows(), strict=True
    ):
        assert truth_row == sheet[row - 1]
        assert truth_row[1] == kpj
        written = truth_row[2]
        assert (written is None and nik is None) or written.strip().lstrip("'") == nik, (row, klass)
    footer = sheet[case.first_line_row - 1 + lines.height]
    assert footer[0] == "TOTAL" and footer[8] == case.lines_total == case.header_total
    # Real-life mess: text NIKs with an apostrophe or a space, date cells, amounts as text, titles.
    cells = [cell for row in body for cell in row]
    assert any(isinstance(cell, str) and cell.startswith("'3573") for cell in cells)
    assert any(isinstance(cell, str) and re.fullmatch(r" 3573\d{12}|3573\d{12} ", cell) for cell in cells)
    periods = [row[4] for row in body]
    assert any(isinstance(cell, dt.datetime) for cell in periods)
    for form in (r"2026-07", r"07/2026", r"JUL-2026", r"Juli 2026"):
        assert form in periods, form
    amounts = [cell for row in body for cell in row[5:9]]
    assert any(isinstance(cell, int) for cell in amounts)
    assert "10.000" in amounts and any(isinstance(cell, str) and cell.startswith("Rp ") for cell in amounts)
    assert any(isinstance(row[3], str) and row[3].startswith(("H. ", "HJ. ", "BPK. ", "IBU ")) for row in body)


def test_the_unreadable_cells_are_written_as_promised(case, sheet):
    lines = case.truth.filter(pl.col("klass") == "unreadable")
    by_detail = {detail: sheet[row - 1] for row, detail in lines.select("row", "detail").iter_rows()}
    assert by_detail["amount_negative"][8] == "-16.800"
    assert by_detail["amount_fraction"][8] == "16800,50"
    assert by_detail["month_invalid"][4] in ("BULAN 13", "13/2026", "2026-13")
    missing = by_detail["nik_missing"]
    assert missing[1] is None and missing[2] is None and missing[3]


def test_the_totals_add_up(case, sheet):
    lines = case.truth.filter(pl.col("row").is_not_null())
    readable = lines.filter(pl.col("klass") != "unreadable")
    assert case.lines_total == readable.get_column("total").sum()
    written = sum(_amount(sheet[row - 1][8]) for row in readable.get_column("row"))
    assert written == case.lines_total
    for row in readable.get_column("row"):
        cells = [_amount(cell) for cell in sheet[row - 1][5:9]]
        assert sum(cells[:3]) == cells[3]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_header_total_modes(members, fmt):
    stated = invoice_case(members, period=PERIOD, fmt=fmt, header_total="header")
    rows = _rows(stated)
    assert rows[4][0] == f"TOTAL TAGIHAN : Rp {rupiah(stated.lines_total)}" and stated.first_line_row == 8
    assert stated.header_total == stated.lines_total
    assert tuple(rows[stated.first_line_row - 2]) == HEADER
    assert not any(row and row[0] == "TOTAL" for row in rows)
    wrong = invoice_case(members, period=PERIOD, fmt=fmt, header_total="wrong")
    footer = next(row for row in _rows(wrong) if row and row[0] == "TOTAL")
    assert _amount(footer[8]) == wrong.lines_total + WRONG_BY == wrong.header_total
    silent = invoice_case(members, period=PERIOD, fmt=fmt, header_total="none")
    assert silent.header_total is None
    assert not any(row and str(row[0] or "").startswith("TOTAL") for row in _rows(silent))


def test_the_csv_reads_with_polars(members, others):
    case = invoice_case(members, period=PERIOD, others=others, fmt="csv", wadah="SG-3573-0042")
    assert case.file_name == "TAGIHAN_SG-3573-0042_2026-07.csv"
    text = case.data.decode("utf-8")
    assert text.splitlines()[2] == "KODE WADAH : SG-3573-0042;;;;;;;;" and "\r\n" in text
    lines = case.truth.filter(pl.col("row").is_not_null()).sort("row")
    frame = pl.read_csv(
        io.BytesIO(case.data),
        separator=";",
        skip_rows=case.first_line_row - 2,
        infer_schema=False,
        n_rows=lines.height,
    )
    assert tuple(frame.columns) == HEADER and frame.height == lines.height
    assert frame.get_column("NO").cast(pl.Int64).to_list() == list(range(1, lines.height + 1))
    assert frame.get_column("NO KPJ").to_list() == lines.get_column("kpj").to_list()  # leading zeros kept
    assert any(kpj.startswith("0") for kpj in frame.get_column("NO KPJ").drop_nulls())
    niks = frame.get_column("NIK").str.strip_chars().str.strip_chars_start("'")
    assert niks.to_list() == lines.get_column("nik").to_list()
    assert "01/07/2026" in frame.get_column("PERIODE").to_list()  # a date cell as Excel saves it
    footer = text.splitlines()[case.first_line_row - 1 + lines.height].split(";")
    assert footer[0] == "TOTAL" and int(footer[8]) == case.lines_total
    readable = lines.filter(pl.col("klass") != "unreadable").get_column("row") - case.first_line_row
    assert frame.get_column("TOTAL IURAN").gather(readable).map_elements(_amount, return_dtype=pl.Int64).sum() == (
        case.lines_total
    )


def test_the_same_seed_gives_the_same_bill(members, others):
    first = invoice_case(members, period=PERIOD, others=others, fmt="csv", seed=7)
    second = invoice_case(members, period=PERIOD, others=others, fmt="csv", seed=7)
    assert first.data == second.data and first.truth.equals(second.truth) and first.deaths.equals(second.deaths)
    xlsx = invoice_case(members, period=PERIOD, others=others, seed=7)
    assert xlsx.data == invoice_case(members, period=PERIOD, others=others, seed=7).data
    assert xlsx.truth.equals(first.truth)  # the same lines in the same rows, whatever the format
    other = invoice_case(members, period=PERIOD, others=others, fmt="csv", seed=8)
    assert not other.truth.equals(first.truth)


def test_given_deaths_and_arrears():
    members = members_frame(100, period=PERIOD, seed=21, months=3)
    died = members.get_column("person_id").unique().sort().head(5)
    deaths = pl.DataFrame({"person_id": died, "death_date": [dt.date(2026, 5, 10)] * 5})
    case = invoice_case(members, period=PERIOD, deaths=deaths, fmt="csv", errors=ErrorShares(after_end=4))
    assert case.deaths.height == 5 and case.deaths.get_column("nik").null_count() == 0
    truth = case.truth.filter(pl.col("person_id").is_in(died.implode()))
    after = truth.filter(pl.col("klass") == "after_end")
    assert after.height == 4 and (after.get_column("month") > dt.date(2026, 5, 1)).all()
    # Their months before the death are billed right; the later ones are expected no more.
    rest = truth.filter(pl.col("klass") != "after_end")
    assert set(rest.get_column("klass")) == {"matched"} and (rest.get_column("month") == dt.date(2026, 5, 1)).all()
    assert rest.height == 5
    months = case.truth.filter(pl.col("klass") == "matched").get_column("month").unique().sort().to_list()
    assert months == [dt.date(2026, 5, 1), dt.date(2026, 6, 1), PERIOD]


def test_clean_bill_and_jht_package():
    members = members_frame(40, period=PERIOD, seed=2, package_jht=True)
    case = invoice_case(members, period=PERIOD, errors=ErrorShares.clean(), fmt="csv")
    assert set(case.truth.get_column("klass")) == {"matched"} and case.truth.height == 40
    assert case.lines_total == case.header_total == 40 * (JKK + JKM + JHT) and case.deaths.is_empty()
    # With JHT in the package there is no member without it to bill JHT to.
    planted = invoice_case(members, period=PERIOD, fmt="csv")
    assert planted.truth.filter(pl.col("detail") == "jht").is_empty()


@pytest.mark.nodb  # light: no database, one big frame ("light" is no marker of this project's pytest config)
def test_a_million_csv_lines_build_in_seconds():
    started = time.perf_counter()
    members = members_frame(1_000_000, period=PERIOD, seed=5)
    case = invoice_case(members, period=PERIOD, fmt="csv")
    elapsed = time.perf_counter() - started
    lines = case.truth.filter(pl.col("row").is_not_null()).height
    added = sum(ErrorShares().count(name, 1_000_000) for name in ("not_enrolled", "same_invoice", "two_kpj"))
    assert lines == 1_000_000 - ErrorShares().count("not_billed", 1_000_000) + added
    text_lines = case.data.split(b"\r\n")
    assert text_lines[case.first_line_row - 2].startswith(b"NO;NO KPJ;NIK")
    assert text_lines[case.first_line_row - 2 + lines].startswith(f"{lines};".encode())
    assert text_lines[case.first_line_row - 1 + lines].startswith(b"TOTAL;")
    assert elapsed < 30, f"{elapsed:.1f} s"  # about 3 s on two cores; a loop per line would take minutes


def _rows(case) -> list[list]:
    if case.file_name.endswith(".csv"):
        return [[cell or None for cell in line.split(";")] for line in case.data.decode().splitlines()]
    workbook = openpyxl.load_workbook(io.BytesIO(case.data))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def _amount(cell) -> int:
    """A whole-rupiah cell as the branch writes it: 16800, "16.800", "Rp 16.800"."""
    if isinstance(cell, int):
        return cell
    return int(str(cell).removeprefix("Rp ").replace(".", ""))
