"""Canonical frame -> issues, rejected rows and duplicates (docs/layouts.md). Never raises
on a row.

Rows are rejected only when they cannot be placed in a period or trusted at all: their
sheet lacks a required column, they have no name, or no valid admission date. Every other
finding is reported and the row is counted (under ``unknown`` where a value is unreadable).
The second and later occurrences of one person are rejected as duplicates: counted once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dvstat import normalize as nz
from dvstat import persons, schema
from dvstat.dates import add_months
from dvstat.issue_store import Batch, IssueTable
from dvstat.model import Issue, Severity, SheetInfo
from dvstat.party_rules import ADULT_MONTHS, PROBATION_MONTHS, SENIOR_MONTHS
from dvstat.text import MAX_CELL_CHARS

_UNKNOWN_CODES = {
    schema.ETHNICITY: "unknown-ethnicity",
    schema.RELIGION: "unknown-religion",
    schema.GENERAL_EDUCATION: "unknown-education",
    schema.PROFESSIONAL: "unknown-professional",
    schema.POLITICAL_THEORY: "unknown-political-theory",
    schema.OCCUPATION: "unknown-occupation",
    schema.YOUTH_UNION: "unknown-youth-union",
    schema.GENDER: "unknown-gender",
}


@dataclass
class Validation:
    """Issues in roster order, and per row: rejected?, why, and whether a duplicate."""

    issues: IssueTable
    rejected: pd.Series
    reason: pd.Series
    duplicate: pd.Series


RosterKind = Literal["admissions", "members", "candidates"]


def validate_roster(
    frame: pd.DataFrame,
    sheets: Sequence[SheetInfo],
    as_of: date | None,
    kind: RosterKind = "admissions",
) -> Validation:
    """All checks over a canonical frame; ``as_of`` bounds dates (None: no future check).

    A roster of admissions or of members needs a name and an admission date to place a
    row; a roster of candidates only a name (most have not been admitted), its admission
    dates checked but never the reason to reject a row."""
    headers = {(s.file, s.sheet): s.headers for s in sheets}
    ctx = _Context(frame, headers)
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    candidates = kind == "candidates"

    sheet_issues, bad_sheets = _missing_columns(
        sheets,
        (schema.FULL_NAME,) if candidates else schema.COUNTING_FIELDS,
        # the groups a pipeline is counted by: without the column they are not known
        (schema.YOUTH_UNION, schema.OCCUPATION) if candidates else (),
    )
    in_bad_sheet = _rows_of_sheets(frame, bad_sheets)
    reason[in_bad_sheet] = "missing-column"
    live = ~in_bad_sheet

    def reject(mask: pd.Series, code: str) -> None:
        reason[mask & reason.isna()] = code

    name_empty = frame[schema.FULL_NAME].isna() | (frame[schema.FULL_NAME] == "")
    ctx.emit(live & name_empty, "missing-name", "error", schema.FULL_NAME, None)
    reject(live & name_empty, "missing-name")

    adm_status = frame[f"{schema.ADMISSION_DATE}_status"]
    adm_missing = adm_status.isin([nz.EMPTY, nz.ABSENT])
    adm_bad = adm_status == nz.BAD
    admitted = frame[schema.ADMISSION_DATE]
    future = (
        live & (admitted > pd.Timestamp(as_of))
        if as_of is not None
        else pd.Series(False, index=frame.index)
    )
    as_of_text = as_of.strftime("%d/%m/%Y") if as_of is not None else ""
    if candidates:
        ctx.emit(
            live & adm_bad,
            "bad-date",
            "warning",
            schema.ADMISSION_DATE,
            f"{schema.ADMISSION_DATE}_text",
            consequence="unknown",
        )
        ctx.emit(
            future,
            "future-date",
            "warning",
            schema.ADMISSION_DATE,
            f"{schema.ADMISSION_DATE}_text",
            consequence="",
            as_of=as_of_text,
        )
    else:
        ctx.emit(
            live & ~name_empty & adm_missing,
            "missing-admission-date",
            "error",
            schema.ADMISSION_DATE,
            None,
        )
        ctx.emit(
            live & adm_bad,
            "bad-date",
            "error",
            schema.ADMISSION_DATE,
            f"{schema.ADMISSION_DATE}_text",
            consequence="rejected",
        )
        reject(live & adm_missing, "missing-admission-date")
        reject(live & adm_bad, "bad-date")
        ctx.emit(
            future,
            "future-date",
            "error",
            schema.ADMISSION_DATE,
            f"{schema.ADMISSION_DATE}_text",
            consequence="rejected",
            as_of=as_of_text,
        )
        reject(future, "future-date")

    ok = live & reason.isna()
    # the admission rules (18 to 60, lower secondary education) concern a new admission:
    # not a long-standing member, nor a candidate not yet admitted
    admission_rules = kind == "admissions"
    _check_birth(ctx, frame, ok, as_of, admission_rules)
    _check_values(ctx, frame, ok, admission_rules)
    _check_official(ctx, frame, ok)
    if not candidates:
        _check_leaving(ctx, frame, ok, as_of)
    for name in schema.DATE_FIELDS:
        if f"{name}_yy" in frame:
            ctx.emit(
                live & frame[f"{name}_yy"] & frame[name].notna(),
                "two-digit-year",
                "info",
                name,
                f"{name}_text",
                per_row={"year": frame[name].dt.year.astype("Int64")},
            )

    duplicate = _duplicates(ctx, frame, reason.isna())
    reject(duplicate, "duplicate-person")
    rejected = reason.notna()
    return Validation(
        issues=IssueTable.join(sheet_issues, ctx.sorted_issues()),
        rejected=rejected,
        reason=reason,
        duplicate=duplicate,
    )


def row_issues(
    frame: pd.DataFrame,
    sheets: Sequence[SheetInfo],
    mask: pd.Series,
    code: str,
    severity: Severity,
    field: str,
    value_column: str | None,
    per_row: dict[str, pd.Series] | None = None,
    **detail: str,
) -> IssueTable:
    """Issues of one code for the masked rows, each at its place, the column named as its
    own sheet names it (for findings made after validation, such as the pipeline's);
    ``per_row`` adds detail values that differ by row."""
    ctx = _Context(frame, {(s.file, s.sheet): s.headers for s in sheets})
    ctx.emit(mask, code, severity, field, value_column, per_row, **detail)
    return ctx.sorted_issues()


class _Context:
    """Builds row issues with the header text of each row's own sheet as the column name."""

    def __init__(
        self, frame: pd.DataFrame, headers: dict[tuple[str, str | None], dict[str, str]]
    ) -> None:
        self.frame = frame
        self.headers = headers
        self.tables: list[IssueTable] = []
        self.order: list[np.ndarray] = []  # each table's rows' positions in the frame

    def column_name(self, file: str, sheet: str | None, field: str, female: bool) -> str | None:
        """The column as the row's own sheet heads it; None where the sheet has no such
        column (the message then names the field in the run's language)."""
        sheet_headers = self.headers.get((file, sheet), {})
        if field in sheet_headers:
            return sheet_headers[field]
        if field == schema.BIRTH_DATE:
            pair = schema.BIRTH_FEMALE if female else schema.BIRTH_MALE
            if pair in sheet_headers:
                return sheet_headers[pair]
        if field == schema.GENDER:
            for pair in (schema.BIRTH_MALE, schema.MARK_MALE):
                if pair in sheet_headers:
                    return sheet_headers[pair].split(" / ")[0]
        return None

    def emit(
        self,
        mask: pd.Series,
        code: str,
        severity: Severity,
        field: str,
        value_column: str | None,
        per_row: dict[str, pd.Series] | None = None,
        **detail: str,
    ) -> None:
        """One issue per masked row, kept as columns; ``per_row`` adds detail values that
        differ by row."""
        if not mask.any():
            return
        needed = [schema.SRC_FILE, schema.SRC_SHEET, schema.SRC_ROW, schema.GENDER]
        rows = self.frame.loc[mask, needed + ([value_column] if value_column else [])]
        size = len(rows)
        file_codes, file_texts = _codes_and_texts(rows[schema.SRC_FILE])
        sheet_codes, sheet_texts = _codes_and_texts(rows[schema.SRC_SHEET])
        files, sheets = file_texts[file_codes], sheet_texts[sheet_codes]
        female = (rows[schema.GENDER] == "female").to_numpy()
        # the header is looked up once per sheet (and gender), not per row
        place = (file_codes.astype(np.int64) * len(sheet_texts) + sheet_codes + 1) * 2 + female
        _, firsts, inverse = np.unique(place, return_index=True, return_inverse=True)
        names = np.empty(len(firsts), dtype=object)
        names[:] = [self.column_name(files[i], sheets[i], field, bool(female[i])) for i in firsts]
        values = _quoted(rows[value_column]) if value_column else [None] * size
        extras = {key: _per_row_text(series[mask]) for key, series in (per_row or {}).items()}
        self.tables.append(
            IssueTable.rows(
                Batch(code, severity, dict(detail), extras, unnamed_field=field),
                files,
                sheets,
                rows[schema.SRC_ROW].astype("int64").to_numpy(),
                names[inverse.ravel()],
                values,
                size,
            )
        )
        self.order.append(rows.index.to_numpy())

    def sorted_issues(self) -> IssueTable:
        """In roster order (file, sheet, row as read), then in rule order."""
        if not self.tables:
            return IssueTable.empty()
        order = np.concatenate(self.order)
        return IssueTable.join(*self.tables).take(np.argsort(order, kind="stable"))


def _codes_and_texts(
    column: pd.Series, missing: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A provenance column as codes and the text of each code, ``missing`` last (code
    -1): rows point at one string per file or sheet instead of a copy each."""
    values = pd.Categorical(column)
    texts = np.empty(len(values.categories) + 1, dtype=object)
    texts[:-1] = [str(c) for c in values.categories]
    texts[-1] = missing
    return np.asarray(values.codes), texts


def _row_texts(column: pd.Series, missing: str | None = None) -> np.ndarray:
    """The text of a provenance column per row (``missing`` where none)."""
    codes, texts = _codes_and_texts(column, missing)
    return np.asarray(texts[codes], dtype=object)


def _per_row_text(values: pd.Series) -> np.ndarray:
    """Detail that differs by row, as compact as it comes (whole numbers, or the texts the
    rows share); ``Issue`` gets ``str`` of it, which is what ``astype(str)`` gives."""
    if pd.api.types.is_integer_dtype(values.dtype) and not values.isna().any():
        return values.to_numpy(dtype=np.int64)
    objects = values.astype(object).to_numpy()
    if pd.api.types.infer_dtype(objects, skipna=False) == "string":
        return objects
    return values.astype(str).to_numpy(dtype=object)


def _quoted(column: pd.Series) -> np.ndarray | pa.Array:
    """The cell text an issue quotes per row: None where empty (from Arrow text without
    making a Python string per row)."""
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        texts = pa.array(column.array)
        return pc.if_else(pc.equal(texts, ""), pa.scalar(None, texts.type), texts)
    if isinstance(column.dtype, pd.CategoricalDtype):  # the '_text' columns: once per value
        values = column.cat.categories.to_numpy(dtype=object)
        texts = np.empty(len(values) + 1, dtype=object)  # the last one: code -1, empty
        texts[:-1] = _quoted(pd.Series(values, dtype=object))
        return np.asarray(texts[column.cat.codes.to_numpy()], dtype=object)
    out = np.empty(len(column), dtype=object)
    out[:] = [
        None if v is None or v is pd.NA or v != v or v == "" else v if type(v) is str else str(v)
        for v in column.astype(object).to_numpy()
    ]
    return out


SheetKey = tuple[str, str | None]


def _missing_columns(
    sheets: Sequence[SheetInfo], counting: Sequence[str], wanted: Sequence[str] = ()
) -> tuple[list[Issue], set[SheetKey]]:
    """An error per required column a sheet lacks (a warning for a ``wanted`` one); the
    sheets whose rows cannot be placed (a column of ``counting`` missing) are returned to
    be rejected."""
    issues: list[Issue] = []
    bad: set[SheetKey] = set()
    gender_sources = {schema.BIRTH_MALE, schema.BIRTH_FEMALE, schema.MARK_MALE, schema.MARK_FEMALE}
    for info in sheets:
        present = set(info.headers)
        for name in (*counting, *schema.BREAKDOWN_FIELDS, *wanted):
            if name == schema.GENDER and present & gender_sources:
                continue
            if name not in present:
                rejects = name in counting
                if rejects:
                    bad.add((info.file, info.sheet))
                severity: Severity = "warning" if name in wanted else "error"
                issues.append(
                    Issue(
                        "missing-column",
                        severity,
                        info.file,
                        info.sheet,
                        info.header_row,
                        None,
                        None,
                        {
                            "field": name,
                            "rows": str(info.rows),
                            "consequence": "sheet-rejected" if rejects else "sheet-unknown",
                        },
                    )
                )
    return issues, bad


def _rows_of_sheets(frame: pd.DataFrame, sheets: set[SheetKey]) -> pd.Series:
    if not sheets:
        return pd.Series(False, index=frame.index)
    keys = pd.Series(
        list(
            zip(
                frame[schema.SRC_FILE].astype(object),
                frame[schema.SRC_SHEET].astype(object).where(frame[schema.SRC_SHEET].notna(), None),
                strict=True,
            )
        ),
        index=frame.index,
        dtype=object,
    )
    return keys.isin(list(sheets))


def _check_birth(
    ctx: _Context, frame: pd.DataFrame, ok: pd.Series, as_of: date | None, admission_rules: bool
) -> None:
    status = frame[f"{schema.BIRTH_DATE}_status"]
    text = f"{schema.BIRTH_DATE}_text"
    ctx.emit(
        ok & (status == nz.BAD),
        "bad-date",
        "warning",
        schema.BIRTH_DATE,
        text,
        consequence="unknown",
    )
    ctx.emit(
        ok & status.isin([nz.EMPTY, nz.ABSENT]),
        "missing-birth-date",
        "warning",
        schema.BIRTH_DATE,
        None,
    )
    ctx.emit(ok & (status == nz.YEAR_ONLY), "birth-year-only", "info", schema.BIRTH_DATE, text)
    birth = frame[schema.BIRTH_DATE]
    if as_of is not None:
        ctx.emit(
            ok & (birth > pd.Timestamp(as_of)),
            "future-date",
            "error",
            schema.BIRTH_DATE,
            text,
            consequence="unknown",
            as_of=as_of.strftime("%d/%m/%Y"),
        )
    ctx.emit(
        ok & (birth > frame[schema.ADMISSION_DATE]),
        "admitted-before-birth",
        "error",
        schema.ADMISSION_DATE,
        f"{schema.ADMISSION_DATE}_text",
    )
    if not admission_rules:
        return
    months = frame["age_months"]
    under = ok & (months < ADULT_MONTHS).fillna(False).astype(bool)
    ctx.emit(under, "under-18", "error", schema.BIRTH_DATE, text, per_row={"age": months})
    over = ok & (months > SENIOR_MONTHS).fillna(False).astype(bool)
    ctx.emit(over, "over-60", "warning", schema.BIRTH_DATE, text, per_row={"years": frame["age"]})


def _check_values(
    ctx: _Context, frame: pd.DataFrame, ok: pd.Series, admission_rules: bool = True
) -> None:
    for name, code in _UNKNOWN_CODES.items():
        long = frame[f"{name}_long"]
        ctx.emit(
            ok & long, "value-too-long", "warning", name, f"{name}_text", limit=str(MAX_CELL_CHARS)
        )
        ctx.emit(ok & frame[f"{name}_bad"] & ~long, code, "warning", name, f"{name}_text")
    for name in (schema.ETHNICITY, schema.RELIGION, schema.GENERAL_EDUCATION):
        empty = ~frame[f"{name}_absent"] & (frame[f"{name}_text"] == "")
        ctx.emit(ok & empty, "missing-value", "warning", name, None)
    gender_empty = (
        (frame[schema.GENDER] == "unknown")
        & ~frame[f"{schema.GENDER}_bad"]
        & ~frame["gender_conflict"]
        & ~frame["gender_absent"]
    )
    ctx.emit(ok & gender_empty, "missing-value", "warning", schema.GENDER, None)
    ctx.emit(ok & frame["gender_conflict"], "gender-conflict", "warning", schema.BIRTH_DATE, None)
    low = frame[schema.GENERAL_EDUCATION].isin(["literate", "primary"])
    ctx.emit(
        ok & low & admission_rules,
        "below-lower-secondary",
        "warning",
        schema.GENERAL_EDUCATION,
        f"{schema.GENERAL_EDUCATION}_text",
    )


def _check_official(ctx: _Context, frame: pd.DataFrame, ok: pd.Series) -> None:
    status = frame[f"{schema.OFFICIAL_DATE}_status"]
    text = f"{schema.OFFICIAL_DATE}_text"
    ctx.emit(
        ok & (status == nz.BAD),
        "bad-date",
        "warning",
        schema.OFFICIAL_DATE,
        text,
        consequence="unknown",
    )
    official = frame[schema.OFFICIAL_DATE]
    expected = add_months(frame[schema.ADMISSION_DATE], PROBATION_MONTHS)
    has = ok & official.notna() & expected.notna()
    early = has & (official < expected)
    late = has & (official > expected)
    shown = expected[early | late].dt.strftime("%d/%m/%Y").reindex(frame.index)
    ctx.emit(
        early,
        "official-date-early",
        "error",
        schema.OFFICIAL_DATE,
        text,
        per_row={"expected": shown},
    )
    ctx.emit(
        late,
        "official-date-mismatch",
        "warning",
        schema.OFFICIAL_DATE,
        text,
        per_row={"expected": shown},
    )


GONE = ("died", "transferred_out", "removed", "expelled", "resigned", "not_recognized")


def _check_leaving(ctx: _Context, frame: pd.DataFrame, ok: pd.Series, as_of: date | None) -> None:
    """The membership columns: who left, when, and who came from elsewhere."""
    for name in (schema.LEAVE_DATE, schema.TRANSFER_IN_DATE):
        status = frame[f"{name}_status"]
        ctx.emit(
            ok & (status == nz.BAD),
            "bad-date",
            "warning",
            name,
            f"{name}_text",
            consequence="unknown",
        )
        if as_of is not None:
            ctx.emit(
                ok & (frame[name] > pd.Timestamp(as_of)),
                "future-date",
                "warning",
                name,
                f"{name}_text",
                consequence="",
                as_of=as_of.strftime("%d/%m/%Y"),
            )
    reason = frame[schema.LEAVE_REASON]
    ctx.emit(
        ok & frame[f"{schema.LEAVE_REASON}_bad"],
        "unknown-status",
        "warning",
        schema.STATUS,
        f"{schema.LEAVE_REASON}_text",
    )
    undated = reason.isin(GONE) & frame[f"{schema.LEAVE_DATE}_status"].isin([nz.EMPTY, nz.ABSENT])
    ctx.emit(
        ok & undated,
        "leave-date-missing",
        "warning",
        schema.LEAVE_DATE,
        f"{schema.LEAVE_REASON}_text",
    )
    admitted = frame[schema.ADMISSION_DATE]
    ctx.emit(
        ok & (frame[schema.LEAVE_DATE] < admitted),
        "leave-before-admission",
        "error",
        schema.LEAVE_DATE,
        f"{schema.LEAVE_DATE}_text",
    )
    ctx.emit(
        ok & (frame[schema.TRANSFER_IN_DATE] < admitted),
        "transfer-before-admission",
        "warning",
        schema.TRANSFER_IN_DATE,
        f"{schema.TRANSFER_IN_DATE}_text",
    )


def _possible_duplicates(
    ctx: _Context,
    frame: pd.DataFrame,
    positions: np.ndarray,
    year_only: np.ndarray,
    name_year: np.ndarray,
    first_index: pd.Series,
) -> None:
    """A birth year only, the name and year of another row, another admission date: maybe
    the same person, maybe two; both are kept and the later one is pointed out."""
    named = name_year >= 0
    if not (year_only & named).any():
        return
    keys = name_year[named]
    rows = positions[named]
    firsts = rows[_first_of(keys)]
    maybe = (firsts != rows) & year_only[named]
    maybe_rows = frame.index.to_numpy()[rows[maybe]]
    maybe_rows = maybe_rows[first_index.loc[maybe_rows].isna().to_numpy()]
    if len(maybe_rows) == 0:
        return
    mask = pd.Series(False, index=frame.index)
    mask.loc[maybe_rows] = True
    other_of = pd.Series(frame.index.to_numpy()[firsts[maybe]], index=frame.index[rows[maybe]])
    other_rows = frame.loc[other_of.loc[maybe_rows].to_numpy()]
    index = pd.Index(maybe_rows)
    ctx.emit(
        mask,
        "possible-duplicate",
        "warning",
        schema.FULL_NAME,
        schema.FULL_NAME,
        per_row={
            "other_file": pd.Series(
                _row_texts(other_rows[schema.SRC_FILE]), index=index, dtype=object
            ).reindex(frame.index),
            "other_sheet": pd.Series(
                _row_texts(other_rows[schema.SRC_SHEET], ""), index=index, dtype=object
            ).reindex(frame.index),
            "other_row": pd.Series(
                other_rows[schema.SRC_ROW].to_numpy(), index=index, dtype="Int64"
            ).reindex(frame.index),
        },
    )


def _first_of(keys: np.ndarray) -> np.ndarray:
    """For each row, the position of the first row with the same integer key (hashed, not
    sorted: factorize numbers keys in order met, so key k is new where a row's number
    first exceeds every number before it)."""
    codes, _ = pd.factorize(keys)
    if len(codes) == 0:
        return np.empty(0, dtype=np.int64)
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    new[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return np.asarray(np.flatnonzero(new)[codes], dtype=np.int64)


def _duplicates(ctx: _Context, frame: pd.DataFrame, candidates: pd.Series) -> pd.Series:
    """Later rows of a person already seen, by each way of being the same person
    (``persons``: an identifier, else name and full birth date, else — a birth year only on
    either side — name, year and admission date); the first way that finds one counts."""
    positions = np.flatnonzero(candidates.to_numpy())
    first_index = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    index_values = frame.index.to_numpy()
    name_codes = frame[schema.PERSON_CODE].to_numpy()  # from normalize
    passes: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]] = []
    for keys in persons.identity_keys(frame, name_codes):
        keys = keys[positions]
        passes.append((keys >= 0, keys, None))
    year_only = persons.year_only(frame)[positions]
    name_year = None
    if year_only.any():  # a birth year only: the same name, year and admission date
        name_year = persons.name_year_key(frame, name_codes)[positions]
        admitted = frame[schema.ADMISSION_DATE].to_numpy()[positions]
        year_key = persons.with_admission_day(name_year, admitted)
        passes.append((year_key >= 0, year_key, year_only))
    for mask, keys, needs in passes:
        if not mask.any():
            continue
        rows = positions[mask]
        first_positions = _first_of(keys[mask])
        firsts = rows[first_positions]
        later = firsts != rows
        if needs is not None:  # the pair must involve a year-only birth
            either = needs[mask] | needs[mask][first_positions]
            later &= either
        later_labels = index_values[rows[later]]
        fresh = first_index.loc[later_labels].isna().to_numpy()
        first_index.loc[later_labels[fresh]] = index_values[firsts[later][fresh]]
    if name_year is not None:
        _possible_duplicates(ctx, frame, positions, year_only, name_year, first_index)
    duplicate = first_index.notna()
    if duplicate.any():
        first_rows = frame.loc[
            first_index[duplicate].astype("int64").to_numpy(),
            [schema.SRC_FILE, schema.SRC_SHEET, schema.SRC_ROW],
        ]
        index = first_index[duplicate].index
        other = {
            "other_file": pd.Series(
                _row_texts(first_rows[schema.SRC_FILE]), index=index, dtype=object
            ),
            "other_sheet": pd.Series(
                _row_texts(first_rows[schema.SRC_SHEET], ""), index=index, dtype=object
            ),
            "other_row": pd.Series(
                first_rows[schema.SRC_ROW].to_numpy(), index=index, dtype="Int64"
            ),
        }
        ctx.emit(
            duplicate,
            "duplicate-person",
            "warning",
            schema.FULL_NAME,
            schema.FULL_NAME,
            per_row={k: v.reindex(frame.index) for k, v in other.items()},
        )
    return duplicate
