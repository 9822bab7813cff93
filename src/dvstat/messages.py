"""Issue messages in Vietnamese and English, pointing at the cell the way Excel shows it.

A message names the file, sheet, row and column and quotes at most the one offending value:
never a whole row (rosters hold personal data).
"""

from __future__ import annotations

from dataclasses import dataclass

from dvstat.model import Issue
from dvstat.text import NAME_CHARS, shown_name

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "full_name": ("Họ và tên", "full name"),
    "birth_date": ("Ngày sinh", "birth date"),
    "gender": ("Giới tính", "gender"),
    "ethnicity": ("Dân tộc", "ethnic group"),
    "religion": ("Tôn giáo", "religion"),
    "general_education": ("Giáo dục phổ thông", "general education"),
    "professional": ("Chuyên môn nghiệp vụ", "professional qualification"),
    "political_theory": ("Lý luận chính trị", "political theory"),
    "admission_date": ("Ngày kết nạp", "admission date"),
    "official_date": ("Ngày chính thức", "official date"),
    "branch": ("Chi bộ", "branch"),
    "org": ("Đảng bộ cơ sở", "grassroots organization"),
    "parent": ("Đảng bộ cấp trên", "parent committee"),
    "youth_union": ("Đoàn viên", "youth union"),
    "occupation": ("Nghề nghiệp", "occupation"),
    "readmitted": ("Kết nạp lại", "readmitted"),
    "record_no": ("Số lý lịch", "record number"),
    "status": ("Trạng thái", "status"),
    "leave_date": ("Ngày ra khỏi danh sách", "leaving date"),
    "leave_reason": ("Lý do", "reason"),
    "transfer_in_date": ("Ngày chuyển đến", "transfer-in date"),
    "listed_date": ("Ngày đưa vào danh sách", "listing date"),
    "sympathizer_date": ("Ngày công nhận cảm tình Đảng", "sympathizer date"),
    "class_date": ("Ngày cấp giấy chứng nhận", "certificate date"),
    "dossier_date": ("Ngày làm hồ sơ", "dossier date"),
    "planned_date": ("Ngày dự kiến kết nạp", "planned admission date"),
    "helper": ("Đảng viên giúp đỡ", "helping member"),
    "certificate_no": ("Số giấy chứng nhận", "certificate number"),
    "candidate_status": ("Trạng thái", "status"),
    "birthplace": ("Quê quán", "birthplace"),
    "badge_held": ("Huy hiệu đã tặng", "badges held"),
    "interrupted_from": ("Gián đoạn từ ngày", "interrupted from"),
    "interrupted_to": ("Gián đoạn đến ngày", "interrupted until"),
    "interrupted_months": ("Số tháng gián đoạn", "months interrupted"),
    "prior_months": ("Tuổi đảng trước khi kết nạp lại (tháng)", "earlier service (months)"),
    "discipline": ("Kỷ luật", "disciplinary measure"),
    "discipline_date": ("Ngày kỷ luật", "date of the measure"),
}


@dataclass(frozen=True)
class IssueCode:
    """One kind of issue: how serious, what it means (for docs/issue-codes.md, generated
    from this table), and its message in Vietnamese and English, whose placeholders come
    from the issue's value and detail."""

    severity: str  # error | warning | info | error or warning (by the field or the roster)
    about: str
    vi: str
    en: str


# The one registry of issue codes: every code dvstat emits is here (tests check it).
ISSUE_CODES: dict[str, IssueCode] = {
    "missing-column": IssueCode(
        "error or warning",
        "A sheet lacks a column. Without the name (or, for new members and the membership, the "
        "admission date) no row of the sheet can be placed: they are rejected. Without a breakdown"
        " column (gender, ethnicity, religion, education) the rows count and that breakdown says "
        "'unknown'. A candidate list without the youth-union or occupation column is a warning.",
        "thiếu cột '{field}'{consequence}",
        "column '{field}' is missing{consequence}",
    ),
    "subtotal-mismatch": IssueCode(
        "warning",
        "A subtotal row ('Cộng: 12') disagrees with the members read above it: a row is missing or"
        " counted twice in the file.",
        "dòng cộng ghi {value} nhưng đọc được {counted} đảng viên ở trên (từ dòng {first}); "
        "hãy kiểm tra danh sách",
        "the subtotal says {value} but {counted} members were read above it (from row "
        "{first}); check the roster",
    ),
    "unit-from-sections": IssueCode(
        "info",
        "The rows' units were taken from section rows (I. Đảng bộ…, 1. Chi bộ…) and subtotals "
        "checked.",
        "đơn vị của các dòng lấy từ {sections} dòng tiêu đề mục (I., 1. …); "
        "{checks} dòng cộng đã được đối chiếu",
        "units taken from {sections} section rows (I., 1. …); {checks} subtotal rows checked",
    ),
    "no-header": IssueCode(
        "info",
        "No roster header in the first rows of a sheet (a cover page, notes): the sheet is "
        "skipped.",
        "không tìm thấy dòng tiêu đề danh sách trong {scan} dòng đầu; bỏ qua sheet",
        "no roster header found in the first {scan} rows; sheet skipped",
    ),
    "columns-cut": IssueCode(
        "warning",
        "A roster has at most MAX_COLUMNS (256) columns, Excel 2003's limit; cells to the "
        "right of it are not read (a sheet of 16.000 columns is a forged or broken file, and "
        "reading it would take minutes).",
        "sheet có dữ liệu ở {columns} cột sau cột thứ {limit}; các cột đó không được đọc",
        "the sheet holds data in {columns} columns after column {limit}; they are not read",
    ),
    "hidden-sheet": IssueCode(
        "info", "A hidden sheet is skipped.", "sheet bị ẩn; bỏ qua", "hidden sheet; skipped"
    ),
    "footer-skipped": IssueCode(
        "info",
        "Rows after the table (totals, signatures, notes) are not members: skipped and counted "
        "here.",
        "bỏ qua {rows} dòng cuối bảng (tổng cộng, chữ ký, ghi chú) từ dòng {first}",
        "{rows} footer rows (totals, signatures, notes) skipped from row {first}",
    ),
    "repeated-header": IssueCode(
        "info",
        "Rows repeating the column header (a printed table continued on a page) are skipped.",
        "bỏ qua {rows} dòng lặp lại tiêu đề cột (từ dòng này)",
        "{rows} rows repeating the column header skipped (from this row)",
    ),
    "unit-from-sheet": IssueCode(
        "info",
        "No unit column: the unit is the sheet's name (abbreviations such as CB, ĐB, CQ, "
        "TDP, HTX, THCS written out).",
        "đơn vị '{unit}' lấy từ tên sheet (không có ô nào ghi đơn vị này)",
        "unit '{unit}' taken from the sheet name (no cell names it)",
    ),
    "unit-from-file": IssueCode(
        "info",
        "No unit column: the unit is the file's name (abbreviations written out, a "
        "trailing period such as '2025' dropped).",
        "đơn vị '{unit}' lấy từ tên tệp (không có ô nào ghi đơn vị này)",
        "unit '{unit}' taken from the file name (no cell names it)",
    ),
    "unit-from-title": IssueCode(
        "info",
        "No unit column: the unit is the one the title rows above the table name "
        "('ĐẢNG ỦY XÃ …', 'CHI BỘ …').",
        "đơn vị '{unit}' lấy từ dòng tiêu đề (không có ô nào ghi đơn vị này)",
        "unit '{unit}' taken from the title rows (no cell names it)",
    ),
    "unit-restated": IssueCode(
        "info",
        "With a unit register that has history: rows written with a unit's former name (or "
        "an old unit's) are counted under the unit as it stands on the chosen date.",
        "đơn vị '{value}' ({rows} dòng) được quy đổi thành '{new}'",
        "unit '{value}' ({rows} rows) is restated as '{new}'",
    ),
    "unit-not-placed": IssueCode(
        "warning",
        "With a unit register that has history: a unit that cannot be placed on the chosen "
        "date (split in several, or more than one unit by that name); its rows stay in the "
        "total under the name written.",
        "đơn vị '{value}' ({rows} dòng) không quy đổi được theo sổ đơn vị; vẫn tính vào tổng",
        "unit '{value}' ({rows} rows) cannot be restated from the register; still in the total",
    ),
    "unit-not-in-register": IssueCode(
        "warning",
        "With a unit register: a unit the rosters name that the register does not list (by "
        "name or former name); its rows stay in the total under the name written.",
        "đơn vị '{value}' ({rows} dòng) không có trong sổ đơn vị; vẫn tính vào tổng",
        "unit '{value}' ({rows} rows) is not in the unit register; still in the total",
    ),
    "register-cycle": IssueCode(
        "error",
        "The unit register: a unit that is, through its successors or its parents, its own.",
        "đơn vị '{value}' tự kế thừa hoặc tự trực thuộc chính nó (vòng lặp)",
        "unit '{value}' succeeds or contains itself (a cycle)",
    ),
    "register-no-successor": IssueCode(
        "warning",
        "The unit register: a unit that ends (Đến ngày) without saying which unit it went "
        "into; its rows cannot be restated after that day.",
        "đơn vị '{value}' kết thúc ngày {day} nhưng không ghi hợp nhất vào đơn vị nào",
        "unit '{value}' ends on {day} without a successor",
    ),
    "register-unknown-successor": IssueCode(
        "error",
        "The unit register: a successor (Hợp nhất vào) that is no code or name of the register.",
        "đơn vị '{value}' hợp nhất vào '{other}' không có trong sổ đơn vị",
        "unit '{value}' goes into '{other}', which is not in the register",
    ),
    "register-unknown-parent": IssueCode(
        "error",
        "The unit register: a parent (Trực thuộc) that is no code or name of the register.",
        "đơn vị '{value}' trực thuộc '{other}' không có trong sổ đơn vị",
        "unit '{value}' is under '{other}', which is not in the register",
    ),
    "register-parent-missing": IssueCode(
        "error",
        "The unit register: a unit that begins when its parent does not exist.",
        "đơn vị '{value}' bắt đầu khi đơn vị cấp trên '{other}' chưa có hoặc đã kết thúc",
        "unit '{value}' begins when its parent '{other}' does not exist",
    ),
    "register-overlap": IssueCode(
        "error",
        "The unit register: two units of one name under one parent valid on the same days.",
        "đơn vị '{value}' trùng tên và trùng thời gian hiệu lực với dòng {other}",
        "unit '{value}' has the name and the days of row {other}",
    ),
    "lock-file-skipped": IssueCode(
        "info",
        "'~$name.xlsx', the lock Excel keeps beside a workbook someone has open: not read.",
        "tệp khóa của Excel (có người đang mở danh sách); bỏ qua",
        "Excel's lock file (someone has the roster open); skipped",
    ),
    "not-a-roster": IssueCode(
        "warning",
        "A file among the rosters that is a plan or a report dvstat wrote: not read as a roster.",
        "không phải danh sách ({what}); bỏ qua",
        "not a roster ({what}); skipped",
    ),
    "broken-link": IssueCode(
        "warning",
        "A link among the rosters leads to no file: skipped.",
        "liên kết '{path}' không trỏ tới tệp nào; bỏ qua",
        "link '{path}' leads to no file; skipped",
    ),
    "csv-encoding": IssueCode(
        "warning",
        "A CSV file is not UTF-8 and was read as another encoding: check the accents.",
        "tệp không phải UTF-8; đã đọc theo bảng mã {encoding}, hãy kiểm tra dấu tiếng Việt",
        "file is not UTF-8; read as {encoding}, check the Vietnamese accents",
    ),
    "missing-name": IssueCode(
        "error",
        "A row with data but no name: rejected.",
        "dòng có dữ liệu nhưng không có họ tên; dòng bị loại",
        "row has data but no name; row rejected",
    ),
    "missing-admission-date": IssueCode(
        "error",
        "A new-member or membership row without an admission date: rejected.",
        "không có ngày kết nạp; dòng bị loại",
        "no admission date; row rejected",
    ),
    "bad-date": IssueCode(
        "error or warning",
        "A date that is not a date (31/02/2025, 2025-13-01). An admission date: the row is "
        "rejected (a warning in a candidate list); another date: counted as unknown.",
        "'{value}' không phải ngày hợp lệ (dd/mm/yyyy){consequence}",
        "'{value}' is not a valid date (dd/mm/yyyy){consequence}",
    ),
    "future-date": IssueCode(
        "error or warning",
        "A date after the as-of date. An admission date: the row is rejected (a warning in a "
        "candidate list); a birth date: counted as unknown.",
        "ngày '{value}' ở sau ngày {as_of}{consequence}",
        "date '{value}' is after {as_of}{consequence}",
    ),
    "two-digit-year": IssueCode(
        "info",
        "A date typed with a two-digit year (05/03/16). A birth date takes the century that "
        "makes the member 18 or more at admission; any other date the latest century not in "
        "the future (an admission before 1930 is unreadable).",
        "năm viết hai chữ số '{value}': đọc là năm {year}",
        "two-digit year '{value}': read as {year}",
    ),
    "birth-year-only": IssueCode(
        "info",
        "Only the year of birth: age counted from 1 July of that year.",
        "chỉ có năm sinh '{value}'; tuổi tính từ ngày 1/7 năm đó",
        "birth year only '{value}'; age counted from 1 July of that year",
    ),
    "missing-birth-date": IssueCode(
        "warning",
        "No birth date: age counted as unknown.",
        "không có ngày sinh; tuổi được tính là không rõ",
        "no birth date; age counted as unknown",
    ),
    "missing-value": IssueCode(
        "warning",
        "An empty cell in a breakdown column: counted as unknown.",
        "để trống; được tính là không rõ",
        "empty; counted as unknown",
    ),
    "unknown-gender": IssueCode(
        "warning",
        "A gender that is neither Nam nor Nữ: counted as unknown.",
        "'{value}' không phải giới tính (Nam/Nữ); được tính là không rõ",
        "'{value}' is not a gender (Nam/Nữ); counted as unknown",
    ),
    "gender-conflict": IssueCode(
        "warning",
        "A birth date under both the Nam and the Nữ column: gender counted as unknown.",
        "ngày sinh ghi ở cả cột Nam và cột Nữ; giới tính được tính là không rõ",
        "birth date written under both Nam and Nữ; gender counted as unknown",
    ),
    "unknown-ethnicity": IssueCode(
        "warning",
        "Not one of the 54 ethnic groups (or their spellings): counted as 'Dân tộc khác'.",
        "'{value}' không phải tên dân tộc đã biết; được tính vào 'Dân tộc khác'",
        "'{value}' is not a known ethnic group; counted as 'other'",
    ),
    "unknown-religion": IssueCode(
        "warning",
        "Not a known religion: counted as 'Đạo khác'.",
        "'{value}' không phải tôn giáo đã biết; được tính vào 'Đạo khác'",
        "'{value}' is not a known religion; counted as 'other'",
    ),
    "unknown-education": IssueCode(
        "warning",
        "A general-education level that cannot be read: counted as unknown.",
        "'{value}' không đọc được trình độ giáo dục phổ thông; được tính là không rõ",
        "'{value}' is not a recognised general education level; counted as unknown",
    ),
    "unknown-professional": IssueCode(
        "warning",
        "A professional qualification that cannot be read: counted as unknown.",
        "'{value}' không đọc được trình độ chuyên môn; được tính là không rõ",
        "'{value}' is not a recognised professional qualification; counted as unknown",
    ),
    "unknown-political-theory": IssueCode(
        "warning",
        "A political-theory level that cannot be read: counted as unknown.",
        "'{value}' không đọc được trình độ lý luận chính trị; được tính là không rõ",
        "'{value}' is not a recognised political theory level; counted as unknown",
    ),
    "unknown-occupation": IssueCode(
        "warning",
        "An occupation matching no row of the form: counted as 'Khác'.",
        "'{value}' không khớp nghề nghiệp nào của biểu mẫu; được tính vào 'Khác'",
        "'{value}' matches no occupation row of the form; counted as 'other'",
    ),
    "unknown-youth-union": IssueCode(
        "warning",
        "A youth-union cell that says neither yes nor no: counted as unknown.",
        "'{value}' không rõ có phải đoàn viên không; được tính là không rõ",
        "'{value}' does not say whether a Youth Union member; counted as unknown",
    ),
    "unknown-status": IssueCode(
        "warning",
        "A membership status that says neither on the list nor why the member left: counted as on "
        "the list.",
        "'{value}' không rõ là đang sinh hoạt hay đã ra khỏi danh sách; được tính là đang "
        "sinh hoạt",
        "'{value}' says neither that the member is on the list nor why they left; counted "
        "as on the list",
    ),
    "leave-date-missing": IssueCode(
        "warning",
        "A member the status says has left, with no leaving date: counted as gone (the list is "
        "today's); add the date.",
        "'{value}' nhưng không ghi ngày; được tính là đã ra khỏi danh sách, hãy bổ sung ngày",
        "'{value}' with no date; counted as gone from the list: add the date",
    ),
    "leave-before-admission": IssueCode(
        "error",
        "A leaving date before the admission date.",
        "ngày ra khỏi danh sách '{value}' trước ngày kết nạp",
        "leaving date '{value}' is before the admission date",
    ),
    "transfer-before-admission": IssueCode(
        "warning",
        "A transfer-in date before the admission date.",
        "ngày chuyển đến '{value}' trước ngày kết nạp",
        "transfer-in date '{value}' is before the admission date",
    ),
    "value-too-long": IssueCode(
        "warning",
        "A cell over 1.000 characters is not a value: reported cut, counted as unknown.",
        "ô dài hơn {limit} ký tự, không phải một giá trị ('{value}'); được tính là không rõ",
        "the cell is longer than {limit} characters, not a value ('{value}'); counted as unknown",
    ),
    "under-18": IssueCode(
        "error",
        "Under 18 (by month) at admission: the row counts, the admission breaks the rules.",
        "chưa đủ 18 tuổi khi kết nạp ({age} tháng tuổi)",
        "under 18 at admission ({age} months old)",
    ),
    "over-60": IssueCode(
        "warning",
        "Over 60 at admission: needs the competent committee's consent.",
        "trên 60 tuổi khi kết nạp ({years} tuổi); cần ý kiến cấp ủy có thẩm quyền",
        "over 60 at admission ({years}); needs the competent committee's consent",
    ),
    "below-lower-secondary": IssueCode(
        "warning",
        "General education below lower secondary: admissible only as a special case.",
        "trình độ '{value}' dưới THCS; chỉ được kết nạp theo trường hợp đặc biệt",
        "education '{value}' is below lower secondary; admissible only as a special case",
    ),
    "admitted-before-birth": IssueCode(
        "error",
        "Admission date before the birth date: age counted as unknown.",
        "ngày kết nạp trước ngày sinh; tuổi được tính là không rõ",
        "admission date before birth date; age counted as unknown",
    ),
    "official-date-early": IssueCode(
        "error",
        "An official date before the 12 months of probation end.",
        "ngày chính thức '{value}' chưa đủ 12 tháng dự bị (sớm nhất {expected})",
        "official date '{value}' is before the 12 months of probation end ({expected})",
    ),
    "official-date-mismatch": IssueCode(
        "warning",
        "An official date other than the end of the 12 months of probation.",
        "ngày chính thức '{value}' khác ngày hết 12 tháng dự bị ({expected})",
        "official date '{value}' differs from the end of the 12 months of probation ({expected})",
    ),
    "plan-unit-ambiguous": IssueCode(
        "warning",
        "A plan unit whose name fits several roster units: name it with its organization (Đảng bộ "
        "xã A / Chi bộ thôn 1).",
        "đơn vị '{value}' trong chỉ tiêu khớp nhiều đơn vị của danh sách ({candidates}); "
        "hãy ghi kèm đảng bộ (Đảng bộ xã A / Chi bộ thôn 1)",
        "plan unit '{value}' fits several roster units ({candidates}); name it with its "
        "organization (Đảng bộ xã A / Chi bộ thôn 1)",
    ),
    "plan-years-missing": IssueCode(
        "info",
        "A term whose plan gives a unit yearly targets for some years only: the unit is "
        "judged on those years (their targets, their admissions, their pace).",
        "đơn vị '{value}' chỉ có chỉ tiêu các năm {years}; đánh giá theo các năm đó (chưa "
        "có chỉ tiêu năm {missing})",
        "unit '{value}' has targets for {years} only; judged on those years (none for {missing})",
    ),
    "plan-unit-unmatched": IssueCode(
        "warning",
        "A plan unit that matches no roster unit: listed with 0 admitted, with the closest name.",
        "đơn vị '{value}' trong chỉ tiêu không khớp đơn vị nào của danh sách; tính 0 đảng viên"
        "{suggestion_vi}",
        "plan unit '{value}' matches no roster unit; counted as 0 admitted{suggestion_en}",
    ),
    "certificate-expired": IssueCode(
        "warning",
        "A candidate's certificate of the class on the Party is older than 60 months: the class "
        "must be taken again.",
        "{name}: giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng cấp ngày '{value}' đã "
        "quá {months} tháng; phải học lại trước khi kết nạp",
        "{name}: the certificate of the class on the Party, dated '{value}', is older than "
        "{months} months; the class must be taken again before admission",
    ),
    "certificate-expiring": IssueCode(
        "warning",
        "A candidate's certificate expires within 90 days.",
        "{name}: giấy chứng nhận cấp ngày '{value}' hết hạn ngày {until}; cần kết nạp trước "
        "ngày đó hoặc học lại",
        "{name}: the certificate dated '{value}' expires on {until}; admit before then or "
        "retake the class",
    ),
    "form-check-failed": IssueCode(
        "error",
        "A form's own check does not hold (Biểu 1: A + B − C = D): the membership roster's "
        "changes do not add up; the rows named are wrong in the filed form.",
        "{form}: {check} không đúng ở cột {column} ({left} ≠ {right})",
        "{form}: {check} does not hold in column {column} ({left} ≠ {right})",
    ),
    "form-cross-check": IssueCode(
        "error",
        "Two forms disagree on a figure they must share (new members of Biểu 2 against the "
        "admissions of Biểu 1; members of Biểu 5 against Biểu 3): the rosters behind them "
        "are not the same people.",
        "{check}: {first} = {left} nhưng {second} = {right}",
        "{check}: {first} = {left} but {second} = {right}",
    ),
    "legacy-encoding": IssueCode(
        "info",
        "The file was typed in a legacy Vietnamese font (TCVN3 / ABC '.VnTime', or VNI) and "
        "was read as Unicode.",
        "tệp gõ bằng bảng mã {encoding_name}; đã chuyển sang Unicode",
        "typed in the {encoding_name} encoding; read as Unicode",
    ),
    "badge-admission-year-only": IssueCode(
        "warning",
        "dvstat badges: an admission date given as a year only, for a member whose years "
        "may reach a badge in the period; the day decides the award day.",
        "ngày kết nạp chỉ có năm '{value}': cần ghi đủ ngày để xét Huy hiệu Đảng",
        "admission date is a year only '{value}': the full date decides the badge's award day",
    ),
    "badge-interruption-open": IssueCode(
        "warning",
        "dvstat badges: an interruption of party life with a start and no end; the member's "
        "years cannot be counted, so no badge is proposed.",
        "gián đoạn sinh hoạt từ '{value}' chưa có ngày kết thúc: không tính được tuổi đảng",
        "interruption of party life from '{value}' has no end: years cannot be counted",
    ),
    "badge-months-unreadable": IssueCode(
        "warning",
        "dvstat badges: a number of months (interruption, earlier service) that is not a "
        "number from 0 to 1200; counted as 0.",
        "số tháng '{value}' không đọc được; tính là 0",
        "number of months '{value}' not readable; counted as 0",
    ),
    "badge-interruption-reversed": IssueCode(
        "warning",
        "dvstat badges: an interruption of party life that ends before it starts; it is not "
        "counted (the member's years run on as if there were none).",
        "gián đoạn sinh hoạt từ '{value}' đến ngày trước đó: không tính; kiểm tra lại hai ngày",
        "interruption of party life from '{value}' ends before it starts: not counted; check "
        "both dates",
    ),
    "badge-held-unreadable": IssueCode(
        "warning",
        "dvstat badges: the badges-held cell names no badge (30, 40, 45 … 90 years); "
        "counted as none held.",
        "'{value}' không phải huy hiệu (30, 40, 45 … 90 năm); coi như chưa nhận",
        "'{value}' names no badge (30, 40, 45 … 90 years); taken as none held",
    ),
    "badge-discipline-undated": IssueCode(
        "warning",
        "dvstat badges: a disciplinary measure without the decision's date; the award is "
        "delayed from the milestone by the measure's months.",
        "hình thức kỷ luật không có ngày quyết định: lùi xét tặng {months} tháng kể từ ngày "
        "đủ tuổi đảng",
        "disciplinary measure without its date: the award waits {months} months from the milestone",
    ),
    "badge-discipline-unknown": IssueCode(
        "warning",
        "dvstat badges: a disciplinary measure dvstat does not know the delay of "
        "([badges.delay_months] in dvstat.toml); no delay counted.",
        "hình thức kỷ luật chưa có thời gian lùi xét tặng (khai báo [badges.delay_months])",
        "disciplinary measure with no known delay (set [badges.delay_months])",
    ),
    "badge-missed": IssueCode(
        "warning",
        "dvstat badges: the badges-held column shows a badge whose award day has passed "
        "without it; the member is proposed for the highest badge due.",
        "chưa được tặng huy hiệu đã đủ tuổi đảng; đề nghị tặng Huy hiệu {badge} năm (đợt {wave})",
        "a badge due earlier was not awarded; proposed for the {badge}-year badge "
        "(award day {wave})",
    ),
    "badge-delayed": IssueCode(
        "info",
        "dvstat badges: a disciplinary measure delays a badge due at this award day.",
        "Huy hiệu {badge} năm lùi xét tặng đến ngày {until} do kỷ luật",
        "the {badge}-year badge waits until {until} (disciplinary measure)",
    ),
    "dossier-overdue": IssueCode(
        "warning",
        "A candidate's dossier has been open longer than dossier_months (default 6).",
        "{name}: hồ sơ làm từ ngày '{value}' đã quá {months} tháng chưa kết nạp; cần đôn đốc",
        "{name}: the dossier opened on '{value}' has been open more than {months} months; "
        "follow it up",
    ),
    "candidate-under-18": IssueCode(
        "warning",
        "A candidate under 18 (by month) on the planned admission date (31 December when none is "
        "given).",
        "{name}: sinh ngày '{value}', chưa đủ 18 tuổi (tính theo tháng) vào ngày dự kiến kết "
        "nạp {planned}",
        "{name}: born '{value}', under 18 (by month) on the planned admission date {planned}",
    ),
    "no-candidates": IssueCode(
        "warning",
        "A unit of the admission rosters with nobody left in the pipeline ('không còn nguồn').",
        "đơn vị '{value}' không còn quần chúng nào trong nguồn phát triển đảng viên",
        "unit '{value}' has no candidate left in the pipeline",
    ),
    "no-admission-this-year": IssueCode(
        "warning",
        "A unit with candidates but no admission this year.",
        "đơn vị '{value}' có quần chúng trong nguồn nhưng chưa kết nạp ai trong năm {year}",
        "unit '{value}' has candidates but admitted no one in {year}",
    ),
    "admitted-without-candidacy": IssueCode(
        "info",
        "A new member of this year who was never on the candidate list.",
        "đảng viên mới '{value}' không có trong danh sách nguồn phát triển đảng viên",
        "new member '{value}' is not on the candidate list",
    ),
    "possible-duplicate": IssueCode(
        "warning",
        "A birth year only, and another row with the same name and birth year but another "
        "admission date: maybe one person listed twice, maybe two. Both rows count.",
        "có thể trùng với {other} (cùng họ tên, cùng năm sinh, khác ngày kết nạp); vẫn tính "
        "cả hai, hãy kiểm tra",
        "may be the same person as {other} (same name and birth year, another admission "
        "date); both count, please check",
    ),
    "duplicate-person": IssueCode(
        "warning",
        "The same person twice (same name and birth date, or the same ID): counted once, the later"
        " row rejected.",
        "trùng người với {other}; chỉ tính một lần",
        "same person as {other}; counted once",
    ),
}

_CONSEQUENCE = {
    "rejected": ("; dòng bị loại", "; row rejected"),
    "unknown": ("; được tính là không rõ", "; counted as unknown"),
    "sheet-rejected": (
        "; các dòng của sheet này bị loại, không đoán",
        "; the sheet's rows are rejected, not guessed",
    ),
    "sheet-unknown": (
        "; các dòng của sheet này vẫn được tính, mục này ghi là 'không rõ'",
        "; the sheet's rows still count, as unknown in this breakdown",
    ),
    "": ("", ""),
}


def describe_place(
    file: str | None, sheet: str | None, row: int | None, column: str | None, lang: str
) -> str:
    """'Tệp 'a.xlsx', sheet 'CB 1', dòng 17, cột 'Dân tộc'' — the parts that are known."""
    vi = lang == "vi"
    parts = []
    if file:
        parts.append(f"{'Tệp' if vi else 'File'} '{shown_name(file)}'")
    if sheet:
        parts.append(f"sheet '{shown_name(sheet)}'")
    if row is not None:
        parts.append(f"{'dòng' if vi else 'row'} {row}")
    if column:
        parts.append(f"{'cột' if vi else 'column'} '{shown_name(column)}'")
    return ", ".join(parts)


_NOT_A_ROSTER = {
    "plan": ("tệp chỉ tiêu", "a plan file"),
    "dvstat-output": ("báo cáo dvstat đã ghi", "a report dvstat wrote"),
}


def describe(issue: Issue, lang: str) -> str:
    """The whole user-facing message of an issue: its place, then what is wrong."""
    index = 0 if lang == "vi" else 1
    values = {"value": issue.value or "", **issue.detail}
    for key, text in issue.detail.items():  # names of units, files, headers: cut
        if isinstance(text, str) and len(text) > 2 * NAME_CHARS:
            values[key] = shown_name(text)
    if "field" in values and values["field"] in FIELD_LABELS:
        values["field"] = FIELD_LABELS[values["field"]][index]
    if "other_row" in values:
        values["other"] = describe_place(
            values.get("other_file"),
            values.get("other_sheet"),
            int(values["other_row"]),
            None,
            lang,
        )
    suggestion = issue.detail.get("suggestion")
    values["suggestion_vi"] = f" (có phải '{suggestion}'?)" if suggestion else ""
    values["suggestion_en"] = f" (did you mean '{suggestion}'?)" if suggestion else ""
    if suggestion and issue.code == "plan-unit-unmatched":
        alias = f'[aliases.units] "{issue.value}" = "{suggestion}"'
        values["suggestion_vi"] = (
            f" (có phải '{suggestion}'? nếu đúng, thêm vào dvstat.toml: {alias})"
        )
        values["suggestion_en"] = (
            f" (did you mean '{suggestion}'? if so, add to dvstat.toml: {alias})"
        )
    if issue.code == "not-a-roster":
        values["what"] = _NOT_A_ROSTER.get(values.get("what", ""), ("", ""))[index]
    values["consequence"] = _CONSEQUENCE.get(issue.detail.get("consequence", ""), ("", ""))[index]
    known = ISSUE_CODES.get(issue.code)
    template = (known.vi if index == 0 else known.en) if known else "{value}"
    body = template.format_map(_Missing(values))
    place = describe_place(issue.file, issue.sheet, issue.row, column_label(issue, lang), lang)
    return f"{place}: {body}" if place else body


def column_label(issue: Issue, lang: str) -> str | None:
    """The column as the sheet heads it, else the field's name in the run's language."""
    if issue.column is not None:
        return issue.column
    field = issue.detail.get("column_field")
    return FIELD_LABELS[field][0 if lang == "vi" else 1] if field in FIELD_LABELS else field


class _Missing(dict[str, str]):
    """Leaves an unknown placeholder visible instead of raising in the middle of a report."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
