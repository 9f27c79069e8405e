"""What kind of document a notice command writes, and what it must say to be usable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadre_cli.notice.context import NoticeText

KIND_WORDS = {"公示": "notice", "notice": "notice", "名单": "list", "公开名单": "list", "list": "list"}
_REACHABLE = re.compile(r"电话|手机|地址|信箱|邮箱|邮编|\d{3,4}-?\d{7,8}|\d{11}")


def choose_kind(given: str | None, policy_kind: str, period_options: list[str]) -> tuple[str, list[str]]:
    """`--kind`, else a 公示 when the user gave a notice period (`--days`, `--start`,
    `--working-days`: only a 公示 has one), else the policy's kind."""
    if given:
        return given, []
    if period_options and policy_kind != "notice":
        return "notice", [f"给了 {'、'.join(period_options)}，已按公示生成（有公示期）；要发确定名单，请去掉这些选项或加 --kind 名单。"]
    return policy_kind, []


def reach_warnings(text: NoticeText) -> list[str]:
    """A 公示 nobody can report to is useless: warn when it has no phone or address."""
    if text.kind != "notice":
        return []
    if any(_REACHABLE.search(line) for line in (*text.contacts, text.report or "")):
        return []
    return ["公示中没有受理反映的联系电话或通信地址，群众无法反映意见：请用 --contact 补上，"
            "如 --contact \"联系电话：0873-1234567\"（或写在政策文件 [notice] 一节的 contacts 中）。"]
