"""``dvstat init``: a ready workspace with config, sample rosters, a plan and the templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from dvstat.errors import OutputError
from dvstat.sample_rosters import (
    ORGANIZATION,
    make_members,
    write_candidates_xlsx,
    write_clean_xlsx,
    write_membership_xlsx,
    write_merged_commune_xlsx,
    write_messy_xlsx,
    write_plan_csv,
    write_register_csv,
)
from dvstat.writers.templating import default_template_dir

_CONFIG_VI = f'''# Cấu hình dvstat cho đảng bộ. Đường dẫn tính từ thư mục chứa tệp này.
organization = "{ORGANIZATION}"
lang = "vi"
# Danh sách đảng viên mới kết nạp: tệp, thư mục hoặc mẫu glob.
rosters = ["danh-sach/*.xlsx"]
# Danh sách toàn bộ đảng viên (cho `dvstat members`): tệp, thư mục hoặc mẫu glob.
members = ["dang-vien/*.xlsx"]
# Sổ đơn vị có lịch sử: xã Khuổi Mỵ sáp nhập vào Tân Lập ngày 01/7/2025; số liệu trước
# đó được quy đổi theo đơn vị mới (dvstat units --as-of 2025-06-30 để xem đơn vị cũ).
units = "don-vi.csv"
# Danh sách quần chúng ưu tú, cảm tình Đảng (cho `dvstat candidates`).
candidates = ["nguon/*.xlsx"]
# Hồ sơ kết nạp để quá bao nhiêu tháng thì nhắc.
dossier_months = 6
# Chỉ tiêu kết nạp: cột Đơn vị, Năm (hoặc Giai đoạn 2025-2030), Chỉ tiêu (số hoặc 90-100).
plan = "chi-tieu-ket-nap.csv"
# Thư mục và tên tệp của `dvstat report` ({{period}}: 2025-10, 2025-Q3…; {{name}}: tong-hop…).
output_dir = "bao-cao"
file_pattern = "{{period}}-{{name}}"
# Các báo cáo `dvstat report` ghi; bỏ dòng này để dùng bộ mặc định (summary.md,
# summary.xlsx, summary.docx, summary.json, và quota.md khi có chỉ tiêu). Mỗi loại báo cáo
# (summary, quota, members, candidates, badges) có đuôi .md, .xlsx, .docx (Word) hoặc .json.
outputs = ["summary.md", "summary.xlsx", "summary.docx", "summary.json", "quota.md"]
# Mẫu báo cáo đã chép vào đây; sửa chúng để đổi báo cáo.
templates = "templates"
# Nhiệm kỳ dài bao nhiêu năm: kỳ dài hơn một năm so với cùng kỳ nhiệm kỳ trước.
term_years = 5

# Huy hiệu Đảng (`dvstat badges`): số tháng lùi xét tặng theo hình thức kỷ luật (mặc định
# khiển trách 6, cảnh cáo 6, cách chức 12; có nơi tính cảnh cáo 9 tháng).
[badges]
delay_months = {{ "khiển trách" = 6, "cảnh cáo" = 6, "cách chức" = 12 }}

# Phần đầu và phần ký của văn bản Word (thể thức văn bản của Đảng); bỏ khóa nào thì văn
# bản để dấu chấm ở đó để điền tay.
[report]
parent = "Đảng bộ tỉnh Lào Cai"
issuer = "Đảng ủy xã Tân Lập"
number = "……-BC/ĐU"
place = "Tân Lập"
on_behalf = "T/M Ban Thường vụ"
signer_title = "Phó Bí thư"
signer_name = ""
preparer = ""
recipients = ["Ban Tổ chức Tỉnh ủy", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"]

# Thêm tên cột hoặc cách ghi giá trị riêng của đơn vị:
# [aliases.headers]
# full_name = ["Họ tên đồng chí"]
# [aliases.values.ethnicity]
# "Kinh Việt" = "kinh"
'''

_CONFIG_EN = f'''# dvstat settings of the party committee. Paths are relative to this file's folder.
organization = "{ORGANIZATION}"
lang = "en"
# Rosters of newly admitted members: files, folders or glob patterns.
rosters = ["danh-sach/*.xlsx"]
# The whole membership (for `dvstat members`): files, folders or glob patterns.
members = ["dang-vien/*.xlsx"]
# The unit register with history: Khuổi Mỵ commune merged into Tân Lập on 1 July 2025;
# earlier figures are restated on the new units (dvstat units --as-of 2025-06-30 shows the
# old ones).
units = "don-vi.csv"
# Candidate lists (quần chúng ưu tú, cảm tình Đảng), for `dvstat candidates`.
candidates = ["nguon/*.xlsx"]
# A dossier open longer than this many months is flagged.
dossier_months = 6
# The admission plan: columns Đơn vị, Năm (or Giai đoạn 2025-2030), Chỉ tiêu (or 90-100).
plan = "chi-tieu-ket-nap.csv"
# Folder and file names of `dvstat report` ({{period}}: 2025-10, 2025-Q3…; {{name}}: tong-hop…).
output_dir = "bao-cao"
file_pattern = "{{period}}-{{name}}"
# What `dvstat report` writes; drop this line for the default set (summary.md,
# summary.xlsx, summary.docx, summary.json, and quota.md when there is a plan). Each report
# (summary, quota, members, candidates, badges) as .md, .xlsx, .docx (Word) or .json.
outputs = ["summary.md", "summary.xlsx", "summary.docx", "summary.json", "quota.md"]
# The report templates are copied here; edit them to change the reports.
templates = "templates"
# The length of a congress term: a period longer than a year is compared with the
# same dates one term earlier.
term_years = 5

# Party badges (`dvstat badges`): months each disciplinary measure delays the award
# (defaults: khiển trách 6, cảnh cáo 6, cách chức 12; some provinces count cảnh cáo 9).
[badges]
delay_months = {{ "khiển trách" = 6, "cảnh cáo" = 6, "cách chức" = 12 }}

# The heading and signature of the Word documents (the party's document format); a key left
# out prints as dots to fill in by hand.
[report]
parent = "Đảng bộ tỉnh Lào Cai"
issuer = "Đảng ủy xã Tân Lập"
number = "……-BC/ĐU"
place = "Tân Lập"
on_behalf = "T/M Ban Thường vụ"
signer_title = "Phó Bí thư"
signer_name = ""
preparer = ""
recipients = ["Ban Tổ chức Tỉnh ủy", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"]

# Add your own column names or spellings:
# [aliases.headers]
# full_name = ["Họ tên đồng chí"]
# [aliases.values.ethnicity]
# "Kinh Việt" = "kinh"
'''


def init_workspace(folder: Path, force: bool, lang: str = "vi") -> list[Path]:
    """Write the workspace files; refuse to overwrite any unless ``force``.

    A folder that cannot be written (read-only, full) is one OutputError naming it."""
    rosters = folder / "danh-sach"
    planned = [
        folder / "dvstat.toml",
        rosters / "dang-bo-xa-tan-lap.xlsx",
        rosters / "mau-cu" / "README.txt",
        folder / "chi-tieu-ket-nap.csv",
    ]
    existing = [p for p in planned if p.exists()]
    if existing and not force:
        raise OutputError(
            f"'{existing[0]}' đã tồn tại; dùng --force để ghi đè.",
            f"'{existing[0]}' already exists; use --force to overwrite.",
        )
    try:
        return _write(folder, rosters, planned, lang)
    except OSError as exc:
        where = exc.filename or folder
        reason = exc.strerror or type(exc).__name__
        raise OutputError(
            f"Không tạo được thư mục làm việc: '{where}': {reason}.",
            f"Cannot create the workspace: '{where}': {reason}.",
        ) from exc


def _write(folder: Path, rosters: Path, planned: list[Path], lang: str) -> list[Path]:
    rosters.mkdir(parents=True, exist_ok=True)
    (folder / "dvstat.toml").write_text(
        _CONFIG_EN if lang == "en" else _CONFIG_VI, encoding="utf-8"
    )
    members = make_members()
    write_clean_xlsx(members, rosters / "dang-bo-xa-tan-lap.xlsx")
    write_merged_commune_xlsx(rosters / "xa-khuoi-my-truoc-sap-nhap.xlsx")
    write_register_csv(folder / "don-vi.csv")
    (rosters / "mau-cu").mkdir(exist_ok=True)
    write_messy_xlsx(members, rosters / "mau-cu" / "dang-bo-xa-tan-lap-mau-cu.xlsx")
    (rosters / "mau-cu" / "README.txt").write_text(
        "Cùng danh sách ở dạng biểu mẫu cũ (mỗi chi bộ một sheet) để thử: "
        "dvstat validate danh-sach/mau-cu\n",
        encoding="utf-8",
    )
    write_plan_csv(folder / "chi-tieu-ket-nap.csv")
    (folder / "dang-vien").mkdir(exist_ok=True)
    write_membership_xlsx(folder / "dang-vien" / "dang-bo-xa-tan-lap-dang-vien.xlsx")
    (folder / "nguon").mkdir(exist_ok=True)
    write_candidates_xlsx(folder / "nguon" / "dang-bo-xa-tan-lap-quan-chung-uu-tu.xlsx")
    written = [
        *planned,
        rosters / "xa-khuoi-my-truoc-sap-nhap.xlsx",
        folder / "don-vi.csv",
        rosters / "mau-cu" / "dang-bo-xa-tan-lap-mau-cu.xlsx",
        folder / "dang-vien" / "dang-bo-xa-tan-lap-dang-vien.xlsx",
        folder / "nguon" / "dang-bo-xa-tan-lap-quan-chung-uu-tu.xlsx",
    ]
    target = folder / "templates"
    target.mkdir(exist_ok=True)
    for item in sorted(default_template_dir().iterdir()):
        if item.is_file() and not item.name.startswith("."):
            shutil.copyfile(item, target / item.name)
            written.append(target / item.name)
    return written
