"""Person identity (``dvstat.persons``): when two rows name the same person, written out by
hand for each way of being the same, and the same rule in duplicates and in linking
candidates with admissions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dvstat import persons, schema
from dvstat.candidacy import link_admissions

STATUS = f"{schema.BIRTH_DATE}_status"


def _frame(rows: list[dict[str, object]], codes: list[int] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            schema.FULL_NAME: [r.get("name") for r in rows],
            schema.BIRTH_DATE: pd.to_datetime([r.get("birth") for r in rows]).astype(
                "datetime64[s]"
            ),
            STATUS: [r.get("status", "ok") for r in rows],
            schema.ADMISSION_DATE: pd.to_datetime([r.get("admitted") for r in rows]).astype(
                "datetime64[s]"
            ),
            schema.CITIZEN_ID: pd.Categorical([r.get("id") for r in rows]),
            schema.RECORD_NO: [r.get("record") for r in rows],
        }
    )
    if codes is not None:
        frame[schema.PERSON_CODE] = codes
    return frame


def _same(keys: np.ndarray) -> list[list[int]]:
    """Rows grouped by key (rows without a key left out), in order."""
    groups: dict[int, list[int]] = {}
    for row, key in enumerate(keys.tolist()):
        if key >= 0:
            groups.setdefault(key, []).append(row)
    return list(groups.values())


def test_name_and_full_birth_date() -> None:
    frame = _frame(
        [
            {"name": "An", "birth": "1990-05-01"},
            {"name": "An", "birth": "1990-05-01"},  # the same person as row 0
            {"name": "An", "birth": "1990-05-02"},  # a day later: another person
            {"name": "Bình", "birth": "1990-05-01"},  # another name
            {"name": "An", "birth": "1990-01-01", "status": "year"},  # a year only: no key
            {"name": None, "birth": "1990-05-01"},  # no name: no key
            {"name": "An", "birth": None},  # no birth date: no key
        ],
        codes=[0, 0, 0, 1, 0, -1, 0],
    )
    keys = persons.name_birth_key(frame, frame[schema.PERSON_CODE].to_numpy())
    assert _same(keys) == [[0, 1], [2], [3]]
    assert keys[4:].tolist() == [-1, -1, -1]


def test_identifiers_and_empty_cells() -> None:
    frame = _frame(
        [
            {"name": "An", "id": "001"},
            {"name": "Bình", "id": "001"},  # the same citizen ID: the same person
            {"name": "Chi", "id": ""},  # an empty cell names no one
            {"name": "Dũng", "id": ""},
            {"name": "Em", "id": None},
            {"name": "Gấm", "id": "002"},
        ],
        codes=[0, 1, 2, 3, 4, 5],
    )
    codes = persons.identifier_codes(frame, schema.CITIZEN_ID)
    assert _same(codes) == [[0, 1], [5]]
    assert codes[2:5].tolist() == [-1, -1, -1]
    # a column the frame does not have: every row without a key
    assert persons.identifier_codes(frame, schema.CARD_NO).tolist() == [-1] * 6
    # identity_keys: name and birth first, then record number, citizen ID, card number
    keys = persons.identity_keys(frame)
    assert len(keys) == 4
    assert _same(keys[2]) == [[0, 1], [5]]


def test_a_birth_year_only_is_compared_with_the_admission_day() -> None:
    frame = _frame(
        [
            {"name": "An", "birth": "1990-01-01", "status": "year", "admitted": "2025-03-02"},
            {"name": "An", "birth": "1990-07-09", "admitted": "2025-03-02"},  # same year, day
            {"name": "An", "birth": "1990-01-01", "status": "year", "admitted": "2025-03-03"},
            {"name": "An", "birth": "1991-01-01", "status": "year", "admitted": "2025-03-02"},
            {"name": "An", "birth": "1990-01-01", "status": "year", "admitted": None},
            {"name": None, "birth": "1990-01-01", "status": "year", "admitted": "2025-03-02"},
            {"name": "An", "birth": None, "admitted": "2025-03-02"},
        ],
        codes=[0, 0, 0, 0, 0, -1, 0],
    )
    assert persons.year_only(frame).tolist() == [True, False, True, True, True, True, False]
    name_year = persons.name_year_key(frame, frame[schema.PERSON_CODE].to_numpy())
    assert _same(name_year) == [[0, 1, 2, 4], [3]]
    assert name_year[5:].tolist() == [-1, -1]  # no name; no birth date
    admitted = frame[schema.ADMISSION_DATE].to_numpy()
    keys = persons.with_admission_day(name_year, admitted)
    assert _same(keys) == [[0, 1], [2], [3]]
    assert keys[4:].tolist() == [-1, -1, -1]  # no admission date, no name, no birth


def test_rows_without_a_status_column_are_full_dates() -> None:
    frame = _frame([{"name": "An", "birth": "1990-01-01"}], codes=[0]).drop(columns=STATUS)
    found = persons.year_only(frame)
    assert found.dtype == bool and found.tolist() == [False]
    assert persons.name_birth_key(frame, np.array([0])).tolist() != [-1]


def test_two_lists_are_numbered_together() -> None:
    """Names cleaned alike across two lists whose categories differ; an identifier both
    carry; a year-only birth never links by name."""
    candidates = _frame(
        [
            {"name": "Nguyễn Văn An", "birth": "1990-05-01"},
            {"name": "Trần Thị Bình", "birth": "1992-02-03", "id": "079"},
            {"name": "Lê Chi", "birth": "1993-01-01", "status": "year"},
            {"name": "Phạm Dũng", "birth": "1994-04-04"},
        ]
    )
    admissions = _frame(
        [
            {"name": "Phạm Dũng", "birth": "1994-04-05", "admitted": "2026-01-10"},
            {"name": "nguyễn  văn  an", "birth": "1990-05-01", "admitted": "2026-03-02"},
            {"name": "Trần Bình", "birth": "1992-02-04", "id": "079", "admitted": "2026-05-19"},
            {"name": "Lê Chi", "birth": "1993-01-01", "status": "year", "admitted": "2026-09-02"},
        ]
    )
    (left, right), *ids = persons.matching_keys(candidates, admissions)
    assert left[0] == right[1] and left[0] >= 0  # the name cleaned, the same birth date
    assert left[3] != right[0]  # a day apart
    assert left[2] == -1 and right[3] == -1  # a year only
    citizen = ids[1]  # record number, citizen ID, card number (absent: no keys)
    assert citizen[0][1] == citizen[1][2] >= 0
    assert ids[2][0].tolist() == [-1] * 4

    found, seen = link_admissions(candidates, admissions)
    assert found.tolist()[:2] == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-05-19")]
    assert found.isna().tolist() == [False, False, True, True]
    assert seen.tolist() == [False, True, True, False]


def test_the_first_way_that_links_gives_the_date() -> None:
    """By name and birth the candidate is the first admission row; by citizen ID the
    second: name and birth date come first."""
    candidates = _frame([{"name": "An", "birth": "1990-05-01", "id": "9"}])
    admissions = _frame(
        [
            {"name": "An", "birth": "1990-05-01", "admitted": "2026-02-03"},
            {"name": "An", "birth": "1990-05-01", "admitted": "2026-04-05"},  # 2nd of a key
            {"name": "Khác", "birth": "1980-01-01", "id": "9", "admitted": "2026-06-07"},
        ]
    )
    found, seen = link_admissions(candidates, admissions)
    assert found.tolist() == [pd.Timestamp("2026-02-03")]
    assert seen.tolist() == [True, True, True]


def test_no_admissions() -> None:
    candidates = _frame([{"name": "An", "birth": "1990-05-01"}])
    found, seen = link_admissions(candidates, None)
    assert found.isna().tolist() == [True] and seen.empty
    found, seen = link_admissions(candidates, candidates.iloc[0:0])
    assert found.isna().tolist() == [True] and seen.empty


def test_linking_keeps_each_list_s_own_row_labels() -> None:
    """Lists filtered before they are linked keep their labels: each answer on its row."""
    candidates = _frame(
        [{"name": "An", "birth": "1990-05-01"}, {"name": "Bình", "birth": "1991-01-01"}]
    ).set_axis([7, 3])
    admissions = _frame(
        [
            {"name": "Khác", "birth": "1980-01-01", "admitted": "2026-01-01"},
            {"name": "An", "birth": "1990-05-01", "admitted": "2026-02-03"},
        ]
    ).set_axis([10, 4])
    found, seen = link_admissions(candidates, admissions)
    assert found.index.tolist() == [7, 3]
    assert found.tolist()[0] == pd.Timestamp("2026-02-03") and pd.isna(found.tolist()[1])
    assert seen.index.tolist() == [10, 4] and seen.tolist() == [False, True]


def test_a_column_only_one_list_has_is_not_compared() -> None:
    """The admissions carry a record number the candidates do not: linked by name and
    birth date all the same."""
    candidates = _frame([{"name": "An", "birth": "1990-05-01"}]).drop(columns=schema.RECORD_NO)
    admissions = _frame([{"name": "An", "birth": "1990-05-01", "record": "LL-1",
                          "admitted": "2026-02-03"}])  # fmt: skip
    found, seen = link_admissions(candidates, admissions)
    assert found.tolist() == [pd.Timestamp("2026-02-03")] and seen.tolist() == [True]
    ways = persons.matching_keys(candidates, admissions)
    assert [k.tolist() for k in ways[1]] == [[-1], [-1]]  # the record number: no key


def test_keys_stay_apart_and_never_look_like_no_key_over_every_date_a_roster_holds() -> None:
    """-1 means 'no key': a present key is never negative. Over the dates a roster can hold
    (1900 to 2100) and person numbers up to a million, no two different (name, day),
    (name, year) or (name, year, admission day) share a key. The days are 1.024 apart (and
    the bounds), so a factor of a power of two too small to hold a day shows as two people
    sharing a key."""
    start = np.datetime64("1900-01-01", "D")
    steps = [start + 1024 * k for k in range(71)]
    bounds = ["1900-01-02", "1969-12-31", "1970-01-01", "2100-12-31"]
    days = [str(d) for d in steps] + bounds
    codes = [0, 1, 4096, 1 << 20]
    grid = [(c, b, a) for c in codes for b in days for a in days]
    frame = _frame([{"name": "x", "birth": b, "admitted": a} for _, b, a in grid])
    names = np.array([c for c, _, _ in grid], dtype=np.int64)
    full = persons.name_birth_key(frame, names)
    assert (full >= 0).all()
    assert len(set(full.tolist())) == len({(c, b) for c, b, _ in grid})
    year = persons.name_year_key(frame, names)
    assert (year >= 0).all()
    assert len(set(year.tolist())) == len({(c, b[:4]) for c, b, _ in grid})
    joined = persons.with_admission_day(year, frame[schema.ADMISSION_DATE].to_numpy())
    assert (joined >= 0).all()
    assert len(set(joined.tolist())) == len({(c, b[:4], a) for c, b, a in grid})


def test_keys_are_int64_whatever_integers_number_the_names() -> None:
    """Person numbers may come as int32 (a smaller frame's codes): the keys are still
    64-bit integers and do not overflow (200 × 2²⁴ is past 2³¹)."""
    frame = _frame(
        [
            {"name": "a", "birth": "1990-01-01", "admitted": "2020-05-01"},
            {"name": "b", "birth": "1990-01-01", "admitted": "2020-05-01"},
        ]
    )
    names = np.array([200, 201], dtype=np.int32)
    full = persons.name_birth_key(frame, names)
    year = persons.name_year_key(frame, names)
    joined = persons.with_admission_day(year, frame[schema.ADMISSION_DATE].to_numpy())
    for keys in (full, year, joined):
        assert keys.dtype == np.int64
        assert (keys > 0).all() and keys[0] != keys[1]
    # 200 × 2²⁴ + (days from 1970 to 1990-01-01 = 7.305) + 2²²
    assert full.tolist()[0] == 200 * 2**24 + 7305 + 2**22
