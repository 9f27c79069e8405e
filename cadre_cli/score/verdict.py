"""A candidate's outcome as every output shows it (the annotated workbook, the terminal):
是否合格 in words, the 说明 text, and whether the row is marked as failing."""

from __future__ import annotations

from cadre_cli.score.model import Result, Status


def verdict(result: Result) -> str | None:
    """是否合格 as printed: 合格, 不合格, 不合格（缺考）, 数据有误; empty where the scheme has
    no pass mark."""
    if result.status is Status.REJECTED:
        return "数据有误"
    if result.status is Status.ABSENT:
        return "不合格（缺考）"
    if result.passed is None:
        return None
    return "合格" if result.passed else "不合格"


def explanation(result: Result) -> str:
    c = result.candidate
    parts = [i.message.rstrip("。") for i in c.errors + c.warnings] + c.notes
    return "；".join(parts)


def failing(result: Result) -> bool:
    return result.status is not Status.ABSENT and result.passed is False  # 缺考 is marked amber, not red
