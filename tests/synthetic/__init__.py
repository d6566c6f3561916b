"""Synthetic worker lists with known truth, shared by the tests and the benchmarks (never shipped).

- `people.synthetic_people` / `synthetic_lists`: people and the rows OPDs would send about them,
  damaged as DATA-REALITY.md describes (names, NIK typos, swapped dates, moves).
- `files.opd_list_file`: those rows written as an OPD's spreadsheet really looks (NIK in scientific
  notation or with dots, dates in six forms, titles, misspelt kelurahan, free-text occupations).
- `scoring.score_clusters`: pairwise and cluster precision/recall against the truth.
"""
