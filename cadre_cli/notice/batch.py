"""A batch of notices: who goes in, which files, rendered in memory, then written.

Every document of the batch is rendered before the first file is written, so a
template that fails stops the command with nothing written; each file is then
written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cadre_cli.errors import OutputError
from cadre_cli.model.hidden import HIDDEN_ROW, HIDDEN_SHEET, hidden_reason
from cadre_cli.model.person import Person
from cadre_cli.model.standing import apart_reason
from cadre_cli.notice.context import PUBLISHABLE, RESULT_LABELS, NoticeText, clean, document_context, publishable_fields, results
from cadre_cli.notice.grouping import safe_stems
from cadre_cli.writers.atomic import check_target, write_batch

LABEL = {"notice": "公示", "list": "名单"}


class Renderer(Protocol):
    path: Path

    @property
    def missing(self) -> set[str]: ...

    def render(self, context: dict[str, Any]) -> bytes | str: ...


@dataclass
class NoticeFile:
    group: str
    people: list[Person]
    paths: dict[str, Path] = field(default_factory=dict)


def select_people(people: Iterable[Person], include_inactive: bool = False,
                  include_hidden: bool = False) -> tuple[list[Person], list[str]]:
    """The people to publish, and what the reader should know about them: rows hidden in
    the workbook (hidden rows, collapsed groups, filtered-out rows, hidden sheets) are
    left out unless `include_hidden`; rows without
    a name are left out; a person whose row says they are not an active candidate
    (退休, 调出, 已调整 …: model/standing.py) is left out unless `include_inactive`; a
    person entered twice (the same ID number, or the same name, birth month and unit) is
    listed once; a publishable value that could not be read is dealt with by `verify`
    (the unit's document stops, or the value is left blank)."""
    chosen: list[Person] = []
    seen: dict[object, Person] = {}
    warnings: list[str] = []
    left_out: dict[str, list[Person]] = {}
    for person in people:
        reason = hidden_reason(person)
        if reason and not include_hidden:
            left_out.setdefault(reason, []).append(person)
            continue
        where = f"工作表“{person.sheet}”第{person.row}行"
        name = clean(person.name)
        if not name:
            warnings.append(f"{where}没有姓名，未列入。")
            continue
        apart = apart_reason(person)
        if apart is not None:
            if not include_inactive:
                warnings.append(f"{where}的{name}不在册或不在岗（{apart}），未列入；确需列入请加 --include-inactive。")
                continue
            warnings.append(f"{where}的{name}不在册或不在岗（{apart}），因加了 --include-inactive 而列入。")
        keys = [("who", name, str(person.born), clean(person.unit))]
        if person.id is not None:
            keys.append(("id", person.id.number))
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            warnings.append(f"{where}的{name}与第{first.row}行是同一人，只列一次。")
            continue
        seen.update((k, person) for k in keys)
        chosen.append(person)
    rows = left_out.get(HIDDEN_ROW, [])
    if rows:
        warnings.append(f"有{len(rows)}人在隐藏的行中（隐藏、折叠或被筛选掉的行：" + "、".join(
            f"“{p.sheet}”第{p.row}行" for p in rows[:10]) + ("等" if len(rows) > 10 else "") + "），未列入；加 --include-hidden 可列入。")
    sheets = left_out.get(HIDDEN_SHEET, [])
    if sheets:
        names = "、".join(f"“{n}”" for n in dict.fromkeys(p.sheet for p in sheets))
        warnings.append(f"有{len(sheets)}人在隐藏的工作表{names}中，未列入；加 --include-hidden 可列入。")
    return chosen, warnings


def withhold_numbers(docs: list[NoticeFile], text: NoticeText) -> tuple[list[NoticeFile], list[str]]:
    """Documents whose published values hold no personal-looking number, and one sentence
    for each document stopped (the cell named). Scanned before anything is written."""
    from cadre_cli.notice.private import scan_person, scan_text

    ok, stopped = [], []
    for number, doc in enumerate(docs, start=1):
        hits = []
        for person in doc.people:
            shown = publishable_fields(person)
            values = {f: shown[f] for f in PUBLISHABLE}
            cells = {f: person.cell(f) for f in PUBLISHABLE}
            if text.with_results:
                for item in results(person, text.tallied_for(person)):
                    key = next((k for k, label in RESULT_LABELS.items() if label == item["label"]), "poll:excellent")
                    values[key], cells[key] = item["value"], person.cell(key)
            raw = {"name": person.name, "unit": person.unit, "reserve_level": person.reserve_level,
                   **{f: person.values.get(f) for f in ("post", "ethnicity", "political_status")}}
            hits += scan_person(person, values, cells, raw)
        seen = {h.digits for h in hits}
        for where, value in [("分组名", doc.group), *(("文件名", p.stem) for p in doc.paths.values())]:
            hits += [h for h in scan_text(where, value) if h.digits not in seen]
            seen |= {h.digits for h in hits}
        if hits:
            label = f"第{number}份（{len(doc.people)}人）" if len(docs) > 1 else "本份文件"
            stopped.append(f"{label}未生成：" + "；".join(h.sentence() for h in hits[:5]) +
                           ("等" if len(hits) > 5 else "") + "。请改正后重新运行。")
        else:
            ok.append(doc)
    return ok, stopped


def blocked_groups(groups: list[tuple[str, list[Person]]]) -> dict[str, list[str]]:
    """Group -> what stops its document: publishable values unread or contradicting the ID."""
    from cadre_cli.notice.verify import unverified

    out: dict[str, list[str]] = {}
    for group, people in groups:
        found = [f"{clean(p.name)}：{u.message}" for p in people for u in unverified(p)]
        if found:
            out[group] = found
    return out


def plan(groups: list[tuple[str, list[Person]]], folder: Path, kind: str, formats: Iterable[str],
         whole_name: str) -> list[NoticeFile]:
    """One document per group; file names `县财政局_公示.docx`, or `<whole_name>_公示.docx`
    for a single document of the whole roster."""
    stems = safe_stems(group or whole_name for group, _ in groups)
    docs = []
    for (group, people), stem in zip(groups, stems, strict=True):
        doc = NoticeFile(group, people)
        for fmt in formats:
            doc.paths[fmt] = folder / f"{stem}_{LABEL[kind]}.{fmt}"
        docs.append(doc)
    return docs


def prepare_folder(folder: Path) -> bool:
    """Create the output folder when its parent exists; True when this run created it
    (`drop_if_empty` then removes it again if nothing was written into it)."""
    if folder.is_dir():
        return False
    if folder.exists():
        raise OutputError(f"“{folder}”已存在但不是文件夹，请用 --output 另选一个文件夹。")
    if not folder.parent.is_dir():
        raise OutputError(f"输出文件夹“{folder}”的上级文件夹“{folder.parent}”不存在，请先建立它或用 --output 另选位置。")
    try:
        folder.mkdir()
    except OSError as exc:
        raise OutputError(f"无法建立输出文件夹“{folder}”：{exc.strerror or '没有权限'}。") from None
    return True


def drop_if_empty(folder: Path) -> None:
    """A folder this run created and wrote nothing into (every file withheld, a full disk)
    is removed: a failed run leaves nothing behind."""
    try:
        folder.rmdir()  # only succeeds when empty
    except OSError:
        pass


def check_targets(docs: list[NoticeFile], force: bool) -> None:
    existing = [p for d in docs for p in d.paths.values() if p.exists()]
    if existing and not force:
        names = "、".join(f"“{p.name}”" for p in existing[:5]) + ("等" if len(existing) > 5 else "")
        raise OutputError(f"输出文件夹中已有{len(existing)}个同名文件（{names}）；如要覆盖，请加 --force，或用 --output 另选文件夹。")
    for doc in docs:
        for path in doc.paths.values():
            check_target(path, force=force)


def render(docs: list[NoticeFile], text: NoticeText, renderers: dict[str, Renderer],
           advance: Callable[[], None] = lambda: None) -> list[tuple[Path, bytes]]:
    """Every file of the batch, in memory."""
    outputs: list[tuple[Path, bytes]] = []
    for doc in docs:
        context = document_context(doc.people, text, doc.group)
        for fmt, path in doc.paths.items():
            data = renderers[fmt].render(context)
            outputs.append((path, data.encode("utf-8") if isinstance(data, str) else data))
        advance()
    return outputs


def write(outputs: list[tuple[Path, bytes]], folder: Path) -> list[Path]:
    """The whole batch through a temporary folder (see `writers.atomic.write_batch`)."""
    return write_batch(outputs, folder)


def missing_warnings(renderers: dict[str, Renderer]) -> list[str]:
    """One warning per template that asked for names the data does not hold."""
    out = []
    for renderer in renderers.values():
        if renderer.missing:
            names = "、".join(sorted(renderer.missing)[:20])
            out.append(f"模板“{renderer.path.name}”使用了不存在或不可公开的字段（{names}），这些位置已留空。")
    return out
