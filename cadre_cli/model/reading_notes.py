"""Notes on how values were read, one sentence per kind and column: the user is told,
the values are used."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from cadre_cli.readers.fields import field_label

if TYPE_CHECKING:
    from cadre_cli.model.person import Person

SHOWN = 6


def value_notes(people: list[Person]) -> list[str]:
    groups: dict[tuple[str, str, str], list] = defaultdict(list)
    for person in people:
        for note in person.notes:
            sheet = note.cell.sheet if note.cell else person.sheet
            groups[(note.rule, sheet, note.field)].append(note)
    out = []
    for (rule, sheet, field), notes in groups.items():
        cells = "、".join(n.cell.ref for n in notes[:SHOWN] if n.cell) + ("等" if len(notes) > SHOWN else "")
        where = f"工作表“{sheet}”{field_label(field)}一栏{cells}（共{len(notes)}个单元格）"
        if rule == "recovered":
            shown, typed = notes[0].reason.split("|", 1)
            out.append(f"{where}显示为1905年前后的日期（如“{shown}”），是在设成日期格式的单元格中输入“{typed}”这样的年月造成的："
                       "已按输入的年月读取；请把该列设为文本格式后重新输入。")
        elif rule == "read-as":
            parties = "、".join(dict.fromkeys(n.reason for n in notes))
            out.append(f"{where}写的是党派（{parties}），按非中共党员读取，不是日期错误。")
    return out
