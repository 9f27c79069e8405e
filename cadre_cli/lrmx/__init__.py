"""干部任免审批表 files: .lrmx (任免表编辑器 3.x, XML) and legacy .lrm (2.0, GBK text + .pic).

Reading (`sources.read_path`: a file, a folder or a .zip; `sources.read_bytes`: one file's
bytes) gives one `LrmxRecord` per file: the raw card and typed values keyed like the roster's
fields, every value locatable as file + element. `check.check_records` checks records against
the editor's input rules and code tables (`data/`, public format data shipped unchanged; see
`codes`), the 简历 continuity, the dates, the ID number and the 2025 retirement rule
(`retirement`). `write.new_card` / `write.render_lrmx` / `write.save_cards` write .lrmx files.

Modules: `fields` (the element table), `record` (card, record, location), `xmlfile` and
`lrmfile` (parsing bytes), `photo`, `values` (single-element values), `resume` (简历 → post
history), `assessment` (年度考核结果 → {year: grade}), `retirement`, `interpret` (card →
record), `codes` (EditInfo.xml, DmGrp), `finding`, `check_fields`, `check_history`, `check`,
`sources` (files, folders, zips), `write`.
"""

from cadre_cli.lrmx.check import check_record, check_records
from cadre_cli.lrmx.finding import RULES, finding_json, lrmx_diagnostic, place
from cadre_cli.lrmx.record import Location, LrmxRecord, RawCard
from cadre_cli.lrmx.sources import Batch, read_bytes, read_path
from cadre_cli.lrmx.write import new_card, render_lrmx, save_cards

__all__ = ["RULES", "Batch", "Location", "finding_json", "lrmx_diagnostic", "place", "LrmxRecord", "RawCard", "check_record", "check_records",
           "new_card", "read_bytes", "read_path", "render_lrmx", "save_cards"]
