"""Issues kept as columns and formatted when printed; a folder full of duplicates reported
completely in JSON and the workbook, summarized per sheet on the terminal. Expected
values are written out by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from typer.testing import CliRunner

from conftest import AS_OF, make_xlsx, member
from dvstat.checks import validate_roster
from dvstat.cli import app
from dvstat.issue_store import Batch, IssueEntries, IssueTable, RejectedRows
from dvstat.model import Issue, RejectedRow
from dvstat.normalize import normalize_roster
from dvstat.readers.rosters import read_rosters
from dvstat.report import summarize_issues


def _sheet_issue() -> Issue:
    return Issue(
        "missing-column",
        "error",
        "a.xlsx",
        "DS",
        1,
        None,
        None,
        {"field": "ethnicity", "rows": "3", "consequence": "sheet-unknown"},
    )


def _duplicates_batch() -> IssueTable:
    """Three duplicates in b.xlsx (rows 5, 6 of 'DS'; row 9 of a sheet without a header for
    the name), each pointing at the row it repeats."""
    return IssueTable.rows(
        Batch(
            "duplicate-person",
            "warning",
            {},
            {
                "other_file": np.array(["a.xlsx", "a.xlsx", "b.xlsx"], dtype=object),
                "other_sheet": np.array(["DS", "DS", ""], dtype=object),
                "other_row": np.array([2, 3, 4], dtype=np.int64),
            },
            unnamed_field="full_name",
        ),
        ["b.xlsx", "b.xlsx", "b.xlsx"],
        ["DS", "DS", None],
        [5, 6, 9],
        ["Họ và tên", "Họ và tên", None],
        ["Lò Văn A", None, "Lò Thị B"],
        3,
    )


def test_issues_made_one_by_one_come_back_as_they_were() -> None:
    made = [
        _sheet_issue(),
        Issue("footer-skipped", "info", "a.xlsx", "DS", None, None, None),
        Issue("footer-skipped", "info", "a.xlsx", "DS", 0, None, None),  # row 0 is a row
    ]
    table = IssueTable.of(made)
    assert len(table) == 3
    back = list(table)
    assert back == made
    assert [i.detail for i in back] == [made[0].detail, {}, {}]
    assert back[1].row is None and back[1].column is None and back[1].value is None
    assert back[2].row == 0


def test_a_batch_gives_each_row_its_own_detail_and_names_an_unnamed_column() -> None:
    table = _duplicates_batch()
    first, second, third = table
    assert (first.file, first.sheet, first.row, first.column, first.value) == (
        "b.xlsx",
        "DS",
        5,
        "Họ và tên",
        "Lò Văn A",
    )
    assert first.detail == {"other_file": "a.xlsx", "other_sheet": "DS", "other_row": "2"}
    assert second.value is None and second.detail["other_row"] == "3"
    # no header names the column in that sheet: the field is named instead
    assert third.sheet is None and third.column is None
    assert third.detail == {
        "other_file": "b.xlsx",
        "other_sheet": "",
        "other_row": "4",
        "column_field": "full_name",
    }
    assert table[-1] == third and list(table[1:]) == [second, third]


def test_joined_tables_keep_their_order_and_count_by_severity_and_code() -> None:
    table = IssueTable.join([_sheet_issue()], _duplicates_batch(), [])
    assert [i.code for i in table] == ["missing-column"] + ["duplicate-person"] * 3
    assert [i.row for i in table] == [1, 5, 6, 9]
    assert (
        table.severity_count("error"),
        table.severity_count("warning"),
        table.severity_count("info"),
    ) == (1, 3, 0)
    assert table.code_counts() == {"duplicate-person": 3, "missing-column": 1}
    assert table.code_counts(("error",)) == {"missing-column": 1}
    assert [i.row for i in table.take(np.array([3, 0]))] == [9, 1]
    assert len(IssueTable.join()) == 0 and list(IssueTable.empty()) == []
    empty = IssueTable.empty()
    assert empty.severity_count("error") == 0 and empty.code_counts() == {}
    assert list(empty.take(np.array([], dtype=np.int64))) == []


def test_messages_are_made_when_read_in_the_reports_language() -> None:
    summary = summarize_issues(_duplicates_batch(), "vi")
    assert (summary.errors, summary.warnings, summary.infos) == (0, 3, 0)
    info = Issue("footer-skipped", "info", "c.xlsx", "TH", None, None, None)
    mixed = summarize_issues([info, _sheet_issue(), info], "en")
    assert (mixed.errors, mixed.warnings, mixed.infos) == (1, 0, 2)
    assert isinstance(summary.items, IssueEntries)
    assert summary.items[2].column == "Họ và tên"  # the field, named in the report's language
    assert summary.items[0].message == (
        "Tệp 'b.xlsx', sheet 'DS', dòng 5, cột 'Họ và tên': trùng người với "
        "Tệp 'a.xlsx', sheet 'DS', dòng 2; chỉ tính một lần"
    )
    english = summarize_issues(_duplicates_batch(), "en")
    assert english.items[2].message == (
        "File 'b.xlsx', row 9, column 'full name': same person as File 'b.xlsx', row 4; "
        "counted once"
    )
    assert english.items[2].column == "full name"
    data = english.to_dict()
    assert data["warnings"] == 3 and len(data["items"]) == 3
    assert data["items"][1] == {
        "code": "duplicate-person",
        "severity": "warning",
        "file": "b.xlsx",
        "sheet": "DS",
        "row": 6,
        "column": "Họ và tên",
        "value": None,
        "message": "File 'b.xlsx', sheet 'DS', row 6, column 'Họ và tên': same person as "
        "File 'a.xlsx', sheet 'DS', row 3; counted once",
    }


def test_each_sheet_shows_its_errors_first_then_how_many_more() -> None:
    # sheet DS of b.xlsx: three warnings then an error; then a sheet of one info
    error = Issue("future-date", "error", "b.xlsx", "DS", 12, "Ngày kết nạp", "01/01/2030")
    info = Issue("footer-skipped", "info", "c.xlsx", "TH", None, None, None)
    table = IssueTable.join(_duplicates_batch()[:2], [error], [info])
    places = IssueEntries(table, "vi").by_place(2)
    assert [(f, s, n) for f, s, n, _, _ in places] == [("b.xlsx", "DS", 3), ("c.xlsx", "TH", 1)]
    _, _, _, shown, codes = places[0]
    # the error, and the first warning, in roster order
    assert [e.issue.row for e in shown] == [5, 12]
    assert codes == {"duplicate-person": 2, "future-date": 1}
    assert [e.issue.code for e in places[1][3]] == ["footer-skipped"]


def test_rejected_rows_are_columns_and_come_out_as_rows() -> None:
    rows = RejectedRows(
        np.array(["a.xlsx", "a.xlsx"], dtype=object),
        np.array(["DS", None], dtype=object),
        np.array([3, 7], dtype=np.int64),
        np.array(["duplicate-person", "bad-date"], dtype=object),
    )
    assert len(rows) == 2
    assert list(rows) == [
        RejectedRow("a.xlsx", "DS", 3, "duplicate-person"),
        RejectedRow("a.xlsx", None, 7, "bad-date"),
    ]
    assert rows.to_dicts()[1] == {"file": "a.xlsx", "sheet": None, "row": 7, "reason": "bad-date"}
    assert list(rows[1:]) == [RejectedRow("a.xlsx", None, 7, "bad-date")]


def _copied(tmp_path: Path) -> Path:
    """Row 2 is Lò Văn A; rows 3–32 the same person again (30 duplicates); row 33 an
    admission after the as-of day (an error)."""
    rows = [member("Lò Văn A")] * 31 + [member("Lò Văn Z", admitted="01/01/2027")]
    return make_xlsx(tmp_path / "A.xlsx", {"DS": rows})


def test_validation_keeps_the_duplicates_as_columns(tmp_path: Path) -> None:
    table = read_rosters([_copied(tmp_path)])
    frame = normalize_roster(table.frame)
    validation = validate_roster(frame, table.sheets, AS_OF)
    assert isinstance(validation.issues, IssueTable)
    duplicates = [i for i in validation.issues if i.code == "duplicate-person"]
    assert [i.row for i in duplicates] == list(range(3, 33))
    assert {i.value for i in duplicates} == {"Lò Văn A"}
    assert duplicates[-1].detail == {"other_file": "A.xlsx", "other_sheet": "DS", "other_row": "2"}
    assert validation.issues._value.type == pa.large_string()  # quoted names stay in Arrow
    assert int(validation.duplicate.sum()) == 30
    assert pd.Series(validation.reason).value_counts().to_dict() == {
        "duplicate-person": 30,
        "future-date": 1,
    }


def test_the_terminal_summarizes_a_sheet_of_duplicates_and_json_lists_them_all(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _copied(tmp_path)
    base = ["validate", str(path), "--as-of", AS_OF.isoformat(), "--no-cache"]
    shown = runner.invoke(app, base)
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    # 20 rows shown: the error first chosen (row 33), then the duplicates of rows 3 to 21
    listed = [int(n) for n in re.findall(r"^│\s+(\d+) │", text, flags=re.M)]
    assert listed == [*range(3, 22), 33]
    assert "… và 11 vấn đề khác ở đây (cả sheet: duplicate-person ×30, future-date ×1)" in text
    assert "1 lỗi, 30 cảnh báo, 0 thông tin" in text

    data = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    items = data["issues"]["items"]
    assert [i["row"] for i in items if i["code"] == "duplicate-person"] == list(range(3, 33))
    assert items[0]["message"] == (
        "Tệp 'A.xlsx', sheet 'DS', dòng 3, cột 'Họ và tên': trùng người với "
        "Tệp 'A.xlsx', sheet 'DS', dòng 2; chỉ tính một lần"
    )
    assert len(data["rejected"]) == 31
    assert data["rejected"][0] == {
        "file": "A.xlsx",
        "sheet": "DS",
        "row": 3,
        "reason": "duplicate-person",
    }


def test_the_issues_workbook_lists_every_duplicate(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _copied(tmp_path)
    out = tmp_path / "out" / "van-de.xlsx"
    result = runner.invoke(
        app, ["validate", str(path), "--as-of", AS_OF.isoformat(), "--no-cache", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out, read_only=True)
    codes = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert codes.count("duplicate-person") == 30 + 30  # every issue, every rejected row
    assert codes.count("future-date") == 2


def test_person_codes_number_names_in_order_met_ignoring_case_and_spaces() -> None:
    from dvstat.normalize import person_codes

    names = pd.Series(
        ["Lò Văn A", None, "lò văn  a", "", "Hà B", None, "Lò Văn A", "hà b", "Hạ B"],
        dtype="string[pyarrow]",
    )
    # 'Lò Văn A' is 0; no name (None or '') is -1 but used number 1 when first met;
    # 'Hà B' 2; 'Hạ B' (another accent, another person) 3
    assert person_codes(names).tolist() == [0, -1, 0, -1, 2, -1, 0, 2, 3]


def test_a_table_equals_only_the_same_issues_in_the_same_order() -> None:
    table = _duplicates_batch()
    listed = list(table)
    assert table == listed
    assert table != listed[:2]  # one fewer
    assert table != [*listed[:2], _sheet_issue()]  # as many, one other
    assert table != listed[::-1]
    assert (table == 3) is False


def test_codes_of_several_batches_add_up_and_a_part_counts_only_its_own() -> None:
    # two batches of duplicates (3 + 3) and a sheet's error
    table = IssueTable.join(_duplicates_batch(), [_sheet_issue()], _duplicates_batch())
    assert table.code_counts() == {"duplicate-person": 6, "missing-column": 1}
    # the first three rows only: no code of a batch that has no row there
    assert table.take(np.arange(3)).code_counts() == {"duplicate-person": 3}
    assert table[4:].code_counts() == {"duplicate-person": 3}


def test_a_new_place_starts_where_the_file_or_the_sheet_changes() -> None:
    def at(file: str, sheet: str | None, row: int) -> Issue:
        return Issue("future-date", "error", file, sheet, row, None, "01/01/2030")

    table = IssueTable.of(
        [at("a.xlsx", "DS", 2), at("a.xlsx", "DS", 3), at("a.xlsx", "TH", 2)]
        + [at("b.xlsx", "TH", 2), at("b.xlsx", None, 5), at("b.xlsx", None, 6)]
    )
    places = IssueEntries(table, "en").by_place(1)
    assert [(f, s, n) for f, s, n, _, _ in places] == [
        ("a.xlsx", "DS", 2),
        ("a.xlsx", "TH", 1),
        ("b.xlsx", "TH", 1),
        ("b.xlsx", None, 2),
    ]
    assert [[e.issue.row for e in shown] for _, _, _, shown, _ in places] == [[2], [2], [2], [5]]
    assert places[0][4] == {"future-date": 2}
    assert places[3][4] == {"future-date": 2}
    vi = IssueEntries(table, "vi").by_place(1)
    assert vi[1][3][0].message.startswith("Tệp 'a.xlsx', sheet 'TH', dòng 2")


def test_entries_slice_and_keep_the_language() -> None:
    entries = IssueEntries(_duplicates_batch(), "en")
    tail = entries[1:]
    assert isinstance(tail, IssueEntries) and len(tail) == 2 and tail.lang == "en"
    assert [e.issue.row for e in tail] == [6, 9]
    assert tail[0].message.startswith("File 'b.xlsx', sheet 'DS', row 6")
    assert entries[-1].issue.row == 9


def test_a_duplicate_in_a_csv_names_no_sheet_and_keeps_its_detail_compact(tmp_path: Path) -> None:
    from conftest import make_csv

    path = make_csv(tmp_path / "a.csv", [member("Lò Văn A"), member("Lò Văn A")])
    table = read_rosters([path])
    validation = validate_roster(normalize_roster(table.frame), table.sheets, AS_OF)
    (duplicate,) = [i for i in validation.issues if i.code == "duplicate-person"]
    assert (duplicate.file, duplicate.sheet, duplicate.row) == ("a.csv", None, 3)
    assert duplicate.detail == {"other_file": "a.csv", "other_sheet": "", "other_row": "2"}
    from dvstat.report import rejected_rows

    assert list(rejected_rows(normalize_roster(table.frame), validation)) == [
        RejectedRow("a.csv", None, 3, "duplicate-person")
    ]
    (entry,) = [e for e in summarize_issues(validation.issues, "vi").items if e.issue.row == 3]
    assert entry.message == (
        "Tệp 'a.csv', dòng 3, cột 'Họ và tên': trùng người với Tệp 'a.csv', dòng 2; "
        "chỉ tính một lần"
    )


def test_thirty_duplicates_share_one_file_name_and_keep_rows_as_numbers(tmp_path: Path) -> None:
    table = read_rosters([_copied(tmp_path)])
    validation = validate_roster(normalize_roster(table.frame), table.sheets, AS_OF)
    (batch,) = [b for b in validation.issues._batches if b.code == "duplicate-person"]
    assert batch.extras["other_row"].dtype == np.int64  # not thirty texts
    files = batch.extras["other_file"]
    assert len(files) == 30 and len({id(name) for name in files}) == 1  # one shared name


def test_the_first_row_of_each_key() -> None:
    from dvstat.checks import _first_of

    assert _first_of(np.array([5, 3, 5, 3, 9], dtype=np.int64)).tolist() == [0, 1, 0, 1, 4]
    assert _first_of(np.array([7], dtype=np.int64)).tolist() == [0]
    assert _first_of(np.array([], dtype=np.int64)).tolist() == []
    # keys met in falling order: a smaller key later is still new
    assert _first_of(np.array([9, 4, 9, 1, 4], dtype=np.int64)).tolist() == [0, 1, 0, 3, 1]


def test_the_value_an_issue_quotes_is_none_where_the_cell_is_empty() -> None:
    from dvstat.checks import _quoted

    objects = pd.Series(["Kinh", "", None, np.nan, 5, pd.NA], dtype=object)
    assert list(_quoted(objects)) == ["Kinh", None, None, None, "5", None]
    categories = pd.Series(["Kinh", "", None, "Kinh", 5], dtype="category")
    assert list(_quoted(categories)) == ["Kinh", None, None, "Kinh", "5"]
    arrow = pd.Series(["Lò Văn A", "", None], dtype="string[pyarrow]")
    assert _quoted(arrow).to_pylist() == ["Lò Văn A", None, None]


def test_a_birth_date_issue_names_the_mans_or_the_womans_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DS"
    sheet.append(["STT", "Họ và tên", "Ngày tháng năm sinh", "", "Dân tộc", "Tôn giáo",
                  "Trình độ văn hóa", "Ngày kết nạp", "Chi bộ"])  # fmt: skip
    sheet.append(["", "", "Nam", "Nữ", "", "", "", "", ""])
    # both born 01/02/2010, admitted 15/03/2025: 15 years 1 month (181 months), under 18
    sheet.append([1, "Lò Văn A", "01/02/2010", "", "Kinh", "Không", "9/12", "15/03/2025", "CB 1"])
    sheet.append([2, "Lò Thị B", "", "01/02/2010", "Kinh", "Không", "9/12", "15/03/2025", "CB 1"])
    book.save(tmp_path / "a.xlsx")
    table = read_rosters([tmp_path / "a.xlsx"])
    validation = validate_roster(normalize_roster(table.frame), table.sheets, AS_OF)
    under = [(i.row, i.column, i.detail["age"]) for i in validation.issues if i.code == "under-18"]
    assert under == [
        (3, "Ngày tháng năm sinh / Nam", "181"),
        (4, "Ngày tháng năm sinh / Nữ", "181"),
    ]


def test_a_name_alone_or_an_admission_day_alone_is_not_the_same_person(tmp_path: Path) -> None:
    rows = [
        member("Lò Văn A", birth=""),  # row 2: no birth date
        member("Lò Văn A", birth=""),  # row 3: the same name, no birth date: not known
        member("Vi Thị B", birth="1990", gender="Nữ"),  # row 4: a birth year only
        member("Hà Văn C", birth="1990"),  # row 5: same year and admission day, other name
    ]
    table = read_rosters([make_xlsx(tmp_path / "a.xlsx", {"DS": rows})])
    validation = validate_roster(normalize_roster(table.frame), table.sheets, AS_OF)
    assert int(validation.duplicate.sum()) == 0
    assert [i for i in validation.issues if "duplicate" in i.code] == []


def test_values_given_as_arrow_text_of_either_width_join_with_issues_made_one_by_one() -> None:
    # a reader's column may come as Arrow `string` (32-bit offsets), chunked or not; stored
    # as the store's one text type, it joins with issues whose values were Python strings
    def batch(values: pa.Array | pa.ChunkedArray) -> IssueTable:
        return IssueTable.rows(
            Batch("bad-date", "error", {}), ["a.xlsx"] * 2, ["DS"] * 2, [3, 4], ["Ngày sinh"] * 2,
            values, 2,
        )  # fmt: skip

    chunked = batch(pa.chunked_array([pa.array(["31/02/1990", None], type=pa.string())]))
    flat = batch(pa.array(["1990-13-01", "x"], type=pa.string()))
    table = IssueTable.join(chunked, flat, [_sheet_issue()])
    assert [i.value for i in table] == ["31/02/1990", None, "1990-13-01", "x", None]
    assert [i.row for i in table] == [3, 4, 3, 4, 1]
