"""Read the unit register (``units = "don-vi.csv"`` in dvstat.toml): the organizations and
branches a committee has, whether or not they have members, with their type and parent.

Columns: Mã (code), Tên đơn vị (name), Loại (type: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ,
Đảng bộ bộ phận), Trực thuộc (the parent's code or name). The file goes through the checks
and readers of every file dvstat opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dvstat.errors import ConfigError, RosterReadError
from dvstat.layout import cell_text
from dvstat.model import RegisterUnit
from dvstat.readers.rosters import iter_sheets
from dvstat.settings import ReadLimits
from dvstat.text import fold

_COLUMNS = {
    "code": {"ma", "madonvi", "code", "maso"},
    "name": {"ten", "tendonvi", "donvi", "name", "tentochuc"},
    "kind": {"loai", "loaihinh", "type", "loaidonvi", "cap"},
    "parent": {"tructhuoc", "macaptren", "captren", "parent", "donvicaptren"},
}
_KINDS = (
    ("dangbocoso", "dang_bo_co_so"),
    ("chibocoso", "chi_bo_co_so"),
    ("dangbobophan", "dang_bo_bo_phan"),
    ("chibo", "chi_bo"),
    ("dangbo", "dang_bo_co_so"),
)


def read_register(path: Path, limits: ReadLimits | None = None) -> list[RegisterUnit]:
    """The register's units; a ConfigError naming the file and row for what cannot be used."""
    try:
        grids = [
            grid for _, grid, _ in iter_sheets(path, limits or ReadLimits()) if grid is not None
        ]
    except RosterReadError as exc:
        raise ConfigError(exc.vi, exc.en) from exc
    rows: list[list[Any]] = grids[0].to_numpy(dtype=object, na_value="").tolist() if grids else []
    header, columns = _header(rows, path)
    units: list[RegisterUnit] = []
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        values = {
            key: cell_text(row[col]) if col < len(row) else "" for key, col in columns.items()
        }
        if not values.get("name"):
            continue
        kind = next(
            (code for word, code in _KINDS if fold(values.get("kind", "")).startswith(word)), None
        )
        if kind is None:
            raise ConfigError(
                f"Tệp đơn vị '{path.name}', dòng {number}: loại '{values.get('kind', '')}' phải "
                "là Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ hoặc Đảng bộ bộ phận.",
                f"Unit register '{path.name}', row {number}: type '{values.get('kind', '')}' "
                "must be Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ or Đảng bộ bộ phận.",
            )
        units.append(
            RegisterUnit(
                code=values.get("code") or values["name"],
                name=values["name"],
                kind=kind,
                parent=values.get("parent", ""),
            )
        )
    codes = {u.code for u in units}
    names = {u.name: u.code for u in units}
    return [
        RegisterUnit(
            u.code, u.name, u.kind, u.parent if u.parent in codes else names.get(u.parent, u.parent)
        )
        for u in units
    ]


def _header(rows: list[list[Any]], path: Path) -> tuple[int, dict[str, int]]:
    for number, row in enumerate(rows[:30]):
        found: dict[str, int] = {}
        for col, value in enumerate(row):
            key = fold(cell_text(value))
            for name, aliases in _COLUMNS.items():
                if key in aliases and name not in found:
                    found[name] = col
        if "name" in found and "kind" in found:
            return number, found
    raise ConfigError(
        f"Tệp đơn vị '{path.name}' thiếu cột Tên đơn vị hoặc Loại.",
        f"Unit register '{path.name}' lacks the column Tên đơn vị or Loại.",
    )
