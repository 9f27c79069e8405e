"""The editor's input rules (录入规范) and code tables (代码表), loaded lazily from package data.

`data/EditInfo.xml` is the 任免表编辑器 V3.0 `Config/EditInfo.xml` (code, code table, type,
maximum length and 填表说明 text of every field); `data/DmGrp-editor-v3.xml` and
`data/DmGrp-2025.xml` are its code tables before and after the 2025 edition (the latter adds
NLLB, 改革前任职年龄界限类别, more 称谓, and drops the `专业` suffix of professional degrees).
They are public format data, shipped unchanged; a value is in a table when either edition
has it. Parsed with defusedxml (no DTD, no entities) on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from defusedxml import ElementTree as SafeET

EDITOR = "任免表编辑器录入规范（EditInfo.xml）"
_TABLE_FILES = ("DmGrp-editor-v3.xml", "DmGrp-2025.xml")


@dataclass(frozen=True, slots=True)
class InputRule:
    code: str  # XM, CSNY …
    desc: str  # 姓名, 出生年月 …
    table: str  # code table id, "" for free text
    type: str  # C (text) or T (time)
    length: int  # maximum characters; 0 = no limit
    allow_enter: bool
    ruler: str  # the 填表说明 text, whitespace collapsed


@dataclass(frozen=True, slots=True)
class CodeTable:
    id: str
    name: str
    codes: dict[str, str]  # caption (dmcpt) -> code id
    parents: dict[str, str]  # code id -> parent code id (hierarchical tables: ZB64, GB6864)

    def __contains__(self, caption: str) -> bool:
        return caption in self.codes

    def root(self, caption: str) -> str | None:
        """The top-level code a caption falls under (`大学普通班` -> `3`, 专科教育)."""
        code = self.codes.get(caption)
        while code is not None and self.parents.get(code) not in (None, self.id, self.id.lower()):
            code = self.parents[code]
        return code


def _read(name: str) -> bytes:
    return resources.files("cadre_cli.lrmx").joinpath("data").joinpath(name).read_bytes()


def _parse(name: str):
    return SafeET.fromstring(_read(name), forbid_dtd=True)


@lru_cache(maxsize=1)
def input_rules() -> dict[str, InputRule]:
    rules = {}
    for item in _parse("EditInfo.xml").iter("item"):
        ruler = item.findtext("RulerInfo") or ""
        rules[item.get("Name", "")] = InputRule(
            code=item.get("Name", ""),
            desc=item.get("Desc", ""),
            table=item.get("DmGrp", "").strip(),
            type=item.get("Type", "C").strip(),
            length=int(item.get("Length", "0").strip() or 0),
            allow_enter=item.get("AllowEnter", "0").strip() == "1",
            ruler=" ".join(ruler.split()),
        )
    return rules


@lru_cache(maxsize=1)
def code_tables() -> dict[str, CodeTable]:
    tables: dict[str, CodeTable] = {}
    for name in _TABLE_FILES:
        for group in _parse(name).iter("dmgrp"):
            gid = group.get("id", "").strip()
            table = tables.setdefault(gid, CodeTable(gid, group.get("name", "").strip(), {}, {}))
            for code in group.iter("dmcod"):
                cid, caption = code.get("id", "").strip(), code.get("dmcpt", "").strip()
                table.codes.setdefault(caption, cid)
                parent = code.get("parentid")
                if parent:
                    table.parents[cid] = parent.strip()
    return tables


def code_table(table_id: str) -> CodeTable:
    return code_tables()[table_id]


_SENTENCE = re.compile(r"[^。]*。?")


def ruler_text(code: str, *keywords: str) -> str:
    """The basis of a finding: the sentences of a field's 填表说明 that hold a keyword
    (all of it when no keyword is given or none matches), prefixed with the source."""
    rule = input_rules().get(code)
    if rule is None:
        return EDITOR
    sentences = [s.strip() for s in _SENTENCE.findall(rule.ruler) if s.strip()]
    chosen = [s for s in sentences if any(k in s for k in keywords)] if keywords else []
    return f"{EDITOR}【{rule.desc}】：{''.join(chosen or sentences)}"
