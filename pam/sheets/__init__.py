"""Spreadsheets in and out: import a commune's PAC from xlsx, ods or csv, templates, card sheets.

Pipeline of `pam import` (each step pure, problems as values):
cells.read_book (file -> grid) -> headers (which column holds what) -> shape (heading, header,
data and total rows) -> build (rows -> plan models, ids, notes, checks) -> write (plan folder,
atomically). template writes pam's own sheet; cardsheet reads and writes card sheets;
update applies an edited sheet to an existing plan.
"""
