"""The list helper: pages keep filters, downloads keep text as text and defuse formulas."""

import io

import openpyxl
from django.test import RequestFactory

from jaring.lib.listing import list_page
from jaring.lib.spreadsheets import rows_csv, rows_xlsx


def test_page_links_keep_the_filters_and_drop_the_old_page():
    request = RequestFactory().get("/x/", {"q": "siti", "halaman": "2", "unduh": "csv"})
    listing = list_page(request, list(range(120)))
    assert listing.total == 120 and list(listing.rows) == list(range(50, 100))
    assert listing.next_query == "?q=siti&halaman=3" and listing.previous_query == "?q=siti&halaman=1"
    assert listing.xlsx_query == "?q=siti&unduh=xlsx"


def test_a_known_total_is_used_instead_of_counting():
    request = RequestFactory().get("/x/")
    assert list_page(request, list(range(10)), total=999).total == 999


def test_xlsx_keeps_a_nik_as_text_and_defuses_formulas():
    data = rows_xlsx(header=["NIK", "Nama", "Jumlah"], rows=[["3573011508900001", "=HYPERLINK(1)", 16800]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "3573011508900001" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == "'=HYPERLINK(1)" and sheet["C2"].value == 16800


def test_csv_has_a_byte_order_mark_for_excel():
    data = rows_csv(header=["Nama"], rows=[["Désiré"]])
    assert data.startswith("\ufeff".encode()) and "Désiré" in data.decode("utf-8-sig")
