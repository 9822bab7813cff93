"""``dvstat init``: a ready workspace with config, sample rosters, a plan and the templates."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from dvstat.errors import OutputError
from dvstat.writers.samples import (
    ORGANIZATION,
    make_members,
    write_clean_xlsx,
    write_messy_xlsx,
    write_plan_csv,
)

CONFIG_TEXT = f'''# Cấu hình dvstat cho đảng bộ. Đường dẫn tính từ thư mục chứa tệp này.
organization = "{ORGANIZATION}"
lang = "vi"
# Danh sách đảng viên mới kết nạp: tệp, thư mục hoặc mẫu glob.
rosters = ["danh-sach/*.xlsx"]
# Chỉ tiêu kết nạp: cột Đơn vị, Năm (hoặc Giai đoạn 2025-2030), Chỉ tiêu (số hoặc 90-100).
plan = "chi-tieu-ket-nap.csv"
output_dir = "bao-cao"
file_pattern = "{{period}}-{{name}}"
templates = "templates"

# Thêm tên cột hoặc cách ghi giá trị riêng của đơn vị:
# [aliases.headers]
# full_name = ["Họ tên đồng chí"]
# [aliases.values.ethnicity]
# "Kinh Việt" = "kinh"
'''


def init_workspace(folder: Path, force: bool) -> list[Path]:
    """Write the workspace files; refuse to overwrite any unless ``force``."""
    rosters = folder / "danh-sach"
    planned = [folder / "dvstat.toml", rosters / "dang-bo-xa-tan-lap.xlsx",
               rosters / "mau-cu" / "README.txt", folder / "chi-tieu-ket-nap.csv"]
    existing = [p for p in planned if p.exists()]
    if existing and not force:
        raise OutputError(
            f"'{existing[0]}' đã tồn tại; dùng --force để ghi đè.",
            f"'{existing[0]}' already exists; use --force to overwrite.")
    rosters.mkdir(parents=True, exist_ok=True)
    (folder / "dvstat.toml").write_text(CONFIG_TEXT, encoding="utf-8")
    members = make_members()
    write_clean_xlsx(members, rosters / "dang-bo-xa-tan-lap.xlsx")
    (rosters / "mau-cu").mkdir(exist_ok=True)
    write_messy_xlsx(members, rosters / "mau-cu" / "dang-bo-xa-tan-lap-mau-cu.xlsx")
    (rosters / "mau-cu" / "README.txt").write_text(
        "Cùng danh sách ở dạng biểu mẫu cũ (mỗi chi bộ một sheet) để thử: "
        "dvstat validate danh-sach/mau-cu\n", encoding="utf-8")
    write_plan_csv(folder / "chi-tieu-ket-nap.csv")
    written = [*planned, rosters / "mau-cu" / "dang-bo-xa-tan-lap-mau-cu.xlsx"]
    templates = resources.files("dvstat").joinpath("templates")
    if templates.is_dir():
        target = folder / "templates"
        target.mkdir(exist_ok=True)
        for item in templates.iterdir():
            if item.is_file():
                with resources.as_file(item) as source:
                    shutil.copyfile(source, target / item.name)
                written.append(target / item.name)
    return written
