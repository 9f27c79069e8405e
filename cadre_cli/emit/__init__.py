"""Emitters: a report of the application layer (`cadre_cli.api`) as the user gets it.
One module per output format: `terminal` (rich tables), `json` (`--json`), `workbook`
(the annotated copy), `csv` (`--csv`, the problems as a list). A new format is a new
module here and an option in the command that picks it."""
