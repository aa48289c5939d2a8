"""The words of every "not checked because…" note, in one place.

Readers and the link stage say what they could not check as data (:class:`auditor.finding.Reason`: a kind
and its fields); the ``table.layout`` rule words it here. A wording change is one template; a new reason
is one kind and one template. A field is said as its template needs: a tuple of names joined by 、, an
offset (``at``) as the place the document gives it (``第314行``), a printed shape and the columns of a
space-separated table by the helpers below.
"""

from __future__ import annotations

from auditor.document.model import Document
from auditor.finding import Reason

#: What a space-separated table's reader says about its shape (``shape`` field).
SHAPES = {"cells": "每个单元格占一行", "spaced": "以空格分隔的行"}
_PRINTED = "公开{number}表是{shape}（空单元格未印出）"

#: One template per reason kind, formatted with the reason's fields.
TEMPLATES = {
    # tables/reader.py: the cells of a TAB-separated table
    "table.extra-cells": "公开{number}表{at}比表头多出 {extra} 个单元格，多出的内容未核对",
    "table.no-header": "公开{number}表没有可识别的表头，未核对",
    "table.not-a-number": "公开{number}表「{row}」的「{column}」单元格不是数字（{text}），涉及它的恒等式未核对",
    # tables/spaced.py: a space-separated table (or one cell a line)
    "spaced.row-numbers": _PRINTED + "，且有「行次」列，行次与金额无法区分，未核对",
    "spaced.placed": _PRINTED + "：{sides}；其余各数所在的列无法确定，涉及它们的恒等式未核对",
    "spaced.unplaced": _PRINTED + "，各数所在的列无法确定，未核对",
    # link/identities.py: an identity the tables do not reach
    "identity.no-column": "{table}没有「{columns}」列，恒等式「{identity}」未核对",
    "identity.no-row": "{table}没有「{row}」行，恒等式「{identity}」未核对",
    "identity.no-data-rows": "{table}没有数据行，恒等式「{identity}」未核对",
    "table.truncated": "{table}在{at}之后似乎被截断（各类之和小于合计，最后一类不完整），缺失部分未核对",
    # link/verdicts.py: readings the document does not confirm (docs/domain.md §5)
    "table.not-understood": "{table}未能读懂：核对的 {checks} 项恒等式中 {failed} 项不成立，{cause}；此表的数字未用于核对，也不据以报告错误",
    "tables.disagree": ("{first}与{second}之间的 {checks} 项表间恒等式中 {failed} 项不成立，需要至少 {cells} 个单元格同时有误才能解释，"
                        "可能读错了其中一张表；这些恒等式未据以报告错误"),
}


def worded(reason: Reason, document: Document) -> str:
    """The note's message: the template of ``reason.kind`` with its fields said (KeyError naming an unknown kind)."""
    try:
        template = TEMPLATES[reason.kind]
    except KeyError:
        raise KeyError(f"no template for the note kind {reason.kind!r} (auditor/rules/notes.py TEMPLATES)") from None
    return template.format(**{name: _said(name, value, document) for name, value in reason.fields})


def _said(name: str, value: object, document: Document) -> object:
    if name == "at":
        return document.where(value)
    if name == "shape":
        return SHAPES[value]
    if name == "sides":
        return _placed(value)
    if isinstance(value, tuple):
        return "、".join(value)
    return value


def _placed(sides: tuple[tuple[str, tuple[str, ...], bool], ...]) -> str:
    """What was checked of a space-separated table: per side, its columns and whether the unplaced figures sum."""
    said = []
    for side, names, summable in sides:
        where = f"{side}方" if side else ""
        if len(names) > 1:
            sums = "，其余各数计入各行之和" if summable else ""
            said.append(f"{where}各数都印出的行逐列核对（{'、'.join(names)}），其余的行只核对「{names[0]}」列{sums}")
        else:
            said.append(f"{where}只核对「{names[0]}」列")
    return "；".join(said)
