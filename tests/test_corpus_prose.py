"""The prose rules on the Shanghai Putuo disclosures, whose offices phrase things differently from the others.

Every prose error (sum, part-whole, share, growth, budget, xref, xref.table) was read
against the document by hand; the rest of what these documents say is consistent or
not understood, and must stay silent. (Table-cell findings are the table reader's
business and are not listed here.)
"""

from pathlib import Path

import pytest

import auditor

CORPUS = Path(__file__).parent / "fixtures" / "putuo"
PROSE_RULES = ["sum", "part-whole", "share", "growth", "budget", "xref", "xref.table"]


@pytest.fixture(scope="module")
def errors():
    found = {}
    for path in sorted(CORPUS.glob("putuo-*.txt")):
        report = auditor.check(path, select=PROSE_RULES)
        found[path.name] = sorted((f.location.line, f.rule) for f in report.errors)
    return found


def test_only_the_real_prose_errors_are_reported(errors):
    assert errors == {
        # 六、 says 一般公共预算财政拨款基本支出 5377.64 (the all-funds figure of 三、); its 公开05/06表 say 5364.75;
        # its 人员经费 4896.98 is the all-funds figure too: 公开06表's 人员经费合计 is 4884.09 (both 12.89 too high)
        "putuo-planning-resources-2024.txt": [(417, "xref.table"), (418, "xref.table")],
        # 职业年金: 支出决算 245.53 under a heading of 257.14; 93.57 % is 257.14 ÷ 274.82
        # 三公: 0 + 37.35 + 1.53 = 38.88 stated as 37.35 (公务接待费 is 0 and 占 0% elsewhere)
        "putuo-shiquan-street-2025.txt": [(738, "budget"), (879, "sum")],
        "putuo-social-work-2024.txt": [],
        # 929.49 ÷ (20218.21 + 929.49) = 4.395 %, printed 4.35 %; 公务用车 given the 三公 total's rate (3.59 ÷ 23.15 = 15.51 %)
        "putuo-yichuan-street-2025.txt": [(642, "growth"), (831, "growth")],
    }


def test_amounts_told_apart_by_their_clause_are_not_one_quantity():
    """Three 采购金额 after three different 在…中， clauses (planning-resources, lines 493–496)."""
    report = auditor.check(CORPUS / "putuo-planning-resources-2024.txt", select=["xref"])
    assert not [f for f in report.findings if 490 <= f.location.line <= 500]
