"""Real spreadsheet and CSV files, made in the test that needs them."""

import datetime as dt
import io
from collections.abc import Sequence

import xlsxwriter

FIXED_CREATED = dt.datetime(2026, 1, 1, 8, 0, 0)


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[object]]], *, merge_title: str | None = None) -> bytes:
    """An .xlsx with one sheet per entry; cells keep their Python types (numbers stay numbers)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    # The same sheets give the same bytes: xlsxwriter would stamp the second it ran, and a test that
    # sends "the same file" twice across a second's turn would send two files.
    workbook.set_properties({"created": FIXED_CREATED})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        start = 0
        if merge_title:
            sheet.merge_range(0, 0, 0, max(len(rows[0]) - 1, 1), merge_title)
            start = 2
        for offset, row in enumerate(rows):
            for column, value in enumerate(row):
                if value is None:
                    continue
                if hasattr(value, "year"):
                    sheet.write_datetime(start + offset, column, value, date_format)
                elif isinstance(value, str) and value.startswith("="):
                    sheet.write_formula(start + offset, column, value)
                elif isinstance(value, str):
                    sheet.write_string(start + offset, column, value)
                else:
                    sheet.write(start + offset, column, value)
    workbook.close()
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join("" if value is None else str(value) for value in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xls_bytes(rows: Sequence[Sequence[object]], sheet_name: str = "Data") -> bytes:
    """A legacy Excel 97-2003 .xls file (numbers stay numbers)."""
    import xlwt

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet(sheet_name)
    for row_index, row in enumerate(rows):
        for column, value in enumerate(row):
            if value is not None:
                sheet.write(row_index, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows: Sequence[Sequence[object]], sheet_name: str = "Data") -> bytes:
    """An OpenDocument spreadsheet, as LibreOffice saves one."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet_name)
    for row in rows:
        table_row = TableRow()
        for value in row:
            if isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            if value is not None:
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
