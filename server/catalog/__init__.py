"""An institution's own catalog, lectures and question bank, loaded from a workbook (issue 19).

``workbook``: the format (sheets, columns, notes), read from and written to XLSX.
``importer``: checks every row and file, then brings the platform to what the workbook
says without taking anything from learners, and reports row by row.
``demo``: the demo data and the example year as workbooks of the same format, so that the
embedded demo goes through the same importer as an institution's catalog.
"""
