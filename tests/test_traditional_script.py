"""A disclosure typed in traditional script (an office in Hong Kong style, or a traditional-script input method) states
the same facts: the same errors must be found, at the same places (docs/domain.md §6)."""

from collections import Counter
from pathlib import Path

import pytest

import auditor
from auditor.document.model import Document, normalise

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

#: Simplified to traditional for the finance words of the corpus texts: what such an office types.
TO_TRADITIONAL = str.maketrans(
    "预万亿决数计总费为与较经实际项务购车运维护国专资产业机关员发门结余转标价额单财拨补贴辆个会议开场区长处达"
    "类应减点间当后绩评规现职执采办组设备报说况构编电网动环节乡镇围综层两质术统级调养异负债",
    "預萬億決數計總費為與較經實際項務購車運維護國專資產業機關員發門結餘轉標價額單財撥補貼輛個會議開場區長處達"
    "類應減點間當後績評規現職執採辦組設備報說況構編電網動環節鄉鎮圍綜層兩質術統級調養異負債",
)


def error_signature(text: str) -> Counter:
    report = auditor.check(Document(text, "doc.txt"))
    return Counter((f.rule, normalise(f.stated or ""), f.location.line, f.location.column) for f in report.errors)


@pytest.mark.parametrize("name", ["qinhuangdao-emergency-center-2023.txt", "qinhuangdao-etdz-office-2023.txt"])
def test_the_corpus_in_traditional_script_gives_the_same_errors(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    traditional = text.translate(TO_TRADITIONAL)
    assert traditional != text and len(traditional) == len(text)
    expected = error_signature(text)
    assert expected  # each has real errors (tests/test_corpus.py lists them)
    assert error_signature(traditional) == expected


def test_a_problem_cell_in_traditional_script_restates_the_tables_money():
    """存在问题 ``財政撥款 45 萬元`` where the table's 预算数 is 90: the same finding as in simplified script."""
    text = (CORPUS / "qinhuangdao-emergency-center-2023.txt").read_text(encoding="utf-8")
    found = [f for f in auditor.check(Document(text.translate(TO_TRADITIONAL), "doc.txt")).errors if f.rule == "perf.summary"]
    assert any("財政撥款 45 萬元" in f.message for f in found)
