"""Writing .lrmx files: one per person, as the 任免表编辑器 writes them.

`new_card` turns a neutral record (values keyed like the typed record: `name`, `birth` …, or
by element name) into a `RawCard`; `render_lrmx` writes any card (a new one, or one read from
a file, unknown elements included) in the v3.2.1.6 element order, UTF-8, empty elements in
the editor's own whitespace, `Version` 3.2.1.6. Nothing is invented: a value not given stays
empty. The one computed value is 到龄年月, under the 2025 rule (men 60, women 55, or the
limit given: women 50, or 63/65/66 with a rule from the policy); 改革前任职年龄界限 is written
only from a value or parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from cadre_cli.lrmx.fields import (
    BY_ELEMENT,
    BY_KEY,
    FAMILY,
    FAMILY_BEFORE,
    FAMILY_FIELDS,
    FAMILY_ITEM,
    FIELDS,
    PHOTO,
    ROOT,
    VERSION,
    VERSION_ELEMENT,
)
from cadre_cli.lrmx.photo import photo_base64
from cadre_cli.lrmx.record import RawCard
from cadre_cli.lrmx.resume import Entry, format_line
from cadre_cli.lrmx.retirement import (
    DelayRule,
    default_limit,
    retirement,
    rule_for_limit,
)
from cadre_cli.lrmx.values import ALREADY_OF_AGE, limit_caption, read_date, read_limit
from cadre_cli.lrmx.xmlfile import parse_lrmx
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.grades import Grade
from cadre_cli.parse.idcard import IdNumber
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.writers.atomic import check_target, write_atomic

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DAY_KEYS = ("age_date", "fill_date")
_NOTE_INDENT = " " * 18  # under the text of a `1991.01--2000.01  ` line


def _month(d: PDate, with_day: bool = False) -> str:
    text = f"{d.year}{d.month:02d}"
    return text + f"{d.day:02d}" if with_day and d.day is not None else text


def format_party(joined: PDate | None, parties: Sequence[str] = ()) -> str:
    """`200108；民建`: the CPC date first, then the parties, `；`-separated."""
    return "；".join([*([_month(joined)] if joined else []), *parties])


def format_assessments(grades: Mapping[int, Grade | None]) -> str:
    """`2021年、2022年年度考核称职，2023年度考核优秀。` (consecutive years of one grade together)."""
    runs: list[tuple[list[int], Grade | None]] = []
    for year in sorted(grades):
        if runs and runs[-1][1] == grades[year] and runs[-1][0][-1] == year - 1:
            runs[-1][0].append(year)
        else:
            runs.append(([year], grades[year]))
    parts = []
    for years, grade in runs:
        result = grade.label if grade is not None else "未确定等次"
        if len(years) == 1:
            parts.append(f"{years[0]}年度考核{result}")
        else:
            parts.append("、".join(f"{y}年" for y in years) + f"年度考核{result}")
    return "，".join(parts) + "。" if parts else ""


def format_resume(entries: Iterable[Entry | tuple[PDate, PDate | None, str]]) -> str:
    lines = []
    for entry in entries:
        if isinstance(entry, Entry):
            lines.append(format_line(entry.start, entry.end, entry.text))
            lines.extend(f"{_NOTE_INDENT}（其间：{n.text}）" for n in entry.notes)
        else:
            lines.append(format_line(*entry))
    return "\n".join(lines)


def _text(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, PDate):
        return _month(value, key in _DAY_KEYS)
    if isinstance(value, IdNumber):
        return value.number
    if key == "resume" and not isinstance(value, str):
        return format_resume(value)
    if key == "pre_reform_limit" and isinstance(value, int):
        return limit_caption(value) or ""
    return str(value).strip()


def new_card(values: Mapping[str, Any], family: Sequence[Mapping[str, Any]] = (), *, file: str = "",
             photo: bytes | None = None, age_limit: int | None = None,
             extra_limits: Mapping[int, DelayRule | None] | None = None) -> tuple[RawCard, list[str]]:
    """A card from a neutral record, and the warnings (in Chinese) about what was left out.

    `values` keys are record keys (`birth`, `joined_party`, `parties`, `assessments` …) or
    element names; `family` items are keyed `relation`, `name`, `birth`, `political_status`,
    `work`. `age_limit` is the pre-reform limit (55/60/63/65/66, 50 for women whose original
    age is 50, -1 for 已到龄人员) when `values` has none; `extra_limits` the rule for 63/65/66."""
    card = RawCard(file=file, format="lrmx", version=VERSION, family_present=True)
    warnings: list[str] = []
    given = dict(values)
    if "joined_party" in given or "parties" in given:
        given.setdefault("RuDangShiJian", format_party(given.pop("joined_party", None), given.pop("parties", ()) or ()))
    if "assessments" in given and not given.get("assessment_text"):
        given["assessment_text"] = format_assessments(given.pop("assessments"))
    for key, value in given.items():
        f = BY_KEY.get(key) or BY_ELEMENT.get(key)
        if f is None or f.element == PHOTO:
            continue
        text = _clean(_text(f.key, value), f.label, warnings)
        if text:
            card.elements[f.element] = text
    _fill_2025(card, given, age_limit, extra_limits, warnings)
    for member in family:
        item = {f.element: _clean(_text(f.key, member.get(f.key)), f.label, warnings) for f in FAMILY_FIELDS}
        if any(item.values()):
            card.family.append({k: v for k, v in item.items() if v})
    if photo is not None:
        try:
            encoded, notes = photo_base64(photo)
            card.elements[PHOTO] = encoded
            warnings.extend(notes)
        except ValueProblem as exc:
            warnings.append(f"照片未嵌入：{exc.reason}")
    return card, warnings


def _clean(text: str, label: str, warnings: list[str]) -> str:
    cleaned = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if cleaned != text.replace("\r\n", "\n").replace("\r", "\n"):
        warnings.append(f"{label}中有不可见的控制字符，已删除")
    return cleaned


def _fill_2025(card: RawCard, given: Mapping[str, Any], age_limit: int | None,
               extra: Mapping[int, DelayRule | None] | None, warnings: list[str]) -> None:
    stated = card.elements.get("GaiGeQianRenZhiNianLingJieXian")
    limit = age_limit
    if stated:
        try:
            limit = read_limit(stated)
        except ValueProblem as exc:
            warnings.append(f"改革前任职年龄界限：{exc.reason}")
    elif age_limit is not None and limit_caption(age_limit):
        card.elements["GaiGeQianRenZhiNianLingJieXian"] = limit_caption(age_limit) or ""
    if card.elements.get("DaoLingNianYue"):
        return
    birth = given.get("birth")
    if not isinstance(birth, PDate):  # given as text (written as it is): read it for the computation
        try:
            birth, _ = read_date(card.elements.get("ChuShengNianYue", ""))
        except ValueProblem:
            birth = None
    if birth is None or limit == ALREADY_OF_AGE:
        return
    gender = given.get("gender") or card.elements.get("XingBie")
    limit = limit if limit is not None else default_limit(gender)
    rule = rule_for_limit(limit, extra) if limit is not None else None
    if rule is None:
        if limit is not None:
            warnings.append(f"改革前任职年龄界限为{limit}岁，其延迟办法未在政策中设定，到龄年月留空")
        return
    card.elements["DaoLingNianYue"] = retirement(birth, rule).yyyymm


# --- rendering ------------------------------------------------------------------------------
def _element(tag: str, text: str | None, blank: str, indent: str) -> str:
    """An element; absent text in the editor's blank form, whitespace read from a file kept."""
    if text is None:
        body = blank
    elif not text.strip():
        body = text
    else:
        body = escape(_ILLEGAL.sub("", text)).replace("\r", "&#13;")
    return f"{indent}<{tag}>{body}</{tag}>"


def render_lrmx(card: RawCard) -> str:
    """The file text of a card (UTF-8 when encoded); element order of v3.2.1.6."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f"<{ROOT}>"]
    pending = list(card.unknown)

    def unknown_after(tag: str | None) -> None:
        for u in [u for u in pending if u.after == tag]:
            pending.remove(u)
            lines.append(f"  {u.xml}")
            unknown_after(u.tag)

    unknown_after(None)
    for f in FIELDS:
        if f.element == FAMILY_BEFORE:
            lines.extend(_family_lines(card))
            unknown_after(FAMILY)
        lines.append(_element(f.element, card.elements.get(f.element), f.blank, "  "))
        unknown_after(f.element)
    lines.append(f"  <{VERSION_ELEMENT}>{escape(card.version or VERSION)}</{VERSION_ELEMENT}>")
    unknown_after(VERSION_ELEMENT)
    lines.extend(f"  {u.xml}" for u in pending)
    lines.append(f"</{ROOT}>")
    return "\n".join(lines) + "\n"


def _family_lines(card: RawCard) -> list[str]:
    lines = [f"  <{FAMILY}>"]
    for item in card.family:
        lines.append(f"    <{FAMILY_ITEM}>")
        lines.extend(_element(f.element, item.get(f.element), f.blank, "      ") for f in FAMILY_FIELDS)
        lines.append(f"    </{FAMILY_ITEM}>")
    lines.append(f"  </{FAMILY}>")
    return lines


# --- files ----------------------------------------------------------------------------------
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def file_names(names: Iterable[str | None]) -> list[str]:
    """`姓名.lrmx` for each person; a second 张三 is `张三（2）.lrmx`, a third `张三（3）.lrmx`."""
    used: set[str] = set()
    out = []
    for name in names:
        base = _UNSAFE_NAME.sub("", (name or "").strip()).strip(". ") or "未命名"
        candidate, n = f"{base}.lrmx", 2
        while candidate.lower() in used:
            candidate, n = f"{base}（{n}）.lrmx", n + 1
        used.add(candidate.lower())
        out.append(candidate)
    return out


def save_cards(cards: Sequence[RawCard], folder: Path, force: bool = False) -> list[Path]:
    """Write each card as `姓名.lrmx` in `folder`, atomically; every text is parsed back by
    our own reader before it is written."""
    written = []
    for card, name in zip(cards, file_names(c.elements.get("XingMing") for c in cards)):
        text = render_lrmx(card)
        parse_lrmx(text.encode("utf-8"), name)
        target = folder / name
        check_target(target, force=force)
        written.append(write_atomic(target, lambda tmp, t=text: tmp.write_text(t, encoding="utf-8", newline="\n"),
                                    plain=True))
    return written
