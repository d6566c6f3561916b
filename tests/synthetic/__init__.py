"""Synthetic worker lists with known truth, shared by the tests and the benchmarks (never shipped).

- `people.synthetic_people` / `synthetic_lists`: people and the rows OPDs would send about them,
  damaged as DATA-REALITY.md describes (names, NIK typos, swapped dates, moves).
- `files.opd_list_file`: those rows written as an OPD's spreadsheet really looks (NIK in scientific
  notation or with dots, dates in six forms, titles, misspelt kelurahan, free-text occupations).
- `files.excel_rounded`: a NIK as Excel keeps a 16-digit number (rounded at the 15th digit).
- `case.program_case`: a whole region's case for a program (six OPD lists, the BPJS roster, deaths)
  with the truth of every row, roster entry and person (bench/program_case.py runs it through `jaring`).
- `invoices.invoice_case`: BPJS's monthly bill (tagihan iuran) as a branch sends it, every error class planted.
- `scoring.score_clusters`: pairwise and cluster precision/recall against the truth.
"""
