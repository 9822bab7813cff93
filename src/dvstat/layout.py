"""Find the roster inside a sheet: the header (one or two rows), its fields, and the footer.

Works on a grid (rows of cell values as the reader got them) so that it is tested without
files. Rules (docs/layouts.md): up to ~30 title rows above the header, a two-row header with
merged group cells, the birth date under "Nam" or "Nữ", footer and signature rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dvstat import schema
from dvstat.text import MAX_CELL_CHARS, fold, fold_spaced
from dvstat.text import cell_text as text_of
from dvstat.unit_words import UNIT_WORDS, unit_kind

HEADER_SCAN_ROWS = 30
_PARENTHESES = re.compile(r"\([^)]*\)")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_ROW_NUMBER = re.compile(r"^\(?\d+\)?$")
# Folded starts of the signatures and notes below a table.
_SIGNATURE_STARTS = (
    "nguoilapbieu",
    "nguoilap",
    "tmchi",
    "tmdang",
    "tmban",
    "tmcap",
    "tmbtv",
    "bithu",
    "phobithu",
    "ghichu",
    "xacnhan",
    "truongban",
    "nguoiky",
    "kyten",
    "noinhan",
)
_DATE_LINE = re.compile(r"ngay.*thang.*nam")
_COUNT_NOTE = re.compile(r"^(?:danh sach (?:nay )?(?:co|gom)|tong so(?: co)?:?) ?[\d.]+ ")
# '…, ngày 15 tháng 01 năm 2021' with a place before it: the line above a signature
_PLACE_DATE = re.compile(r"^\D*[a-z]\D*,?\s*ngay\s*(?:\d{1,2}|\.+|…)\s*thang")


def is_place_date_line(text: str) -> bool:
    """'Tân Lập, ngày 15 tháng 01 năm 2021' (not a typed date: 'ngày 15 tháng 01 năm 2021')."""
    return bool(_PLACE_DATE.match(fold_spaced(text)))


@dataclass(frozen=True)
class HeaderLayout:
    """Where a sheet's roster is: 0-based grid rows and columns, and the header texts."""

    header_rows: tuple[int, ...]
    columns: dict[str, int]
    headers: dict[str, str]

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1


def cell_text(value: Any) -> str:
    """A header or label cell as clean text ('' where empty): ``text.cell_text``. A cell
    of 20 MB is cut first: no header or label is that long, and cleaning and folding it
    cell by cell took half a minute."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        value = value[:MAX_CELL_CHARS]
    return text_of(value) or ""


def _match(text: str, index: dict[str, str]) -> str | None:
    if not text:
        return None
    found = index.get(fold(text))
    if found is None and "(" in text:
        found = index.get(fold(_PARENTHESES.sub("", text)))
    if found is None and "/" in text:
        # 'Nghề nghiệp / đối tượng': a header naming one field two ways
        names = {index.get(fold(part)) for part in text.split("/")} - {None}
        found = names.pop() if len(names) == 1 else None
    return found


def _map_single(row: Sequence[Any], index: dict[str, str]) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    for col, value in enumerate(row):
        text = cell_text(value)
        name = _match(text, index)
        if name and name not in used:
            found[col] = (name, text)
            used.add(name)
    return found


# Complex by design: one branch per way a two-row header pairs its cells.
def _map_double(  # noqa: C901
    top: Sequence[Any], sub: Sequence[Any], index: dict[str, str]
) -> dict[int, tuple[str, str]]:
    """Fields of a two-row header; a group cell covers the sub-columns to its right."""
    found: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    group = ""
    width = max(len(top), len(sub))
    for col in range(width):
        top_text = cell_text(top[col]) if col < len(top) else ""
        sub_text = cell_text(sub[col]) if col < len(sub) else ""
        if top_text:
            group = top_text
        elif not sub_text:
            group = ""
        name: str | None = None
        label = sub_text or group
        if sub_text:
            group_field = _match(group, index)
            sub_key = fold(sub_text)
            if group_field == schema.BIRTH_DATE and sub_key in (
                schema.MALE_SUBHEADER,
                schema.FEMALE_SUBHEADER,
            ):
                name = (
                    schema.BIRTH_MALE if sub_key == schema.MALE_SUBHEADER else schema.BIRTH_FEMALE
                )
                label = f"{group} / {sub_text}"
            elif group_field == schema.GENDER and sub_key in (
                schema.MALE_SUBHEADER,
                schema.FEMALE_SUBHEADER,
            ):
                name = schema.MARK_MALE if sub_key == schema.MALE_SUBHEADER else schema.MARK_FEMALE
                label = f"{group} / {sub_text}"
            elif sub_key == "nn" and fold(group).startswith("trinhdo"):
                name = schema.FOREIGN_LANGUAGE  # 'NN' beside GDPT/CMNV/LLCT is ngoại ngữ
            else:
                name = _match(sub_text, index) or _match(f"{group} {sub_text}", index)
                if name is None and top_text:
                    name = _match(top_text, index)
                    label = top_text
        elif top_text:
            name = _match(top_text, index)
        if name and name not in used:
            found[col] = (name, label)
            used.add(name)
    return found


def _score(mapping: dict[int, tuple[str, str]]) -> int:
    return len(mapping)


def locate_header(
    grid: Sequence[Sequence[Any]], index: dict[str, str], scan: int = HEADER_SCAN_ROWS
) -> HeaderLayout | None:
    """The best header in the first ``scan`` rows, or None when no row names a roster.

    A row qualifies when it maps the full name and at least two other fields; the row
    below it joins as a sub-header only when that maps strictly more fields (the Nam/Nữ
    birth pair, "Trình độ" over GDPT/CM/LLCT) than either row alone, so neither a data row
    nor a blank title row is taken for half of a header.
    """
    best: tuple[int, tuple[int, ...], dict[int, tuple[str, str]]] | None = None
    singles = [_map_single(row, index) for row in grid[: scan + 1]]
    for r in range(min(scan, len(grid))):
        single = singles[r]
        candidates: list[tuple[tuple[int, ...], dict[int, tuple[str, str]]]] = [((r,), single)]
        if r + 1 < len(singles):
            double = _map_double(grid[r], grid[r + 1], index)
            if _score(double) > max(_score(single), _score(singles[r + 1])):
                candidates.append(((r, r + 1), double))
        for rows, mapping in candidates:
            names = {name for name, _ in mapping.values()}
            if schema.FULL_NAME not in names or len(names) < 3:
                continue
            if best is None or _score(mapping) > _score(best[2]):
                best = (_score(mapping), rows, mapping)
    if best is None:
        return None
    _, rows, mapping = best
    return HeaderLayout(
        header_rows=rows,
        columns={name: col for col, (name, _) in mapping.items()},
        headers={name: label for _, (name, label) in mapping.items()},
    )


def is_numbering_row(row: Sequence[Any]) -> bool:
    """The '(1) (2) (3)…' or '1 2 3…' row that forms print under their header."""
    texts = [cell_text(v) for v in row]
    filled = [t for t in texts if t]
    return len(filled) >= 3 and all(_NUMBERING.match(t) for t in filled)


@dataclass(frozen=True)
class RowKind:
    """What a row that is not a member is: a section naming a unit, a subtotal ('Cộng'),
    a total ('Tổng cộng') or part of the signature block.

    A section carries its numbering depth (1 roman 'I.', 2 arabic '1.', 3 a letter 'a)',
    0 none), the kind of unit its words name ('dang_bo', 'chi_bo', 'chi_bo_co_so', or
    'group' for a đảng bộ bộ phận) and the unit's name without the numbering. A subtotal or
    total carries the number of members it states, when it states one.
    """

    kind: str  # "section" | "subtotal" | "total" | "signature"
    depth: int = 0
    unit: str = ""
    name: str = ""
    number: int | None = None


_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_SECTION_NUMBERING = re.compile(
    r"^\s*(?:(?P<token>[0-9]{1,3}(?:\.[0-9]{1,3})*|[IVXLCivxlc]{1,7}|[a-zđA-Z])\s*[.):/-]\s*"
    r"|[-–•+]\s*)(?P<rest>\S.*)$"
)
# A row holding more distinct texts than this is a structure row only as a total or a
# subtotal (a signature line holds at most 4, a section 2): readers look no further at it.
STRUCTURE_MAX_TEXTS = 4
# How totals and subtotals start (lower case, with their accents).
TOTAL_STARTS = ("tổng", "total", "cộng")
_FIRST_INT = re.compile(r"(?<![\d/.,])(\d{1,7})(?![\d/])")


def _numbering_depth(token: str) -> int:
    """I. and A. at the top, 1. under them, 1.1. (and a)) under those, 1.1.1. further."""
    if token.replace(".", "").isdigit():
        return 1 + len(token.split("."))
    if _ROMAN.fullmatch(token.lower()) or (len(token) == 1 and token.isupper()):
        return 1
    return 3


def _section(texts: Sequence[str]) -> RowKind | None:
    """'I. ĐẢNG BỘ XÃ EA PHÊ', '1. Chi bộ thôn 3', ['II', 'Chi bộ Trường THPT'], 'Chi bộ A'."""
    if len(texts) == 2 and re.fullmatch(
        r"[0-9]{1,3}(?:\.[0-9]{1,3})*|[IVXLCivxlc]{1,7}|[a-zđA-Z]", texts[0].strip().rstrip(".)")
    ):
        token, rest = texts[0].strip().rstrip(".)"), texts[1]
        depth = _numbering_depth(token)
    elif len(texts) == 1:
        rest = texts[0]
        depth = 0
        if m := _SECTION_NUMBERING.match(rest):
            rest = m["rest"]
            depth = _numbering_depth(m["token"]) if m["token"] else 3
    else:
        return None
    kind = unit_kind(rest)
    if kind is None:
        return None
    return RowKind("section", depth=depth, unit=kind, name=rest.strip(" .:-"))


def _stated_number(label: str, others: Sequence[str]) -> int | None:
    """The count a subtotal or total row states: in its label ('Cộng: 31', 'Cộng chi bộ
    thôn 3: 31', 'Tổng cộng 61 đồng chí'), else its only whole-number cell (the count may
    sit in the STT column); None when it states none, or several."""
    stated = label.split(":", 1)[1] if ":" in label else label
    if m := _FIRST_INT.search(stated):
        return int(m[1])
    numbers = [m[1] for t in others if (m := _COUNT_CELL.fullmatch(fold_spaced(t)))]
    return int(numbers[0]) if len(numbers) == 1 else None


# a cell stating a count: '10', '10 đồng chí', '10 đ/c', '10 người', '10 đảng viên'
_COUNT_CELL = re.compile(r"(\d{1,7})\s*(?:dong chi|d/c|dc|nguoi|dang vien)?\.?")


def classify_row(texts: Sequence[str]) -> RowKind | None:
    """The kind of a row that holds no admission date, from its cell texts (merged
    duplicates removed, in column order); None for anything else (a member row, a blank).

    Totals and subtotals are recognised by 'Tổng'/'Cộng' with their accents, so that a
    member called 'Công' or 'Tống' is never taken for one; a leading row number is passed
    over. Signatures, notes and the place-and-date line are recognised as before.
    """
    position = next((i for i, t in enumerate(texts) if t and not _ROW_NUMBER.match(t)), None)
    if position is None:
        return None
    label = texts[position]
    others = [t for i, t in enumerate(texts) if i != position]
    lower = label.lower()
    if lower.startswith(("tổng", "total", "cộng toàn", "cộng chung")):
        return RowKind("total", number=_stated_number(label, others))
    if _COUNT_NOTE.match(fold_spaced(label)):
        # 'Danh sách có 1.481 đồng chí.': a total written as a note, checked as one
        return RowKind("total", number=_stated_number(label.replace(".", ""), others))
    if lower.startswith("cộng"):
        words = fold_spaced(label).split()
        closes = next((u for w, u in UNIT_WORDS if " ".join(words[1:]).startswith(w)), "")
        return RowKind("subtotal", unit=closes, number=_stated_number(label, others))
    if len(texts) <= STRUCTURE_MAX_TEXTS:
        first = fold(label)
        if any(first.startswith(s) for s in _SIGNATURE_STARTS) or _DATE_LINE.search(first):
            return RowKind("signature")
    return _section(texts)


@dataclass
class SheetStructure:
    """What a sheet's non-member rows say: which rows to drop (sections, subtotals, totals
    and the signature block), the unit each section sets for the rows below it, and the
    counts the subtotals and totals state, to check against the members above them."""

    dropped: list[int]
    footer: list[int]  # of the dropped: totals and the signature block
    sections: int
    # (position, parent, org, branch): the units of the rows below a section row
    units: list[tuple[int, str | None, str | None, str | None]]
    # (position, stated count, positions after which the members it may cover start: the
    # first is the section it closes, the others enclosing ones)
    checks: list[tuple[int, int, tuple[int, ...]]]


# Complex by design: one pass over the rows, one branch per kind of row.
def sheet_structure(rows: Sequence[tuple[int, RowKind | None]]) -> SheetStructure:  # noqa: C901
    """Read the section, subtotal, total and signature rows of a sheet, in row order.

    A 'Đảng bộ' section names the grassroots organization, or the parent committee when
    'Đảng bộ' sections are nested under it; a 'Chi bộ' section names a branch, or a chi bộ
    cơ sở (its own organization) when it stands beside 'Đảng bộ' sections at the top. A
    section closes the sections at its depth and below; a subtotal checks the innermost
    open section (else everything since the last check), a total the whole sheet.

    ``rows`` are the positions of the rows without an admission date and their kind (None:
    not a structure row); from the first signature row on, every one of them is footer.
    """
    signature = next((p for p, k in rows if k is not None and k.kind == "signature"), None)
    kinds = [(p, k) for p, k in rows if k is not None and (signature is None or p < signature)]
    footer = [
        p
        for p, k in rows
        if signature is not None and p >= signature or k is not None and k.kind == "total"
    ]
    sections = [(p, k) for p, k in kinds if k.kind == "section"]
    dropped = sorted({p for p, _ in kinds} | set(footer))
    depth_of = {p: _effective_depth(k) for p, k in sections}
    top_org_depths = {depth_of[p] for p, k in sections if k.unit == "dang_bo"}

    units: list[tuple[int, str | None, str | None, str | None]] = []
    stack: list[tuple[int, str, str]] = []  # (depth, field, name)
    for index, (position, kind) in enumerate(sections):
        depth = depth_of[position]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if kind.unit == "khoi":
            field = "parent"
        elif kind.unit == "dang_bo":
            field = "parent" if _has_nested_org(sections, index, depth_of) else "org"
        elif kind.unit == "chi_bo_co_so":
            field = "org+branch"
        elif kind.unit == "chi_bo":
            enclosed = any(f in ("org", "org+branch") for _, f, _ in stack)
            field = "org+branch" if not enclosed and depth in top_org_depths else "branch"
        else:
            field = "group"
        stack.append((depth, field, kind.name))
        found = {f: n for _, f, n in stack}
        org = found.get("org") or found.get("org+branch")
        branch = found.get("branch") or found.get("org+branch")
        units.append((position, found.get("parent"), org, branch))

    checks: list[tuple[int, int, tuple[int, ...]]] = []
    open_sections: list[tuple[int, int, str]] = []  # (depth, position, unit)
    last_check = -1
    for position, kind in kinds:
        if kind.kind == "section":
            depth = depth_of[position]
            while open_sections and open_sections[-1][0] >= depth:
                open_sections.pop()
            open_sections.append((depth, position, kind.unit))
        elif kind.kind in ("subtotal", "total"):
            starts: tuple[int, ...]
            if kind.kind == "total":
                starts, open_sections = (-1,), []
            elif kind.unit and any(u == kind.unit for _, _, u in open_sections):
                # 'Cộng khối', 'Cộng chi bộ': closes the innermost section of that kind
                while open_sections[-1][2] != kind.unit:
                    open_sections.pop()
                starts = (open_sections.pop()[1],)
            elif open_sections:
                # 'Cộng': the innermost open section, or one enclosing it (a 'Cộng' under
                # an organization's last branch may count the organization)
                starts = tuple(p for _, p, _ in reversed(open_sections)) + (last_check,)
                open_sections.pop()
            else:
                starts = (last_check,)
            last_check = position
            if kind.number is not None:
                checks.append((position, kind.number, starts))
    return SheetStructure(
        dropped=dropped, footer=footer, sections=len(sections), units=units, checks=checks
    )


def _effective_depth(kind: RowKind) -> int:
    """Numbered sections by their numbering; unnumbered ones by their words."""
    if kind.depth:
        return kind.depth
    return 2 if kind.unit in ("chi_bo", "group") else 1


def _has_nested_org(
    sections: Sequence[tuple[int, RowKind]], index: int, depth_of: dict[int, int]
) -> bool:
    """Whether an organization section sits under section ``index`` (before its sibling)."""
    depth = depth_of[sections[index][0]]
    for position, kind in sections[index + 1 :]:
        if depth_of[position] <= depth:
            return False
        if kind.unit in ("dang_bo", "chi_bo_co_so"):
            return True
    return False
