"""The annotated copy written by patching the user's .xlsx/.xlsm package.

`patch_package(src, dst, edits, new_sheets)` writes a new zip in which every member is
the input's member, copied raw (its compressed bytes, CRC and sizes as they were),
except the *changed set*:

Rewritten (same member name, new bytes):
- each worksheet that gets edits (`xl/worksheets/sheetN.xml`): streamed once; only the
  edited cells, the appended cells, `<dimension>`, `<cols>`, `<sheetPr>`,
  `<mergeCells>`, `<pageSetup>` and `<legacyDrawing>` change, every other byte of it
  stays;
- that sheet's relationships (`xl/worksheets/_rels/sheetN.xml.rels`) when a comments
  part or VML drawing is added to it;
- that sheet's comments part and VML drawing, if it already has them (the user's
  comments and shapes kept, ours added);
- `xl/styles.xml`: new fonts, fills, borders, number formats and cell formats appended;
  existing entries, dxfs and extensions untouched;
- `xl/workbook.xml`: new `<sheet>` entries, new defined names (print titles of the
  new sheets), a print area widened to the appended columns; nothing else;
- `xl/_rels/workbook.xml.rels`: relationships of the new sheets;
- `[Content_Types].xml`: overrides for the new parts;
- `docProps/custom.xml` if the input has one (the `cadre-annotated` property added or
  replaced), else it is added together with a relationship in `_rels/.rels`.

Added: the new sheets (`xl/worksheets/sheetN.xml` under free numbers) with their
drawings, charts and relationships, comments parts (`xl/commentsN.xml`) and VML
drawings (`xl/drawings/vmlDrawingN.vml`).

Left as they are: everything else, including `docProps/app.xml` (its TitlesOfParts
still lists only the user's sheets: Excel, WPS and LibreOffice rebuild it on save and
never check it), `xl/calcChain.xml` (no formula is added or removed), shared strings
(new text is written as inline strings), drawings, media, WPS `xl/cellimages.xml`,
charts, pivot caches, VBA, custom XML, printer settings, external links, themes.

A package that cannot be patched faithfully raises `PackageError` (duplicate or
case-clashing member names, a content type or relationship naming a missing part, a
part in another encoding or with a DOCTYPE, rows out of order, a value where we would
add one); the caller then writes its copy the old way.
"""

from cadre_cli.writers.package.edits import BookEdits, Mark, NewCell, PageSetup, SheetEdits, Style
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.marker import MARKER, annotated_sheets
from cadre_cli.writers.package.patch import PatchReport, patch_package

__all__ = ["BookEdits", "Mark", "NewCell", "PageSetup", "SheetEdits", "Style", "PackageError", "MARKER",
           "annotated_sheets", "PatchReport", "patch_package"]
