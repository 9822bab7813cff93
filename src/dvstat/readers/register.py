"""Read the unit register (``units = "don-vi.csv"`` in dvstat.toml): the organizations and
branches a committee has, whether or not they have members, with their type and parent.

Columns: Mã (code), Tên đơn vị (name), Loại (type: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ,
Đảng bộ bộ phận), Trực thuộc (the parent's code or name), and for units that changed: Từ
ngày / Đến ngày (valid from / to, both included), Tên cũ (former names, ';'-separated),
Hợp nhất vào / Sáp nhập vào (the code or name of the unit it went into on its end date;
several, ';'-separated, for a unit split in parts). A two-column file Đơn vị cũ -> Đơn vị
mới (with an optional Từ ngày) is read as the same history. The file goes through the checks
and readers of every file dvstat opens.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dvstat.errors import ConfigError, RosterReadError
from dvstat.layout import cell_text
from dvstat.model import RegisterUnit
from dvstat.normalize import OK, parse_date
from dvstat.readers.rosters import iter_sheets
from dvstat.settings import ReadLimits
from dvstat.text import fold, shown_file
from dvstat.unit_words import unit_kind

_COLUMNS = {
    "code": {"ma", "madonvi", "code", "maso"},
    "name": {"ten", "tendonvi", "donvi", "name", "tentochuc"},
    "kind": {"loai", "loaihinh", "type", "loaidonvi", "cap"},
    "parent": {"tructhuoc", "macaptren", "captren", "parent", "donvicaptren"},
    "from": {"tungay", "hieuluctu", "ngaythanhlap", "from", "validfrom", "ngaybatdau"},
    "to": {"denngay", "hieulucden", "ngaygiaithe", "ngaychamdut", "to", "validto", "ngayketthuc"},
    "former": {"tencu", "tentruocday", "tengoicu", "formernames"},
    "successor": {"hopnhatvao", "sapnhapvao", "chuyenthanh", "kethua", "mergedinto", "donvikethua"},
    "old": {"donvicu", "tendonvicu", "old"},
    "new": {"donvimoi", "tendonvimoi", "new"},
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
    if "old" in columns and "new" in columns:
        return _mapping(rows, header, columns, path)
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
                f"Tệp đơn vị '{shown_file(path)}', dòng {number}: loại "
                f"'{values.get('kind', '')}' phải "
                "là Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ hoặc Đảng bộ bộ phận.",
                f"Unit register '{shown_file(path)}', row {number}: type "
                f"'{values.get('kind', '')}' "
                "must be Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ or Đảng bộ bộ phận.",
            )
        units.append(
            RegisterUnit(
                code=values.get("code") or values["name"],
                name=values["name"],
                kind=kind,
                parent=values.get("parent", ""),
                valid_from=_day(values.get("from", ""), path, number, "Từ ngày"),
                valid_to=_day(values.get("to", ""), path, number, "Đến ngày"),
                former=_list(values.get("former", "")),
                successors=_list(values.get("successor", "")),
                row=number,
                file=shown_file(path),
            )
        )
    return _by_code(units)


def _by_code(units: list[RegisterUnit]) -> list[RegisterUnit]:
    """Parents and successors named by their name are given by their code."""
    codes = {u.code for u in units}
    names: dict[str, str] = {}
    for u in units:  # a name used again later (a new unit, same name): the later one
        names.setdefault(fold(u.name), u.code)
        for old in u.former:
            names.setdefault(fold(old), u.code)

    def code_of(text: str) -> str:
        return text if text in codes or not text else names.get(fold(text), text)

    return [
        replace(u, parent=code_of(u.parent), successors=tuple(code_of(s) for s in u.successors))
        for u in units
    ]


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _day(text: str, path: Path, row: int, column: str) -> date | None:
    if not text:
        return None
    day, status = parse_date(text)
    if day is None or status != OK:
        raise ConfigError(
            f"Tệp đơn vị '{shown_file(path)}', dòng {row}, cột '{column}': '{text}' không "
            "phải ngày.",
            f"Unit register '{shown_file(path)}', row {row}, column '{column}': '{text}' is "
            "not a date.",
        )
    return day


def _mapping(
    rows: list[list[Any]], header: int, columns: dict[str, int], path: Path
) -> list[RegisterUnit]:
    """A two-column file Đơn vị cũ -> Đơn vị mới (optionally Từ ngày, the day the new unit
    begins): each old unit ends the day before and goes into the new one."""
    units: dict[str, RegisterUnit] = {}
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        values = {
            key: cell_text(row[col]) if col < len(row) else "" for key, col in columns.items()
        }
        old, new = values.get("old", ""), values.get("new", "")
        if not old or not new:
            continue
        start = _day(values.get("from", ""), path, number, "Từ ngày")
        end = start - timedelta(days=1) if start else None
        kind = _kind_of_name(new)
        units.setdefault(
            fold(new),
            RegisterUnit(new, new, kind, "", valid_from=start, row=number, file=shown_file(path)),
        )
        key = fold(old)
        before = units.get(key)
        successors = (*before.successors, new) if before else (new,)
        units[key] = RegisterUnit(
            old,
            old,
            _kind_of_name(old),
            "",
            valid_to=end,
            successors=successors,
            row=number,
            file=shown_file(path),
        )
    return list(units.values())


def _kind_of_name(name: str) -> str:
    kind = unit_kind(name)
    return {"dang_bo": "dang_bo_co_so", "chi_bo_co_so": "chi_bo_co_so", "chi_bo": "chi_bo"}.get(
        kind or "", "other"
    )


def _header(rows: list[list[Any]], path: Path) -> tuple[int, dict[str, int]]:
    for number, row in enumerate(rows[:30]):
        found: dict[str, int] = {}
        for col, value in enumerate(row):
            key = fold(cell_text(value))
            for name, aliases in _COLUMNS.items():
                if key in aliases and name not in found:
                    found[name] = col
        if ("name" in found and "kind" in found) or ("old" in found and "new" in found):
            return number, found
    raise ConfigError(
        f"Tệp đơn vị '{shown_file(path)}' thiếu cột Tên đơn vị hoặc Loại.",
        f"Unit register '{shown_file(path)}' lacks the column Tên đơn vị or Loại.",
    )
