"""What one 任免审批表 file holds: the raw card as read, and the typed record built from it.

`RawCard` keeps every element's text exactly as the file has it (whitespace included), which
elements were present at all, the family members, the unknown elements (to write them back)
and the photo check. `LrmxRecord` adds the typed values, keyed like the roster's fields
(`birth`, `work_start`, `joined_party` …), and the values that could not be read. Every value
has a `Location`: the file and the element, so a finding can say “张三.lrmx 的 <ChuShengNianYue>”.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_cli.lrmx.fields import element_of, label, lrm_index


@dataclass(frozen=True, slots=True)
class Location:
    file: str  # as shown to the user: `张三.lrmx`, `任免表/组织部/张三.lrmx`, `任免表.zip:张三.lrmx`
    element: str  # `ChuShengNianYue`, `JiaTingChengYuan/Item[2]/ChengWei`; "" for the whole file
    lrm_index: int | None = None  # the field's position in a legacy .lrm line

    def __str__(self) -> str:
        if not self.element:
            return self.file
        if self.lrm_index is not None:
            return f"{self.file} 第{self.lrm_index + 1}项（{label(self.element)}）"
        return f"{self.file} 的 <{self.element}>（{label(self.element)}）"


@dataclass(frozen=True, slots=True)
class Photo:
    """The photo as checked, never decoded as an image: its size and what is wrong with it."""

    size: int  # bytes of JPEG data (estimated from the base64 length for .lrmx)
    problem: str | None = None  # a Chinese phrase, None when it is a JPEG of sane size
    base64: str = ""  # the element text without whitespace (.lrmx), kept to write it back


@dataclass(frozen=True, slots=True)
class Unknown:
    """An element the format does not define, kept verbatim to write it back after `after`."""

    tag: str
    xml: str
    after: str | None


@dataclass
class RawCard:
    file: str
    format: str  # "lrmx" | "lrm"
    elements: dict[str, str] = field(default_factory=dict)  # element -> text as in the file
    family: list[dict[str, str]] = field(default_factory=list)  # one dict per <Item>
    unknown: list[Unknown] = field(default_factory=list)
    photo: Photo | None = None
    version: str | None = None
    duplicates: tuple[str, ...] = ()  # elements that occur more than once (the first is used)
    group: str = ""  # the sub-folder the file sits in (a unit name, often), "" at the top
    family_present: bool = False
    encoding: str = "utf-8"  # what the bytes really were (the editor writes UTF-8)
    field_count: int | None = None  # .lrm: how many `","`-separated fields the line had

    def has(self, element: str) -> bool:
        """True when the element exists in the file (even if empty)."""
        return element in self.elements

    def text(self, element: str) -> str:
        """The element's text with surrounding whitespace removed; "" when absent or blank."""
        return self.elements.get(element, "").strip()

    def where(self, element: str) -> Location:
        return Location(self.file, element, lrm_index(element) if self.format == "lrm" else None)


@dataclass(frozen=True, slots=True)
class ValueIssue:
    """A value that could not be read as its type; the typed value stays None."""

    key: str
    element: str
    raw: str
    reason: str


@dataclass
class LrmxRecord:
    card: RawCard
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[ValueIssue] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.card.file

    @property
    def name(self) -> str | None:
        return self.values.get("name")

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def where(self, key: str) -> Location:
        """Where a typed value comes from (its element in this file): `post_since` -> <JianLi>."""
        return self.card.where(element_of(key))
